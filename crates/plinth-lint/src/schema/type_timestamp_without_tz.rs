//! `type-timestamp-without-tz`: `timestamp` (without time zone) columns.

use super::fixes::{replace_column_type, source_of};
use super::util::{column_origin, column_subject, subject_parts};
use super::SchemaRule;
use crate::{Finding, Fix, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{PhysicalType, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-timestamp-without-tz",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Column is timestamp without time zone",
        what: "Finds columns of type `timestamp` (without time zone).",
        why: "A timestamp without zone is a wall-clock reading with no meaning on its own: the same value is a \
              different instant for every session time zone, daylight-saving changes create duplicates and gaps, \
              and comparisons with now() silently convert. timestamptz stores the instant (same 8 bytes).",
        example: "CREATE TABLE events (id bigint PRIMARY KEY, happened_at timestamp NOT NULL);",
        fix: "Use timestamptz: `ALTER TABLE events ALTER COLUMN happened_at TYPE timestamptz USING happened_at AT \
              TIME ZONE 'UTC';` (state the zone the old values were written in). `plinth lint --fix` rewrites the \
              type in a SQL schema file.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for c in table.columns.iter().filter(|c| is_timestamp(&c.physical)) {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} is timestamp without time zone", table.name, c.name),
                )
                .help("use timestamptz: it stores an instant, whatever the session time zone")
                .at(column_origin(table, c)),
            );
        }
    }
}

/// `timestamp`, also with a precision (`timestamp(3)`, kept verbatim by importers).
fn is_timestamp(ty: &PhysicalType) -> bool {
    match ty {
        PhysicalType::Timestamp => true,
        PhysicalType::Other(t) => {
            let t = t.to_ascii_lowercase();
            t.starts_with("timestamp(") && !t.contains("with time zone") || t == "timestamp without time zone"
        }
        _ => false,
    }
}

/// In a SQL file: `timestamp [(p)] [without time zone]` → `timestamptz [(p)]`.
pub fn fix(finding: &Finding, source: &str) -> Option<Fix> {
    let (_, column) = subject_parts(&finding.subject)?;
    let span = finding.span?;
    let statement = source_of(source, span)?;
    let edit = replace_column_type(statement, span.start, column?, &["timestamp"], "timestamptz", true)?;
    Some(Fix {
        description: "timestamp → timestamptz".into(),
        edits: vec![edit],
    })
}
