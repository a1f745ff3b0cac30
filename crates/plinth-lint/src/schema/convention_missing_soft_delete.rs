//! `convention-missing-soft-delete`: a table without the soft-delete
//! column most tables of the schema have.

use super::convention_soft_delete_unique::soft_delete_column;
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "convention-missing-soft-delete",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Table lacks the soft-delete column the rest of the schema has",
        what: "When at least two thirds of the tables (and three or more) have a soft-delete column (`deleted_at`, \
               ...), finds tables without one. Junction tables, append-only tables and partitions are left alone.",
        why: "The schema's convention is that rows are hidden, not destroyed; the exception is the table whose \
              rows disappear for good on a misclick, and whose children's foreign keys then block or cascade.",
        example:
            "-- every table has deleted_at except:\nCREATE TABLE invoices (id bigint PRIMARY KEY, total numeric(12,2));",
        fix: "`ALTER TABLE invoices ADD COLUMN deleted_at timestamptz;` and make its unique keys partial \
              (`WHERE deleted_at IS NULL`).",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    let tables: Vec<_> = schema
        .tables
        .iter()
        .filter(|t| t.partition_of.is_none() && !t.traits.junction && !t.traits.append_only)
        .collect();
    let with = tables.iter().filter(|t| soft_delete_column(t).is_some()).count();
    if tables.len() < 3 || with * 3 < tables.len() * 2 {
        return;
    }
    for table in tables.iter().filter(|t| soft_delete_column(t).is_none()) {
        let fk_cols: usize = table.foreign_keys.iter().map(|f| f.columns.len()).sum();
        if table.foreign_keys.len() >= 2 && fk_cols + 1 >= table.columns.len() {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "table {} has no soft-delete column though {with} of {} tables do",
                    table.name,
                    tables.len()
                ),
            )
            .help("add deleted_at timestamptz like the other tables, or document why its rows are deleted for good")
            .at(table.origin),
        );
    }
}
