//! `index-none`: a table with no index at all.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "index-none",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Table has no index at all",
        what: "Finds tables with no primary key, no unique constraint and no index (partitions are judged by \
               their parent).",
        why: "Every lookup, update and delete on the table scans all of it; as it grows, so does every query \
              that touches it.",
        example: "CREATE TABLE page_views (at timestamptz NOT NULL, path text NOT NULL);",
        fix: "Add the primary key, and an index on the columns queries filter by \
              (`CREATE INDEX CONCURRENTLY page_views_at_idx ON page_views (at);`).",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        if table.primary_key.is_some()
            || !table.uniques.is_empty()
            || !table.indexes.is_empty()
            || table.partition_of.is_some()
        {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("table {} has no index", table.name),
            )
            .help("add a primary key and index the columns queries filter by")
            .at(table.origin),
        );
    }
}
