//! `pk-duplicate-unique`: a unique constraint or index on exactly the
//! primary key's columns.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "pk-duplicate-unique",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Unique constraint or index repeats the primary key",
        what: "Finds unique constraints and full (non-partial) unique indexes whose columns are the primary key's \
               columns, in any order.",
        why: "The primary key is already unique and already indexed. The duplicate costs disk, write amplification \
              on every insert and update, and vacuum time, and proves nothing new.",
        example: "CREATE TABLE users (id bigint PRIMARY KEY, email text, UNIQUE (id));",
        fix: "Drop the duplicate: `ALTER TABLE users DROP CONSTRAINT users_id_key;` (or `DROP INDEX CONCURRENTLY`).",
    },
    check,
};

fn same_set(a: &[String], b: &[&str]) -> bool {
    a.len() == b.len() && a.iter().all(|c| b.contains(&c.as_str()))
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let Some(pk) = &table.primary_key else { continue };
        let mut dupes: Vec<(&str, &str, Option<plinth_model::SourceRef>)> = Vec::new();
        for u in &table.uniques {
            let cols: Vec<&str> = u.columns.iter().map(String::as_str).collect();
            if same_set(&pk.columns, &cols) {
                dupes.push(("unique constraint", &u.name, u.origin));
            }
        }
        for i in table.indexes.iter().filter(|i| i.unique && i.predicate.is_none()) {
            let cols = i.leading_columns();
            if cols.len() == i.elements.len() && same_set(&pk.columns, &cols) {
                dupes.push(("unique index", &i.name, i.origin));
            }
        }
        for (kind, name, origin) in dupes {
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, {kind} {name}", table_subject(table)),
                    format!(
                        "{kind} {name} on {} repeats primary key {} ({})",
                        table.name,
                        pk.name,
                        pk.columns.join(", ")
                    ),
                )
                .help(format!(
                    "drop {name}; the primary key already enforces and indexes this"
                ))
                .at(origin.or(table.origin)),
            );
        }
    }
}
