//! `lock-statement-timeout-missing`: a long statement under a blocking lock
//! with no `statement_timeout`.

use super::locks::Work;
use super::{Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "lock-statement-timeout-missing",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "A scan, index build or rewrite holds a blocking lock with no statement_timeout",
        what: "Finds the first statement of a file that holds a lock blocking writes while it scans, builds an \
               index or rewrites a table holding data, when no `SET statement_timeout` came before it. Reported \
               once per file.",
        why: "Without a statement_timeout, a rewrite of a table larger than expected holds its lock for as long \
              as it takes, and nothing stops it short of a manual cancel.",
        example: "ALTER TABLE orders ALTER COLUMN id TYPE bigint;",
        fix: "Set `SET statement_timeout = '5min';` (a bound you accept as downtime) at the start of the migration, \
              or use the zero-downtime form the other findings suggest.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() || cx.state.statement_timeout_set || cx.state.long_lock_statements > 0 {
        return;
    }
    let Some(lock) = cx
        .locks
        .iter()
        .filter(|l| l.level.blocks_writes() && l.work > Work::Catalog)
        .max_by_key(|l| (l.work, l.level))
    else {
        return;
    };
    out.push(
        Finding::new(
            &RULE.meta,
            format!("table {}", lock.target),
            format!(
                "this statement {} with no statement_timeout to bound how long",
                lock.describe()
            ),
        )
        .help("add `SET statement_timeout = '...';` with the longest lock you accept"),
    );
}
