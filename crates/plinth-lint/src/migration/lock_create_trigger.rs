//! `lock-create-trigger`: CREATE TRIGGER on a table in use.

use super::util::{on_table, table_subject};
use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "lock-create-trigger",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "CREATE TRIGGER blocks writes on a table in use and slows every later write",
        what: "Finds CREATE TRIGGER on a table that holds data.",
        why: "CREATE TRIGGER takes SHARE ROW EXCLUSIVE: writes wait while the lock is queued and held. On a busy \
              table the trigger then runs on every write, which is a lasting cost worth a review.",
        example: "CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();",
        fix: "Set a short `lock_timeout` before it, keep the trigger function cheap, and prefer a statement-level \
              trigger with transition tables for bulk writes.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::CreateTrigger { table, name } = &cx.statement.op else {
        return;
    };
    let Some(lock) = cx.locks.first() else {
        return;
    };
    out.push(on_table(
        cx,
        table,
        Finding::new(
            &RULE.meta,
            table_subject(table),
            format!(
                "CREATE TRIGGER {name} {}: every write waits while it is queued",
                lock.describe()
            ),
        )
        .help("set a short lock_timeout first; keep the trigger cheap"),
    ));
}
