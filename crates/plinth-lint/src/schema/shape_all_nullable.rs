//! `shape-all-nullable`: a table where every column allows NULL.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "shape-all-nullable",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Every column of the table allows NULL",
        what: "Finds tables with at least one column where no column is NOT NULL.",
        why: "A row of NULLs is a valid row: nothing identifies it, nothing is required, and every query must \
              handle NULL in every column. It usually means the constraints were never written.",
        example: "CREATE TABLE visits (visitor text, page text, at timestamptz);",
        fix: "Declare NOT NULL on the columns every row must have, and a primary key.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        if table.columns.is_empty() || table.partition_of.is_some() || table.columns.iter().any(|c| !c.nullable) {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("every column of {} allows NULL", table.name),
            )
            .help("declare NOT NULL on what every row must have")
            .at(table.origin),
        );
    }
}
