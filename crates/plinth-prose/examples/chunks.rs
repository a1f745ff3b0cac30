//! Prints how each sentence of a file is chunked: `cargo run -p plinth-prose --example chunks -- FILE`.

use plinth_prose::grammar::{self, Chunk};

fn main() {
    let path = std::env::args().nth(1).expect("usage: chunks FILE");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let sents = plinth_prose::text::sentences(&text);
    let all: Vec<Vec<Chunk>> = sents.iter().map(|s| grammar::chunk(&s.tokens)).collect();
    println!("known: {:?}", plinth_prose::relations::known_entities(&all));
    for s in sents {
        let shown: Vec<String> = grammar::chunk(&s.tokens)
            .iter()
            .map(|c| match c {
                Chunk::Np(n) => format!(
                    "NP[{}{}{}]{}",
                    if n.det.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", n.det.join(" "))
                    },
                    n.text(),
                    if n.many { "+" } else { "" },
                    n.paren
                        .as_ref()
                        .map(|p| format!("({})", p.join("|")))
                        .unwrap_or_default()
                ),
                Chunk::Verb(v) => format!(
                    "V[{}{}{}{}{}]",
                    if v.aux.is_empty() {
                        String::new()
                    } else {
                        format!("{} ", v.aux.join(" "))
                    },
                    v.word,
                    v.particle.as_deref().map(|p| format!(" {p}")).unwrap_or_default(),
                    if v.passive { " pass" } else { "" },
                    if v.neg { " neg" } else { "" }
                ),
                Chunk::Prep(p) => format!("P[{p}]"),
                Chunk::Conj(c) => format!("C[{c}]"),
                Chunk::Comma => ",".into(),
                Chunk::Colon => ":".into(),
                Chunk::Other(o) => format!("O[{o}]"),
            })
            .collect();
        println!("{}\n   {}", s.text, shown.join(" "));
    }
}
