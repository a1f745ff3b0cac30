//! `compat-rename-column`: RENAME COLUMN under running clients.

use super::util::{column_subject, existing_alter};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "compat-rename-column",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "Renaming a column breaks every client still using the old name",
        what: "Finds ALTER TABLE ... RENAME COLUMN on a table that holds data.",
        why: "The rename is instant, but application servers deployed before it keep sending the old name and \
              fail until they are replaced; views and functions that spell the name in text break too.",
        example: "ALTER TABLE users RENAME COLUMN name TO full_name;",
        fix: "Expand and contract: add the new column, dual-write (trigger or application), backfill, switch \
              readers, then drop the old column in a later release.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    for a in actions {
        if let AlterAction::RenameColumn { column, to } = a {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, column),
                    format!("renaming {table}.{column} to {to} breaks clients still using {column}"),
                )
                .help("add the new column, dual-write, backfill, switch readers, drop the old one later"),
            );
        }
    }
}
