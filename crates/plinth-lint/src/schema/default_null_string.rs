//! `default-null-string`: `DEFAULT 'NULL'`, the four-letter string.

use super::util::{column_origin, column_subject};
use super::SchemaRule;
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DefaultExpr, Literal, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "default-null-string",
        kind: RuleKind::Schema,
        severity: Severity::Error,
        summary: "Default is the string 'NULL', not NULL",
        what: "Finds column defaults that are the quoted string `'NULL'` (any case).",
        why: "`DEFAULT 'NULL'` stores the text NULL: `IS NULL` is false for those rows, they sort and group with \
              real text, and an application printing the value shows the word. It is almost always a typo from \
              a generator or a dump of another database.",
        example: "CREATE TABLE users (id bigint PRIMARY KEY, nickname text DEFAULT 'NULL');",
        fix: "ALTER TABLE users ALTER COLUMN nickname DROP DEFAULT; then UPDATE users SET nickname = NULL WHERE \
              nickname = 'NULL';",
    },
    check,
};

fn is_null_string(d: &DefaultExpr) -> bool {
    match d {
        DefaultExpr::Literal(Literal::Str(s)) => s.eq_ignore_ascii_case("null"),
        DefaultExpr::Sql(s) => {
            let s = s.trim();
            let body = s.split("::").next().unwrap_or(s).trim();
            body.eq_ignore_ascii_case("'null'")
        }
        _ => false,
    }
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        for c in table
            .columns
            .iter()
            .filter(|c| c.default.as_ref().is_some_and(is_null_string))
        {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, &c.name),
                    format!("{}.{} defaults to the string 'NULL', not to NULL", table.name, c.name),
                )
                .help("drop the default (columns default to NULL) and clean rows holding 'NULL'")
                .at(column_origin(table, c)),
            );
        }
    }
}
