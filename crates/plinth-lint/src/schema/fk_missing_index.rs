//! `fk-missing-index`: a foreign key whose columns do not lead any index.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-missing-index",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Foreign key columns are not the leading columns of any index",
        what: "Finds foreign keys whose columns are not a prefix of an index, unique constraint or primary key \
               on the referencing table.",
        why: "Deleting or updating a referenced row makes PostgreSQL look for referencing rows; without an index \
              that is a sequential scan of the child table, under a lock, for every parent row. Joins from the \
              parent to its children need the same index.",
        example: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));",
        fix: "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for fk in &table.foreign_keys {
            if is_covered(table, &fk.columns) {
                continue;
            }
            let cols = fk.columns.join(", ");
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, foreign key {}", table_subject(table), fk.name),
                    format!("foreign key {} on {} ({cols}) has no index that starts with its columns", fk.name, table.name),
                )
                .help(format!("CREATE INDEX CONCURRENTLY ON {} ({cols});", table.name))
                .at(fk.origin.or(table.origin)),
            );
        }
    }
}

/// Whether some index, unique constraint or the primary key starts with
/// exactly these columns (in any order among the first `columns.len()`).
fn is_covered(table: &plinth_model::Table, columns: &[String]) -> bool {
    let leads = |lead: Vec<&str>| -> bool {
        lead.len() >= columns.len() && columns.iter().all(|c| lead[..columns.len()].contains(&c.as_str()))
    };
    let pk = table.primary_key.iter().map(|pk| pk.columns.iter().map(String::as_str).collect::<Vec<_>>());
    let uniques = table.uniques.iter().map(|u| u.columns.iter().map(String::as_str).collect::<Vec<_>>());
    let indexes = table
        .indexes
        .iter()
        .filter(|i| i.predicate.is_none())
        .map(|i| i.leading_columns());
    pk.chain(uniques).chain(indexes).any(leads)
}
