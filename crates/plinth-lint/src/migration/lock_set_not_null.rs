//! `lock-set-not-null`: SET NOT NULL scanning a table under ACCESS EXCLUSIVE.

use super::locks::Work;
use super::util::{column_subject, existing_alter, on_table};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "lock-set-not-null",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE",
        what: "Finds ALTER COLUMN ... SET NOT NULL on a table holding data, unless (PostgreSQL ≥ 12) a valid \
               `CHECK (column IS NOT NULL)` already proves it.",
        why: "PostgreSQL verifies every row while holding ACCESS EXCLUSIVE: no reads, no writes until the scan \
              ends. From PostgreSQL 12 the scan is skipped when a validated CHECK constraint already proves the \
              column is not null.",
        example: "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
        fix: "`ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null CHECK (customer_id IS NOT NULL) NOT VALID;` \
              then, in a later migration, `VALIDATE CONSTRAINT` (no blocking lock), `SET NOT NULL` (no scan on \
              ≥ 12), and drop the CHECK.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    if !cx.postgres() {
        return;
    }
    for a in actions {
        let AlterAction::SetNotNull { column } = a else {
            continue;
        };
        let proven = cx.state.not_null_checks.contains(&(table.name.clone(), column.clone()));
        if proven && cx.version() >= 12 {
            continue;
        }
        let hint = if proven {
            " (the CHECK proving it only skips the scan from PostgreSQL 12)"
        } else {
            ""
        };
        let lock = super::locks::Lock {
            target: table.clone(),
            level: super::locks::LockLevel::AccessExclusive,
            work: Work::Scan,
        };
        out.push(on_table(
            cx,
            table,
            Finding::new(
                &RULE.meta,
                column_subject(table, column),
                format!("SET NOT NULL on {column} {}{hint}", lock.describe()),
            )
            .help("add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL"),
        ));
    }
}
