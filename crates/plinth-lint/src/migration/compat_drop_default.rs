//! `compat-drop-default`: DROP DEFAULT under clients that rely on it.

use super::util::{column_subject, existing_alter};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "compat-drop-default",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "Dropping a default breaks inserts that rely on it",
        what: "Finds ALTER COLUMN ... DROP DEFAULT on a table that holds data.",
        why: "Clients that omit the column in INSERT start writing NULL (or fail on a NOT NULL column). Harmless \
              when no client omits the column; worth a check in review.",
        example: "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;",
        fix: "Make sure every writer sets the column before dropping the default, or drop it in the release \
              after the writers changed.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    for a in actions {
        if let AlterAction::DropDefault { column } = a {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, column),
                    format!("dropping the default of {table}.{column} breaks inserts that omit {column}"),
                )
                .help("drop it after every writer sets the column"),
            );
        }
    }
}
