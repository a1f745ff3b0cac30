//! `fk-owner-nullable`: the key to an owning parent (ON DELETE CASCADE)
//! is nullable.

use super::util::column_subject;
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{FkAction, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-owner-nullable",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Foreign key to an owning parent (ON DELETE CASCADE) is nullable",
        what: "Finds foreign keys with ON DELETE CASCADE (the child is owned by the parent) whose columns allow \
               NULL.",
        why: "Cascade says the child cannot outlive its parent; a NULL key says it can exist without one. Orphan \
              rows with a NULL owner escape the cascade, tenant scoping and most queries.",
        example: "CREATE TABLE order_lines (id bigint PRIMARY KEY, \
                  order_id bigint REFERENCES orders ON DELETE CASCADE);",
        fix: "Declare the column NOT NULL (`ALTER TABLE order_lines ALTER COLUMN order_id SET NOT NULL`), or use \
              ON DELETE SET NULL if the link really is optional.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for fk in table.foreign_keys.iter().filter(|fk| fk.on_delete == FkAction::Cascade) {
            for col in &fk.columns {
                let Some(c) = table.column(col) else { continue };
                if !c.nullable {
                    continue;
                }
                out.push(
                    Finding::new(
                        &RULE.meta,
                        column_subject(table, col),
                        format!(
                            "{}.{col} cascades from {} on delete but may be NULL",
                            table.name, fk.ref_table
                        ),
                    )
                    .help(format!(
                        "declare {col} NOT NULL, or use ON DELETE SET NULL for an optional link"
                    ))
                    .at(fk.origin.or(c.origin).or(table.origin)),
                );
            }
        }
    }
}
