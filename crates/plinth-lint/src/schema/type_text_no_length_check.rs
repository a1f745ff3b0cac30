//! `type-text-no-length-check`: unbounded text for short, structured
//! values (email, code, slug, ...).

use super::util::{column_origin, column_subject};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{CheckExpr, PhysicalType, Schema, Table};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "type-text-no-length-check",
        kind: RuleKind::Schema,
        severity: Severity::Info,
        summary: "Short structured text (email, code, slug) has no length CHECK",
        what: "Finds unbounded text columns named like short structured values (email, code, slug, username, sku, \
               phone, postal code, ...) with no CHECK constraint on the column.",
        why: "Unbounded means a client can store a megabyte in `email`: it bloats indexes (B-tree entries over \
              ~2.7 kB fail to insert), breaks layouts and hides bugs. A bound documents the value's shape.",
        example: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);",
        fix: "`email text NOT NULL CHECK (char_length(email) <= 320)`.",
    },
    check,
};

const NAMES: &[&str] = &[
    "email",
    "code",
    "slug",
    "username",
    "login",
    "handle",
    "sku",
    "phone",
    "postal_code",
    "zip",
    "zip_code",
    "postcode",
    "country_code",
    "currency",
    "currency_code",
    "isbn",
    "iban",
];

fn is_short_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    NAMES.contains(&n.as_str()) || n.ends_with("_email") || n.ends_with("_code") || n.ends_with("_slug")
}

fn has_check(table: &Table, column: &str) -> bool {
    table.checks.iter().any(|c| match &c.expr {
        CheckExpr::Sql(sql) => sql.contains(column),
        other => other.column() == Some(column),
    })
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for c in &table.columns {
            if !matches!(c.physical, PhysicalType::Text | PhysicalType::Varchar(None)) || !is_short_name(&c.name) {
                continue;
            }
            if has_check(table, &c.name) {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} is unbounded text with no CHECK", table.name, c.name),
                )
                .help(format!("add CHECK (char_length({}) <= n)", c.name))
                .at(column_origin(table, c)),
            );
        }
    }
}
