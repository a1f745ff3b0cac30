//! `fk-cascade-to-reference`: ON DELETE CASCADE from data to a shared
//! lookup table.

use super::util::{is_vocabulary_table, table_named};
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{FkAction, Schema, Table};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-cascade-to-reference",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "ON DELETE CASCADE to a shared reference (lookup) table",
        what: "Finds foreign keys with ON DELETE CASCADE whose target is a reference table: a table whose columns \
               besides the key are vocabulary (name, code, label, description, ...), with no foreign keys of its \
               own, referenced by two or more tables. Keys that are part of the child's primary key or a unique \
               constraint (junction rows, one-to-one parts) are left alone.",
        why: "Reference rows (a country, a currency, a status) are shared by many owners. Deleting one by mistake \
              silently deletes every row that mentions it, in every referencing table. Cascade is for owned \
              children, not for shared vocabulary.",
        example: "CREATE TABLE addresses (id bigint PRIMARY KEY, \
                  country_id bigint NOT NULL REFERENCES countries ON DELETE CASCADE);",
        fix: "Use ON DELETE RESTRICT (or NO ACTION): deleting a country that is still used then fails loudly.",
    },
    check,
};

/// A lookup table: vocabulary columns only, no outgoing keys, shared by two
/// or more tables.
fn is_reference(schema: &Schema, t: &Table) -> bool {
    let users = schema
        .tables
        .iter()
        .filter(|o| o.name != t.name && o.foreign_keys.iter().any(|fk| fk.ref_table == t.name))
        .count();
    is_vocabulary_table(t) && t.foreign_keys.is_empty() && users >= 2 && !t.traits.tenant_root
}

/// The child is owned through this key: it is (part of) the child's primary
/// key or a unique constraint (a one-to-one part, a junction row).
fn owned_through(table: &Table, columns: &[String]) -> bool {
    let within = |cols: &[String]| columns.iter().all(|c| cols.contains(c));
    table.primary_key.as_ref().is_some_and(|p| within(&p.columns)) || table.uniques.iter().any(|u| within(&u.columns))
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for fk in table.foreign_keys.iter().filter(|fk| fk.on_delete == FkAction::Cascade) {
            let Some(target) = table_named(schema, &fk.ref_table) else {
                continue;
            };
            if target.name == table.name || owned_through(table, &fk.columns) || !is_reference(schema, target) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, foreign key {}", table_subject(table), fk.name),
                    format!(
                        "deleting a row of reference table {} cascades to {} through {}",
                        target.name, table.name, fk.name
                    ),
                )
                .help("use ON DELETE RESTRICT: shared reference rows should not take data with them")
                .at(fk.origin.or(table.origin)),
            );
        }
    }
}
