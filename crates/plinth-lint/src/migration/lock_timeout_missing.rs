//! `lock-timeout-missing`: a statement that blocks writes on a table in use,
//! with no `lock_timeout` set before it.

use super::{Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "lock-timeout-missing",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "A blocking lock is requested without a lock_timeout",
        what: "Finds the first statement of a file that takes a lock blocking writes (SHARE or stronger) on a \
               table that holds data, when no `SET lock_timeout` came before it in the file. Reported once per \
               file.",
        why: "A lock request waits behind every transaction already using the table, and while it waits every \
              new query on the table queues behind it. One long-running report turns a millisecond ALTER TABLE \
              into an outage. A lock_timeout makes the migration fail fast instead, so it can be retried.",
        example: "ALTER TABLE orders ADD COLUMN note text;",
        fix: "Start the migration with `SET lock_timeout = '2s';` (or `SET LOCAL` inside a transaction) and retry \
              the migration when it times out.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() || cx.state.lock_timeout_set || cx.state.blocking_lock_statements > 0 {
        return;
    }
    let Some(lock) = cx
        .locks
        .iter()
        .filter(|l| l.level.blocks_writes())
        .max_by_key(|l| l.level)
    else {
        return;
    };
    out.push(
        Finding::new(
            &RULE.meta,
            format!("table {}", lock.target),
            format!(
                "this statement {} with no lock_timeout: while it waits for the lock, {} on {} queues behind it",
                lock.describe(),
                lock.blocked(),
                lock.target
            ),
        )
        .help("add `SET lock_timeout = '2s';` before the first statement and retry on timeout"),
    );
}
