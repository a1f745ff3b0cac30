//! `column-varchar-length`: a new `varchar(n)` column on PostgreSQL.

use super::util::{column_subject, declared_types};
use super::{Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "column-varchar-length",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "varchar(n) on PostgreSQL: text with a CHECK says the same and changes freely",
        what: "Finds columns declared as `varchar(n)` on PostgreSQL.",
        why: "On PostgreSQL `varchar(n)` is stored exactly like `text`; the length is only a constraint, and \
              lowering it later rewrites the table under ACCESS EXCLUSIVE. A `CHECK (char_length(col) <= n)` \
              expresses the same rule and can be replaced NOT VALID without a rewrite.",
        example: "ALTER TABLE users ADD COLUMN nickname varchar(40);",
        fix: "`nickname text CHECK (char_length(nickname) <= 40)`, or plain `text` when the limit is arbitrary.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() {
        return;
    }
    for (table, column, ty, _) in declared_types(&cx.statement.op) {
        if !ty.starts_with("varchar(") {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                column_subject(table, column),
                format!("{column} is {ty}: on PostgreSQL the length is a constraint that is costly to change"),
            )
            .help("use text with a CHECK on char_length"),
        );
    }
}
