//! `type-column-inconsistent`: one column name, different types across
//! tables.

use super::util::{column_origin, column_subject, type_family};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;
use std::collections::BTreeMap;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-column-inconsistent",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Same column name has different types in different tables",
        what: "Finds column names (other than `id`) used in two or more tables with different type families \
               (lengths and precisions aside: varchar(20), varchar(40) and text are one family). Foreign key \
               columns are compared with foreign key columns only. The tables using the less common type are \
               reported.",
        why: "`customer_id` as integer here and bigint there, or `created_at` as timestamp here and timestamptz \
              there, means joins need casts, copies overflow or shift by the time zone, and code that works on \
              one table breaks on the other.",
        example: "CREATE TABLE orders (customer_id bigint);\nCREATE TABLE invoices (customer_id integer);",
        fix: "Pick one type for the name and migrate the odd ones out.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    // (name, is a foreign key) → family → tables. A key column and a plain
    // column of one name (`artist` the reference, `artist` the credited
    // text) mean different things and are not compared.
    let mut by_name: BTreeMap<(&str, bool), BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    for (i, t) in schema
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.partition_of.is_none())
    {
        let keys: Vec<&str> = super::util::fk_columns(t).collect();
        for c in t.columns.iter().filter(|c| c.name != "id") {
            by_name
                .entry((&c.name, keys.contains(&c.name.as_str())))
                .or_default()
                .entry(type_family(&c.physical))
                .or_default()
                .push(i);
        }
    }
    for ((name, _), families) in by_name.into_iter().filter(|(_, f)| f.len() > 1) {
        let (common, common_tables) = families.iter().max_by_key(|(_, t)| t.len()).expect("two families");
        for (family, tables) in families.iter().filter(|(f, _)| *f != common) {
            for &i in tables {
                let table = &schema.tables[i];
                let Some(column) = table.column(name) else { continue };
                out.push(
                    Finding::new(
                        &RULE.meta,
                        column_subject(table, name),
                        format!(
                            "{}.{name} is {family} but {name} is {common} in {} other table{}",
                            table.name,
                            common_tables.len(),
                            if common_tables.len() == 1 { "" } else { "s" }
                        ),
                    )
                    .help(format!(
                        "use {common} for {name} everywhere, or rename the column if it means something else"
                    ))
                    .at(column_origin(table, column)),
                );
            }
        }
    }
}
