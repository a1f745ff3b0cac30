//! `fk-duplicate`: two foreign keys with the same columns and target.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-duplicate",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "The same foreign key is declared twice",
        what: "Finds foreign keys on one table with the same columns referencing the same table and columns.",
        why: "Every duplicate is checked on every insert and update of the child and on every delete of the parent: \
              double the work for the same guarantee. When the duplicates disagree on ON DELETE, the outcome \
              depends on which fires first.",
        example: "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;\n\
                  ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers;",
        fix: "Drop one: `ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey1;`",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for (i, fk) in table.foreign_keys.iter().enumerate() {
            let Some(first) = table.foreign_keys[..i]
                .iter()
                .find(|o| o.columns == fk.columns && o.ref_table == fk.ref_table && o.ref_columns == fk.ref_columns)
            else {
                continue;
            };
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, foreign key {}", table_subject(table), fk.name),
                    format!(
                        "foreign key {} on {} ({}) repeats {}",
                        fk.name,
                        table.name,
                        fk.columns.join(", "),
                        first.name
                    ),
                )
                .help(format!("drop {}", fk.name))
                .at(fk.origin.or(table.origin)),
            );
        }
    }
}
