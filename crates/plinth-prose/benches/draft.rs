//! `cargo bench -p plinth-prose --bench draft` — drafts a generated
//! 2,000-word description in release mode and prints the median and the
//! maximum over 21 runs. The description is built deterministically from
//! varied sentences (ownership, creation verbs, many-to-many, attribute
//! lists with types, bullets, settings), so every rule family runs.

use std::time::{Duration, Instant};

const RUNS: usize = 21;
const WORDS: usize = 2_000;

const NOUNS: &[&str] = &[
    "project",
    "ticket",
    "invoice",
    "shipment",
    "course",
    "lesson",
    "booking",
    "device",
    "album",
    "recipe",
    "warehouse",
    "contract",
    "campaign",
    "survey",
    "vehicle",
    "article",
    "playlist",
    "order",
    "account",
    "report",
];
const PARTS: &[&str] = &[
    "item",
    "note",
    "step",
    "entry",
    "line",
    "section",
    "slot",
    "task",
    "milestone",
    "attachment",
    "version",
    "question",
    "track",
    "stop",
    "clause",
    "photo",
    "reading",
    "event",
    "comment",
    "variant",
];

/// A deterministic description of about `words` words.
fn description(words: usize) -> String {
    let mut out = String::new();
    let mut i = 0usize;
    while out.split_whitespace().count() < words {
        let n = NOUNS[i % NOUNS.len()];
        let p = PARTS[(i * 7 + 3) % PARTS.len()];
        let q = NOUNS[(i * 3 + 1) % NOUNS.len()];
        let s = match i % 10 {
            0 => format!("Each {n} has many {p}s. "),
            1 => format!("A {p} belongs to a {n} and has a title, a due date, a price and a weight in kg. "),
            2 => format!("Customers create {n}s; agents are assigned to {n}s. "),
            3 => format!(
                "{}s can be tagged with labels, and a {n} can be in several {q}s. ",
                capitalise(n)
            ),
            4 => format!("Each {n} has a status (draft, active, archived), a paid flag and a created at timestamp.\n"),
            5 => format!(
                "- {}s contain {p}s with a quantity, a unit price and notes\n",
                capitalise(q)
            ),
            6 => format!(
                "{}s are ordered within a {n}; {p}s can reply to other {p}s. ",
                capitalise(p)
            ),
            7 => format!("Users sign in and can follow other users. A {n} has exactly one owner. "),
            8 => format!(
                "We need an audit trail, {n}s are never hard-deleted and two people may edit a {q} concurrently. "
            ),
            _ => format!("The {n} of a {q} records an amount, a start time and metadata.\n\n"),
        };
        out.push_str(&s);
        i += 1;
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn main() {
    let text = description(WORDS);
    let words = text.split_whitespace().count();
    // warm-up, and a check that the description is usable
    let d = plinth_prose::draft(&text).expect("the bench description drafts");
    assert!(plinth_spec::check(&d.spec).spec.is_some());
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let d = plinth_prose::draft(&text).unwrap();
            let e = t.elapsed();
            std::hint::black_box(d);
            e
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "draft of a {words}-word description ({} sentences → {} entities, {} inferences): median {:.1} ms, max {:.1} ms over {RUNS} runs",
        text.matches(['.', ';', '\n']).count(),
        d.entities.len(),
        d.inferences.len(),
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1])
    );
}
