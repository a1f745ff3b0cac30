//! Robustness: truncated, mutated and random inputs never panic in
//! `check`, `parse`, `format` or `render`.

mod common;
use common::*;

/// Small deterministic PRNG (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "\"",
    "\"\"\"",
    "@",
    "@@",
    "->",
    "<->",
    "?",
    "=",
    ",",
    "/",
    "//",
    "\n",
    " ",
    "'",
    "-",
    "<",
    "é",
    "entity ",
    "enum ",
    "query ",
    "volume ",
    "settings ",
    "x",
    "Task",
    "text",
    "int",
    "decimal(",
    "string(",
    "enum(",
    "10M",
    "1.5",
    "now()",
    "@check(",
    "\t",
    "\r\n",
];

fn exercise(src: &str, render: bool) {
    let checked = plinth_spec::check(src);
    if render {
        let _ = plinth_spec::render(&checked.diagnostics, "fuzz.plinth", src, false);
    }
    for d in &checked.diagnostics {
        let _ = plinth_spec::line_col(src, d.span.start);
    }
    let (file, _) = plinth_spec::parse(src);
    let text = plinth_spec::format(&file);
    // Formatting a tree that parsed cleanly must give text that parses.
    // and the same tree, and formatting it again changes nothing.
    if checked.diagnostics.iter().all(|d| !d.is_error()) {
        let (again, diags) = plinth_spec::parse(&text);
        assert!(
            diags.is_empty(),
            "formatted text of a valid spec does not parse:\n--- input\n{src}\n--- output\n{text}\n{diags:#?}"
        );
        assert_eq!(
            without_spans(&format!("{file:?}")),
            without_spans(&format!("{again:?}")),
            "formatting changed the tree:\n--- input\n{src}\n--- output\n{text}"
        );
        assert_eq!(
            text,
            plinth_spec::format(&again),
            "format is not idempotent:\n--- input\n{src}"
        );
    }
}

fn corpus() -> Vec<String> {
    let mut files = plinth_files(&specs_dir().join("valid"));
    files.extend(plinth_files(&examples_dir()));
    files.extend(plinth_files(&specs_dir().join("invalid")));
    files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

#[test]
fn truncations_never_panic() {
    for src in corpus() {
        let cuts: Vec<usize> = (0..=src.len()).filter(|&i| src.is_char_boundary(i)).collect();
        for (n, &cut) in cuts.iter().enumerate() {
            exercise(&src[..cut], n % 50 == 0);
            exercise(&src[cut..], false);
        }
    }
}

#[test]
fn mutations_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for src in corpus() {
        for round in 0..150 {
            let mut s = src.clone();
            for _ in 0..1 + rng.below(4) {
                let mut at = rng.below(s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                match rng.below(3) {
                    0 => s.insert_str(at, PIECES[rng.below(PIECES.len())]),
                    1 => {
                        let mut end = (at + 1 + rng.below(20)).min(s.len());
                        while !s.is_char_boundary(end) {
                            end += 1;
                        }
                        s.replace_range(at..end, "");
                    }
                    _ => {
                        let mut end = (at + rng.below(40)).min(s.len());
                        while !s.is_char_boundary(end) {
                            end += 1;
                        }
                        let chunk = s[at..end].to_string();
                        s.insert_str(end, &chunk);
                    }
                }
            }
            exercise(&s, round % 10 == 0);
        }
    }
}

#[test]
fn random_inputs_never_panic() {
    let mut rng = Rng(42);
    for round in 0..3000 {
        let mut s = String::new();
        if round % 2 == 0 {
            for _ in 0..rng.below(60) {
                s.push_str(PIECES[rng.below(PIECES.len())]);
            }
        } else {
            let bytes: Vec<u8> = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
            s = String::from_utf8_lossy(&bytes).into_owned();
        }
        exercise(&s, round % 20 == 0);
    }
}
