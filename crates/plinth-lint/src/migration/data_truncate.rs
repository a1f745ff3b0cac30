//! `data-truncate`: TRUNCATE in a migration.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "data-truncate",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "TRUNCATE deletes every row under ACCESS EXCLUSIVE",
        what: "Finds TRUNCATE of a table not created earlier in the same file.",
        why: "Every row is gone (a down migration cannot restore them), it takes ACCESS EXCLUSIVE, and it is \
              not MVCC-safe: concurrent transactions see an empty table. A migration that only makes sense on \
              a development database should not reach production.",
        example: "TRUNCATE sessions;",
        fix: "Delete what must go with a bounded DELETE (in batches), or do the cleanup outside the migrations.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::Truncate { tables } = &cx.statement.op else {
        return;
    };
    for t in tables.iter().filter(|t| cx.state.is_existing(t)) {
        out.push(
            Finding::new(
                &RULE.meta,
                format!("table {t}"),
                format!("TRUNCATE {t} deletes every row under ACCESS EXCLUSIVE"),
            )
            .help("delete in bounded batches, or clean up outside migrations"),
        );
    }
}
