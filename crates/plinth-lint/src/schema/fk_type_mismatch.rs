//! `fk-type-mismatch`: a foreign key column whose type differs from the
//! column it references.

use super::util::{column_subject, table_named};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-type-mismatch",
        kind: RuleKind::Schema,
        severity: Severity::Error,
        summary: "Foreign key column type differs from the referenced column",
        what: "Finds foreign keys where a referencing column's type is not exactly the referenced column's type \
               (integer → bigint, varchar(20) → varchar(40), text → uuid casts).",
        why: "PostgreSQL accepts some of these, but the narrower side overflows first (an integer FK to a bigint \
              key breaks at 2^31), comparisons need casts that defeat indexes, and a later type change must touch \
              both sides at once.",
        example: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer REFERENCES customers (id)); \
                  -- customers.id is bigint",
        fix: "Give the referencing column the referenced column's type: \
              `ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;` (a rewrite: plan it as a migration).",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            let Some(parent) = table_named(schema, &fk.ref_table) else {
                continue;
            };
            for (col, ref_col) in fk.columns.iter().zip(&fk.ref_columns) {
                let (Some(c), Some(r)) = (table.column(col), parent.column(ref_col)) else {
                    continue;
                };
                if c.physical == r.physical {
                    continue;
                }
                out.push(
                    Finding::new(
                        &RULE.meta,
                        column_subject(table, col),
                        format!(
                            "{}.{col} is {} but references {}.{ref_col} of type {}",
                            table.name, c.physical, parent.name, r.physical
                        ),
                    )
                    .help(format!("declare {}.{col} as {}", table.name, r.physical))
                    .at(fk.origin.or(c.origin).or(table.origin)),
                );
            }
        }
    }
}
