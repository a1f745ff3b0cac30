//! `name-reserved`: table and column names that are reserved words.

use super::util::column_subject;
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "name-reserved",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Table or column name is a reserved SQL word (user, order, group, ...)",
        what: "Finds table and column names that are reserved key words in PostgreSQL (and so must be quoted \
               everywhere): `user`, `order`, `group`, `table`, `check`, `limit`, ...",
        why: "Every query must quote the name; one unquoted use is a syntax error (or, for `user`, silently \
              `current_user`). ORMs, BI tools and hand-written SQL all trip on it.",
        example: "CREATE TABLE \"order\" (id bigint PRIMARY KEY, \"user\" bigint);",
        fix: "Rename: `orders`, `user_id`, `group_name`.",
    },
    check,
};

/// PostgreSQL key words that are reserved (including those reserved except
/// as function or type names), from the key words appendix.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "fetch",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "not",
    "notnull",
    "null",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name.to_ascii_lowercase().as_str())
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        if is_reserved(&table.name) {
            out.push(
                Finding::new(
                    &RULE.meta,
                    table_subject(table),
                    format!("table name {} is a reserved word", table.name),
                )
                .help("rename it (e.g. the plural) so it needs no quotes")
                .at(table.origin),
            );
        }
        for c in table.columns.iter().filter(|c| is_reserved(&c.name)) {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("column name {}.{} is a reserved word", table.name, c.name),
                )
                .help("rename it so it needs no quotes")
                .at(c.origin.or(table.origin)),
            );
        }
    }
}
