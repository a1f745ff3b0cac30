//! `shape-orphan-table`: a table with no relation to any other table.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "shape-orphan-table",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Table has no foreign key to or from any other table",
        what: "In a schema of three or more tables that uses foreign keys, finds tables that neither reference \
               nor are referenced by another table (partitions are judged by their parent; append-only logs such as \
               an audit trail stand alone by design).",
        why: "An isolated table is either a standalone store (settings, a queue, a log: fine, say so in a \
              comment) or a relation that was never declared, whose integrity nothing checks.",
        example: "CREATE TABLE order_notes (id bigint PRIMARY KEY, order_ref bigint, body text);",
        fix: "Declare the missing foreign key, or document why the table stands alone (`COMMENT ON TABLE`).",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    let tables: Vec<_> = schema.tables.iter().filter(|t| t.partition_of.is_none()).collect();
    let uses_fks = tables.iter().any(|t| !t.foreign_keys.is_empty());
    if tables.len() < 3 || !uses_fks {
        return;
    }
    for table in &tables {
        let outgoing = super::util::effective_fks(schema, table)
            .iter()
            .any(|fk| fk.ref_table != table.name);
        let incoming = schema
            .tables
            .iter()
            .any(|o| o.name != table.name && o.foreign_keys.iter().any(|fk| fk.ref_table == table.name));
        if outgoing || incoming || table.traits.append_only {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("table {} is not related to any other table", table.name),
            )
            .help("declare the foreign key it is missing, or comment on why it stands alone")
            .at(table.origin),
        );
    }
}
