//! `data-drop-column`: DROP COLUMN loses data and breaks readers.

use super::util::{column_subject, existing_alter};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "data-drop-column",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "DROP COLUMN destroys data and breaks clients still reading it",
        what: "Finds ALTER TABLE ... DROP COLUMN on a table that holds data.",
        why: "The values are gone (a down migration cannot bring them back), and clients deployed before the \
              drop fail on queries naming the column, including `INSERT` with an explicit column list.",
        example: "ALTER TABLE users DROP COLUMN legacy_password;",
        fix: "Stop reading and writing the column in a release first (ORMs: mark it ignored), then drop it in a \
              separate, explicitly destructive migration; keep a backup if the data may be needed.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    for a in actions {
        if let AlterAction::DropColumn { column, .. } = a {
            out.push(
                Finding::new(
                    &RULE.meta,
                    column_subject(table, column),
                    format!("DROP COLUMN {column} destroys its data in {table} and breaks clients still reading it"),
                )
                .help("stop using the column in a release first; drop it in a separate destructive migration"),
            );
        }
    }
}
