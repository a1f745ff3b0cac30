//! `fk-missing-for-id`: a `<table>_id` column with no foreign key while
//! that table exists.

use super::util::{column_origin, column_subject};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{Schema, Table};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "fk-missing-for-id",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "`<name>_id` column has no foreign key though table <name> exists",
        what: "Finds columns named `x_id` that are not part of any foreign key while a table named `x` or `xs` \
               exists in the schema (ids of external systems, with no such table, and append-only logs that must \
               outlive the rows they mention are left alone).",
        why: "Without the constraint nothing stops ids that point nowhere: a deleted customer leaves orders \
              behind, a typo in application code writes a dangling id, and joins silently drop rows.",
        example: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL); -- customers exists",
        fix: "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) \
              REFERENCES customers (id) NOT VALID; then VALIDATE CONSTRAINT in a later step.",
    },
    check,
};

/// The table `stem` names: `customer` → customer, customers, customeres.
fn target<'s>(schema: &'s Schema, stem: &str) -> Option<&'s Table> {
    let candidates = [stem.to_string(), format!("{stem}s"), format!("{stem}es"), {
        stem.strip_suffix('y').map_or_else(String::new, |s| format!("{s}ies"))
    }];
    schema.tables.iter().find(|t| {
        candidates
            .iter()
            .any(|c| !c.is_empty() && t.name.eq_ignore_ascii_case(c))
    })
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        // Append-only logs (an audit trail) keep ids of rows that may be deleted, on purpose.
        if table.partition_of.is_some() || table.traits.append_only {
            continue;
        }
        let fks = super::util::effective_fks(schema, table);
        let in_fk: Vec<&str> = fks
            .iter()
            .flat_map(|fk| fk.columns.iter().map(String::as_str))
            .collect();
        let pk: Vec<&str> = table
            .primary_key
            .iter()
            .flat_map(|p| p.columns.iter().map(String::as_str))
            .collect();
        for column in &table.columns {
            let lower = column.name.to_ascii_lowercase();
            let Some(stem) = lower.strip_suffix("_id").or_else(|| {
                lower.strip_suffix("id").filter(|_| {
                    // CamelCase ids (ArtistId): only when the original had the capital.
                    column.name.ends_with("Id")
                })
            }) else {
                continue;
            };
            if stem.is_empty() || in_fk.contains(&column.name.as_str()) || pk == [column.name.as_str()] {
                continue;
            }
            let Some(parent) = target(schema, stem) else { continue };
            if parent.name == table.name && pk.contains(&column.name.as_str()) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &column.name),
                    format!(
                        "{}.{} looks like a reference to {} but has no foreign key",
                        table.name, column.name, parent.name
                    ),
                )
                .help(format!(
                    "ALTER TABLE {} ADD FOREIGN KEY ({}) REFERENCES {} NOT VALID; then VALIDATE CONSTRAINT",
                    table.name, column.name, parent.name
                ))
                .at(column_origin(table, column)),
            );
        }
    }
}
