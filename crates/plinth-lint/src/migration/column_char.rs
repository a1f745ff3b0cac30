//! `column-char`: a new `char(n)` column.

use super::util::{column_subject, declared_types};
use super::{Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "column-char",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "char(n) pads with spaces and compares surprisingly",
        what: "Finds columns declared as `char` / `char(n)` (`character`, `bpchar`) on PostgreSQL.",
        why: "`char(n)` pads values with spaces to n characters, ignores trailing spaces in comparisons but not \
              in LIKE or in casts to text, and is no faster than `text` on PostgreSQL.",
        example: "ALTER TABLE countries ADD COLUMN code char(2);",
        fix: "`code text CHECK (char_length(code) = 2)`.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() {
        return;
    }
    for (table, column, ty, _) in declared_types(&cx.statement.op) {
        if ty != "char" && !ty.starts_with("char(") {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                column_subject(table, column),
                format!("{column} is {ty}: space-padded, with surprising comparisons"),
            )
            .help("use text with a CHECK on char_length"),
        );
    }
}
