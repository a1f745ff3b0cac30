//! `type-char`: blank-padded `char(n)` columns.

use super::util::{column_origin, column_subject};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-char",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Column is char(n) (blank-padded)",
        what: "Finds `char(n)` / `character(n)` / `bpchar` columns longer than one character on PostgreSQL.",
        why: "char(n) pads with spaces and ignores trailing spaces in comparisons but not in LIKE, regular \
              expressions or when cast to text, which surprises every client. It is no faster than text and \
              takes more space for short values.",
        example: "CREATE TABLE customers (id bigint PRIMARY KEY, code char(5) NOT NULL);",
        fix: "Use text with a CHECK on the length: `code text NOT NULL CHECK (char_length(code) = 5)`.",
    },
    check,
};

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    if settings.target.dialect != DialectKind::Postgres {
        return;
    }
    for table in &schema.tables {
        for c in &table.columns {
            let PhysicalType::Char(n) = c.physical else { continue };
            if n == Some(1) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!(
                        "{}.{} is {} and pads values with spaces",
                        table.name, c.name, c.physical
                    ),
                )
                .help(match n {
                    Some(n) => format!("use text CHECK (char_length({}) = {n})", c.name),
                    None => "use text".to_string(),
                })
                .at(column_origin(table, c)),
            );
        }
    }
}
