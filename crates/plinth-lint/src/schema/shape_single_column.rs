//! `shape-single-column`: a table with one column.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "shape-single-column",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Table has a single column",
        what: "Finds tables with exactly one column.",
        why: "A one-column table is usually a set of allowed values (better as a CHECK or a lookup table with a \
              label) or a table whose other columns were never added; it rarely models an entity.",
        example: "CREATE TABLE tags (name text PRIMARY KEY);",
        fix: "If it is a vocabulary, give it a label or description (or replace it with a CHECK); otherwise add \
              what the entity needs.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in schema
        .tables
        .iter()
        .filter(|t| t.columns.len() == 1 && t.partition_of.is_none())
    {
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("table {} has a single column ({})", table.name, table.columns[0].name),
            )
            .help("consider a CHECK constraint, or a lookup table with a label")
            .at(table.origin),
        );
    }
}
