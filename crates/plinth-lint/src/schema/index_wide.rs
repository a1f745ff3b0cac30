//! `index-wide`: a non-unique index with more than three key columns.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "index-wide",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Non-unique index with more than three key columns",
        what: "Finds non-unique indexes with four or more key columns (INCLUDE columns do not count).",
        why: "Wide keys make a large, slow-to-update index that serves one query shape; trailing keys after a \
              range condition are not used for searching at all.",
        example: "CREATE INDEX orders_wide_idx ON orders (customer_id, status, created_at, total, currency);",
        fix: "Keep the equality and range columns as keys and move the rest to INCLUDE (covering index), or \
              split by query.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for index in table.indexes.iter().filter(|i| !i.unique && i.elements.len() > 3) {
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, index {}", table_subject(table), index.name),
                    format!(
                        "index {} on {} has {} key columns",
                        index.name,
                        table.name,
                        index.elements.len()
                    ),
                )
                .help("keep the searched columns as keys and move the others to INCLUDE (...)")
                .at(index.origin.or(table.origin)),
            );
        }
    }
}
