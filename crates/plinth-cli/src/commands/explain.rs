//! `plinth explain RULE`: one rule's documentation (what, why, example, fix).

use crate::{EXIT_INPUT, EXIT_OK};

pub fn run(id: &str) -> u8 {
    match plinth_lint::rule(id) {
        Some(meta) => {
            super::lint::emit(&plinth_lint::docs::page(meta));
            EXIT_OK
        }
        None => {
            let known: Vec<&str> = plinth_lint::all_rules().iter().map(|r| r.id).collect();
            let hint = plinth_lint::config::closest(id, &known)
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| "`plinth rules` lists every rule".into());
            eprintln!("error: unknown rule `{id}`\n  help: {hint}");
            EXIT_INPUT
        }
    }
}
