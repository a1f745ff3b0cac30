//! `plinth rules [--format tty|json] [--write-docs DIR]`: every rule the
//! review engine knows; `--write-docs` regenerates docs/rules/.

use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One rule per line: id, kind, severity, summary.
    Tty,
    /// A JSON array of rules with their documentation.
    Json,
}

pub fn run(format: Format, write_docs: Option<&Path>) -> u8 {
    if let Some(dir) = write_docs {
        let pages = plinth_lint::docs::pages();
        let owned: Vec<(&str, String)> = pages.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
        if let Err(e) = files::write_all_atomic(dir, &owned) {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
        eprintln!("wrote {} pages to {}", pages.len(), dir.display());
        return EXIT_OK;
    }
    let rules = plinth_lint::all_rules();
    match format {
        Format::Json => {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "group": r.group(),
                        "kind": kind(r),
                        "severity": r.severity.as_str(),
                        "enabled_by_default": !plinth_lint::schema::OFF_BY_DEFAULT.contains(&r.id),
                        "summary": r.summary,
                        "what": r.what,
                        "why": r.why,
                        "example": r.example,
                        "fix": r.fix,
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list).expect("JSON values always serialize");
            text.push('\n');
            super::lint::emit(&text);
        }
        Format::Tty => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let mut text = String::new();
            for r in &rules {
                let off = if plinth_lint::schema::OFF_BY_DEFAULT.contains(&r.id) {
                    " (off)"
                } else {
                    ""
                };
                text.push_str(&format!(
                    "{:width$}  {:9}  {:7}  {}{off}\n",
                    r.id,
                    kind(r),
                    r.severity.as_str(),
                    r.summary
                ));
            }
            super::lint::emit(&text);
            eprintln!(
                "{} rules; `plinth explain RULE` prints one rule's documentation",
                rules.len()
            );
        }
    }
    EXIT_OK
}

fn kind(r: &plinth_lint::RuleMeta) -> &'static str {
    match r.kind {
        plinth_lint::RuleKind::Schema => "schema",
        plinth_lint::RuleKind::Migration => "migration",
    }
}
