//! `compat-drop-not-null`: DROP NOT NULL under clients that assume values.

use super::util::{column_subject, existing_alter};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "compat-drop-not-null",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "Dropping NOT NULL lets NULLs reach readers that do not expect them",
        what: "Finds ALTER COLUMN ... DROP NOT NULL on a table that holds data.",
        why: "The change is catalog-only, but readers deployed before it may not handle NULL (a non-optional \
              field in an ORM model fails to load the row). It is also the first step of dropping a column: \
              worth a check in review.",
        example: "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
        fix: "Deploy readers that accept NULL first, then drop the constraint.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    for a in actions {
        if let AlterAction::DropNotNull { column } = a {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, column),
                    format!("{table}.{column} may now hold NULL: readers that assume a value break"),
                )
                .help("deploy readers that accept NULL first"),
            );
        }
    }
}
