//! `name-mixed-case`: identifiers that only work quoted.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "name-mixed-case",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Table or column names need quoting (upper case, spaces, symbols)",
        what: "Finds tables whose name, or whose columns' names, are not plain lower-case identifiers \
               (`[a-z_][a-z0-9_$]*`) on PostgreSQL. One finding per table lists the columns.",
        why: "PostgreSQL folds unquoted names to lower case: `SELECT ArtistId FROM Artist` fails against \
              \"ArtistId\" / \"Artist\". Every query, tool and ORM mapping must quote the name forever.",
        example: "CREATE TABLE \"Artist\" (\"ArtistId\" int PRIMARY KEY, \"Name\" text);",
        fix: "Rename to snake_case (`artist`, `artist_id`, `name`).",
    },
    check,
};

pub fn needs_quotes(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    !first_ok || !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$')
}

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    if settings.target.dialect != DialectKind::Postgres {
        return;
    }
    for table in &schema.tables {
        let columns: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| needs_quotes(&c.name))
            .map(|c| c.name.as_str())
            .collect();
        let table_bad = needs_quotes(&table.name);
        if !table_bad && columns.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if table_bad {
            parts.push(format!("table name \"{}\"", table.name));
        }
        if !columns.is_empty() {
            let shown: Vec<String> = columns.iter().take(5).map(|c| format!("\"{c}\"")).collect();
            let more = columns.len().saturating_sub(5);
            parts.push(format!(
                "column{} {}{}",
                if columns.len() == 1 { "" } else { "s" },
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("{} must be quoted in every query", parts.join(" and ")),
            )
            .help("rename to lower-case snake_case")
            .at(table.origin),
        );
    }
}
