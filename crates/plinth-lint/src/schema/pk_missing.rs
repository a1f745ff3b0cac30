//! `pk-missing`: a table without a primary key.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "pk-missing",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Table has no primary key",
        what: "Finds tables (other than partitions, which inherit their parent's key) without a PRIMARY KEY.",
        why: "Without a key, duplicate rows cannot be told apart or removed, ORMs cannot update a single row, \
              and logical replication refuses UPDATE and DELETE on the table unless REPLICA IDENTITY FULL is set.",
        example: "CREATE TABLE audit_events (at timestamptz, actor text, action text);",
        fix: "Add a surrogate key (`id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`) or declare the natural \
              key that is already unique: `ALTER TABLE audit_events ADD PRIMARY KEY (...)`.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        if table.primary_key.is_some() || table.partition_of.is_some() {
            continue;
        }
        let help = match table.uniques.first() {
            Some(u) => format!(
                "unique constraint {} ({}) could become the primary key if its columns are NOT NULL",
                u.name,
                u.columns.join(", ")
            ),
            None => "add `id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY` or declare the natural key".into(),
        };
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("table {} has no primary key", table.name),
            )
            .help(help)
            .at(table.origin),
        );
    }
}
