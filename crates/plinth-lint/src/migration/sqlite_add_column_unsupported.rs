//! `sqlite-add-column-unsupported`: ADD COLUMN forms SQLite rejects.

use super::util::column_subject;
use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};
use plinth_model::DialectKind;

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "sqlite-add-column-unsupported",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "SQLite cannot add a column with this definition",
        what: "Finds ALTER TABLE ... ADD COLUMN on SQLite with PRIMARY KEY or UNIQUE, a non-constant default \
               (CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME or an expression), NOT NULL without a default, or \
               a STORED generated column.",
        why: "SQLite adds a column by editing the stored CREATE TABLE text without touching rows, so it refuses \
              anything that would need existing rows rewritten or checked: the migration fails at deploy time.",
        example: "ALTER TABLE orders ADD COLUMN created_at text DEFAULT CURRENT_TIMESTAMP;",
        fix: "Add the column with a constant default (or nullable) and backfill it with UPDATE; for keys and \
              uniqueness, add a UNIQUE index separately or rebuild the table.",
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
        let AlterAction::AddColumn { column: c, .. } = a else {
            continue;
        };
        let non_constant = c.default.as_ref().is_some_and(|d| {
            let upper = d.sql.to_ascii_uppercase();
            d.volatile || upper.starts_with("CURRENT_") || d.sql.trim_start().starts_with('(') || upper.contains("(")
        });
        let why = if c.primary_key {
            "a PRIMARY KEY column"
        } else if c.unique {
            "a UNIQUE column"
        } else if c.generated_stored {
            "a STORED generated column"
        } else if non_constant {
            "a column with a non-constant default"
        } else if c.not_null && c.default.is_none() {
            "a NOT NULL column without a default"
        } else {
            continue;
        };
        out.push(
            Finding::new(
                &RULE.meta,
                column_subject(table, &c.name),
                format!("SQLite cannot add {why} ({}) to {table}", c.name),
            )
            .help("add it nullable or with a constant default, backfill with UPDATE, add indexes separately"),
        );
    }
}
