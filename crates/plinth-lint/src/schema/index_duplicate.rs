//! `index-duplicate`: two indexes (or an index and a key) with the same
//! keys.

use super::util::key_structures;
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "index-duplicate",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Index duplicates another index, unique constraint or the primary key",
        what: "Finds indexes whose key columns, order, operator classes and predicate are the same as those of an \
               earlier index, unique constraint or primary key of the same table (same access method).",
        why: "The planner uses one of them; the other is pure cost: written on every insert and update, vacuumed, \
              cached, backed up.",
        example: "CREATE INDEX orders_customer_idx ON orders (customer_id);\n\
                  CREATE INDEX orders_customer_id_idx ON orders (customer_id);",
        fix: "DROP INDEX CONCURRENTLY orders_customer_id_idx;",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let keys = key_structures(table);
        for (i, k) in keys.iter().enumerate() {
            if k.kind == "primary key" || k.kind == "unique constraint" {
                continue;
            }
            let Some(first) = keys[..i].iter().find(|o| {
                o.keys == k.keys && o.predicate == k.predicate && o.btree == k.btree && (o.unique || !k.unique)
            }) else {
                continue;
            };
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, {} {}", table_subject(table), k.kind, k.name),
                    format!(
                        "{} {} on {} ({}) duplicates {} {}",
                        k.kind,
                        k.name,
                        table.name,
                        k.keys.join(", "),
                        first.kind,
                        first.name
                    ),
                )
                .help(format!("DROP INDEX CONCURRENTLY {};", k.name))
                .at(k.origin),
            );
        }
    }
}
