//! `sqlite-alter-unsupported`: ALTER TABLE actions SQLite does not have.

use super::util::table_subject;
use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};
use plinth_model::DialectKind;

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "sqlite-alter-unsupported",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "SQLite's ALTER TABLE cannot do this",
        what: "Finds ALTER TABLE actions other than RENAME TO, RENAME COLUMN, ADD COLUMN and DROP COLUMN on \
               SQLite: changing a column's type, NOT NULL or default, and adding, dropping or validating \
               constraints.",
        why: "SQLite's ALTER TABLE supports only those four forms; anything else is a syntax error at deploy \
              time.",
        example: "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;",
        fix: "Use SQLite's 12-step table rebuild: `PRAGMA foreign_keys = OFF`, create the new table, copy the \
              rows, drop the old table, rename the new one, recreate indexes and triggers, \
              `PRAGMA foreign_key_check`, then turn foreign keys back on.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::AlterTable { table, actions, .. } = &cx.statement.op else {
        return;
    };
    if cx.settings.target.dialect != DialectKind::Sqlite {
        return;
    }
    for a in actions {
        let what = match a {
            AlterAction::AddColumn { .. }
            | AlterAction::DropColumn { .. }
            | AlterAction::RenameColumn { .. }
            | AlterAction::MySqlOption { .. } => continue,
            AlterAction::AlterType { column, .. } => format!("ALTER COLUMN {column} TYPE"),
            AlterAction::SetNotNull { column } => format!("ALTER COLUMN {column} SET NOT NULL"),
            AlterAction::DropNotNull { column } => format!("ALTER COLUMN {column} DROP NOT NULL"),
            AlterAction::SetDefault { column, .. } => format!("ALTER COLUMN {column} SET DEFAULT"),
            AlterAction::DropDefault { column } => format!("ALTER COLUMN {column} DROP DEFAULT"),
            AlterAction::AddConstraint(_) => "ADD CONSTRAINT".to_string(),
            AlterAction::DropConstraint { name, .. } => format!("DROP CONSTRAINT {name}"),
            AlterAction::ValidateConstraint { name } => format!("VALIDATE CONSTRAINT {name}"),
            AlterAction::RenameConstraint { name, .. } => format!("RENAME CONSTRAINT {name}"),
            AlterAction::EnableRowLevelSecurity => "ENABLE ROW LEVEL SECURITY".to_string(),
            AlterAction::AttachPartition { .. } => "ATTACH PARTITION".to_string(),
            AlterAction::DetachPartition { .. } => "DETACH PARTITION".to_string(),
            AlterAction::SetTablespace => "SET TABLESPACE".to_string(),
            AlterAction::Other { kind } => kind.clone(),
        };
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!("SQLite's ALTER TABLE cannot {what} on {table}"),
            )
            .help("rebuild the table: create the new shape, copy rows, drop, rename"),
        );
    }
}
