//! `plinth diff FROM TO`: the change set between two schemas, each read
//! from anything `source.rs` reads (a spec, `.sql`, `.prisma`, `.dbml`,
//! or a live database with `--from-db`/`--to-db`). Offline unless a side
//! is a live database.
//!
//! Exit codes: 0 (with `--exit-code`: 0 no change, 1 changes); 2 bad input,
//! or a destructive change without `--allow-destructive`.

use crate::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use plinth_diff::{ChangeSet, Hints};
use plinth_model::Schema;
use std::path::Path;

/// Output formats of `plinth diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Where the two schemas come from, and the rename hints given on the command line.
pub struct Sides<'a> {
    pub from: Option<&'a Path>,
    pub from_db: Option<&'a str>,
    pub to: Option<&'a Path>,
    pub to_db: Option<&'a str>,
    /// `table:old=new`, `column:table.old=new`, `value:type.old=new`.
    pub renames: &'a [String],
    pub color: bool,
}

impl<'a> Sides<'a> {
    /// The positional files fill the sides that are not live databases, FROM first.
    pub fn new(
        files: &'a [std::path::PathBuf],
        from_db: Option<&'a str>,
        to_db: Option<&'a str>,
        renames: &'a [String],
        color: bool,
    ) -> Sides<'a> {
        let mut it = files.iter().map(|p| p.as_path());
        let from = if from_db.is_none() { it.next() } else { None };
        let to = if to_db.is_none() { it.next() } else { None };
        Sides {
            from,
            from_db,
            to,
            to_db,
            renames,
            color,
        }
    }
}

/// Both schemas, their names, and the change set between them.
pub struct Diffed {
    pub from: Schema,
    pub to: Schema,
    pub from_name: String,
    pub to_name: String,
    pub changes: ChangeSet,
}

fn parse_renames(renames: &[String]) -> Result<Hints, String> {
    let mut h = Hints::default();
    for r in renames {
        let bad = || {
            format!(
                "error: bad --rename `{r}`\n  help: write table:old=new, column:table.old=new or value:enum_type.old=new"
            )
        };
        let (kind, rest) = r.split_once(':').ok_or_else(bad)?;
        let (old, new) = rest.split_once('=').ok_or_else(bad)?;
        match kind {
            "table" => {
                h.tables.insert(new.to_string(), old.to_string());
            }
            "column" | "value" => {
                let (owner, old) = old.split_once('.').ok_or_else(bad)?;
                let key = (owner.to_string(), new.to_string());
                if kind == "column" {
                    h.columns.insert(key, old.to_string());
                } else {
                    h.enum_values.insert(key, old.to_string());
                }
            }
            _ => return Err(bad()),
        }
    }
    Ok(h)
}

/// Reads both sides and diffs them.
pub fn read_and_diff(s: &Sides) -> Result<Diffed, u8> {
    let cli_hints = parse_renames(s.renames).map_err(|e| {
        eprintln!("{e}");
        EXIT_INPUT
    })?;
    if s.from.is_none() && s.from_db.is_none() || s.to.is_none() && s.to_db.is_none() {
        eprintln!(
            "error: diff needs two schemas\n  help: plinth diff FROM TO (files), or --from-db URL / --to-db URL for a live side"
        );
        return Err(EXIT_INPUT);
    }
    let from = crate::source::read(s.from, s.from_db, s.color)?;
    let to = crate::source::read(s.to, s.to_db, s.color)?;
    let hints = Hints::from_schema(&to.schema).merge(cli_hints);
    let options = plinth_diff::Options {
        normalize_expr: Some(plinth_postgres::import::normalize_expr),
    };
    let changes = plinth_diff::diff_with(&from.schema, &to.schema, &hints, &options);
    Ok(Diffed {
        from: from.schema,
        to: to.schema,
        from_name: from.name,
        to_name: to.name,
        changes,
    })
}

/// Prints the rename questions and refuses destructive changes unless allowed.
pub fn check_destructive(d: &Diffed, allow: bool) -> Result<(), u8> {
    for q in &d.changes.questions {
        eprintln!("question: {}", q.text);
    }
    let destructive: Vec<_> = d.changes.destructive().collect();
    if destructive.is_empty() || allow {
        return Ok(());
    }
    eprintln!("error: {} destructive change(s):", destructive.len());
    for c in destructive {
        eprintln!("  - {}", c.describe());
    }
    eprintln!(
        "  help: these drop data that no down migration can bring back; pass --allow-destructive if that is intended{}",
        if d.changes.questions.is_empty() {
            ""
        } else {
            ", or answer the rename questions above with a hint"
        }
    );
    Err(EXIT_INPUT)
}

pub fn text(d: &Diffed) -> String {
    let c = &d.changes;
    if c.is_empty() {
        return format!("no changes from {} to {}\n", d.from_name, d.to_name);
    }
    let mut out = format!("{} change(s) from {} to {}:\n", c.changes.len(), d.from_name, d.to_name);
    for ch in &c.changes {
        let sign = match ch.kind() {
            k if k.starts_with("drop") || k.starts_with("remove") => '-',
            k if k.starts_with("add") || k.starts_with("create") => '+',
            _ => '~',
        };
        out.push_str(&format!(
            "  {sign} {:<20} {}{}\n",
            ch.kind(),
            ch.describe(),
            if ch.destructive() { "  [destructive]" } else { "" }
        ));
    }
    for q in &c.questions {
        out.push_str(&format!("  ? {}\n", q.text));
    }
    out
}

pub fn json(d: &Diffed) -> String {
    let changes: Vec<serde_json::Value> = d
        .changes
        .changes
        .iter()
        .map(|c| {
            serde_json::json!({
                "kind": c.kind(),
                "subject": c.subject(),
                "description": c.describe(),
                "destructive": c.destructive(),
            })
        })
        .collect();
    let questions: Vec<serde_json::Value> = d
        .changes
        .questions
        .iter()
        .map(|q| serde_json::json!({"subject": q.subject, "question": q.text}))
        .collect();
    let v = serde_json::json!({
        "from": d.from_name,
        "to": d.to_name,
        "changes": changes,
        "questions": questions,
        "destructive": d.changes.destructive().count(),
    });
    format!("{}\n", serde_json::to_string_pretty(&v).unwrap_or_default())
}

pub fn run(sides: &Sides, format: Format, allow_destructive: bool, exit_code: bool) -> u8 {
    let d = match read_and_diff(sides) {
        Ok(d) => d,
        Err(code) => return code,
    };
    match format {
        Format::Text => print!("{}", text(&d)),
        Format::Json => print!("{}", json(&d)),
    }
    if let Err(code) = check_destructive(&d, allow_destructive) {
        return code;
    }
    if exit_code && !d.changes.is_empty() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
