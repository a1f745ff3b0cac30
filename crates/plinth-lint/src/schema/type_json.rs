//! `type-json`: `json` instead of `jsonb`.

use super::fixes::{replace_column_type, source_of};
use super::util::{column_origin, column_subject, subject_parts};
use super::SchemaRule;
use crate::{Finding, Fix, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-json",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Column is json instead of jsonb (PostgreSQL)",
        what: "Finds columns of type `json` on PostgreSQL.",
        why: "json stores the text as written and re-parses it on every access; it has no equality operator \
              (DISTINCT, GROUP BY and UNIQUE fail), no GIN indexing and no containment operators. jsonb is \
              parsed once and indexable. Keep json only when key order or duplicate keys must survive.",
        example: "CREATE TABLE events (id bigint PRIMARY KEY, payload json NOT NULL);",
        fix: "ALTER TABLE events ALTER COLUMN payload TYPE jsonb; (a rewrite: plan it as a migration). \
              `plinth lint --fix` rewrites the type in a SQL schema file.",
    },
    check,
};

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    if settings.target.dialect != DialectKind::Postgres {
        return;
    }
    for table in &schema.tables {
        for c in table.columns.iter().filter(|c| c.physical == PhysicalType::Json) {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} is json; jsonb is indexable and comparable", table.name, c.name),
                )
                .help("use jsonb")
                .at(column_origin(table, c)),
            );
        }
    }
}

/// In a SQL file: `json` → `jsonb`.
pub fn fix(finding: &Finding, source: &str) -> Option<Fix> {
    let (_, column) = subject_parts(&finding.subject)?;
    let span = finding.span?;
    let statement = source_of(source, span)?;
    let edit = replace_column_type(statement, span.start, column?, &["json"], "jsonb", false)?;
    Some(Fix {
        description: "json → jsonb".into(),
        edits: vec![edit],
    })
}
