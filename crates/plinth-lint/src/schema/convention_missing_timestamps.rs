//! `convention-missing-timestamps`: a table without the timestamp
//! columns most tables of the schema have.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{ColumnRole, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "convention-missing-timestamps",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Table lacks the created/updated timestamp columns the rest of the schema has",
        what: "When at least two thirds of the tables (and three or more) share a row-timestamp column \
               (created_at, updated_at, last_update, modified_at, ...), finds tables without it. Junction \
               tables and partitions are left alone.",
        why: "The schema's own convention says rows carry their history; the exceptions are where an incident \
              investigation or an incremental sync will find nothing.",
        example: "-- every table has created_at and updated_at except:\nCREATE TABLE refunds (id bigint PRIMARY KEY, \
                  amount numeric(12,2));",
        fix: "`ALTER TABLE refunds ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();` (constant default: \
              catalog-only on PostgreSQL ≥ 11), and the schema's updated_at trigger.",
    },
    check,
};

const NAMES: &[&str] = &[
    "created_at",
    "updated_at",
    "inserted_at",
    "modified_at",
    "last_update",
    "last_updated",
    "created",
    "modified",
    "create_date",
    "update_date",
];

/// Names that record the last change (not required on append-only tables).
const UPDATED: &[&str] = &[
    "updated_at",
    "modified_at",
    "last_update",
    "last_updated",
    "modified",
    "update_date",
];

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    let tables: Vec<_> = schema
        .tables
        .iter()
        .filter(|t| t.partition_of.is_none() && !t.traits.junction)
        .collect();
    if tables.len() < 3 {
        return;
    }
    let conventions: Vec<&str> = NAMES
        .iter()
        .copied()
        .filter(|n| tables.iter().filter(|t| t.has_column(n)).count() * 3 >= tables.len() * 2)
        .collect();
    for table in &tables {
        // A table is a junction when it is nothing but two foreign keys.
        let fk_cols: usize = table.foreign_keys.iter().map(|f| f.columns.len()).sum();
        if table.foreign_keys.len() >= 2 && fk_cols + 1 >= table.columns.len() {
            continue;
        }
        let has_created = table.columns.iter().any(|c| c.role == ColumnRole::CreatedAt);
        let missing: Vec<&str> = conventions
            .iter()
            .copied()
            .filter(|n| !table.has_column(n))
            // An append-only table is never updated; its own creation time counts.
            .filter(|n| !(table.traits.append_only && UPDATED.contains(n)))
            .filter(|n| !has_created || UPDATED.contains(n))
            .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "table {} has no {} though most tables of the schema do",
                    table.name,
                    missing.join(" / ")
                ),
            )
            .help(format!("add {} like the other tables", missing.join(", ")))
            .at(table.origin),
        );
    }
}
