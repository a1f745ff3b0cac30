//! `name-like-type`: a column named like a data type.

use super::util::column_subject;
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "name-like-type",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Column is named like a data type (date, timestamp, text, ...)",
        what: "Finds columns named exactly like a SQL type: `date`, `time`, `timestamp`, `text`, `json`, \
               `interval`, `integer`, ...",
        why: "The name says what the value is stored as, not what it means (the date of what?), and in some \
              positions it parses as the type: `SELECT date '2024-01-01'` is a literal, not the column.",
        example: "CREATE TABLE payments (id bigint PRIMARY KEY, date date NOT NULL);",
        fix: "Name the meaning: `paid_on`, `due_date`, `occurred_at`.",
    },
    check,
};

const TYPES: &[&str] = &[
    "bigint",
    "boolean",
    "bool",
    "bytea",
    "char",
    "date",
    "decimal",
    "float",
    "int",
    "integer",
    "interval",
    "json",
    "jsonb",
    "money",
    "numeric",
    "real",
    "smallint",
    "text",
    "time",
    "timestamp",
    "timestamptz",
    "uuid",
    "varchar",
];

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for c in table
            .columns
            .iter()
            .filter(|c| TYPES.contains(&c.name.to_ascii_lowercase().as_str()))
        {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("column {}.{} is named like a type", table.name, c.name),
                )
                .help("name what the value means (e.g. occurred_on, published_at)")
                .at(c.origin.or(table.origin)),
            );
        }
    }
}
