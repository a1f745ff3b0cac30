//! `column-json`: a new column of type `json` rather than `jsonb`.

use super::util::{column_subject, column_type_range, declared_types, edit, fix};
use super::{Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "column-json",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "json instead of jsonb",
        what: "Finds columns declared as `json` on PostgreSQL.",
        why: "`json` stores the text as written and re-parses it on every access; it has no equality operator \
              (so no DISTINCT, GROUP BY or unique index) and no GIN indexing. `jsonb` is parsed once, compares, \
              and indexes.",
        example: "ALTER TABLE events ADD COLUMN payload json;",
        fix: "Use `jsonb` (keep `json` only when the exact text, key order and duplicate keys must survive). \
              `plinth lint --fix` rewrites the type in new columns.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() {
        return;
    }
    for (table, column, ty, _) in declared_types(&cx.statement.op) {
        if ty != "json" {
            continue;
        }
        let mut f = Finding::new(
            &RULE.meta,
            column_subject(table, column),
            format!("{column} is json: re-parsed on every read, no equality, no GIN index"),
        )
        .help("use jsonb");
        if let Some(range) = column_type_range(&cx.statement.sql, column, "json") {
            f = f.with_fix(fix("json → jsonb", vec![edit(cx.statement, range, "jsonb")]));
        }
        out.push(f);
    }
}
