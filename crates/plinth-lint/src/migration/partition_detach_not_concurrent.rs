//! `partition-detach-not-concurrent`: DETACH PARTITION without CONCURRENTLY
//! (PostgreSQL ≥ 14).

use super::util::{edit, existing_alter, find_word, fix, table_subject};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "partition-detach-not-concurrent",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "DETACH PARTITION takes ACCESS EXCLUSIVE on the parent",
        what: "Finds ALTER TABLE ... DETACH PARTITION without CONCURRENTLY when the target is PostgreSQL 14 or \
               later.",
        why: "A plain detach locks the partitioned table with ACCESS EXCLUSIVE: every query on any partition \
              waits. From PostgreSQL 14, DETACH PARTITION ... CONCURRENTLY only takes SHARE UPDATE EXCLUSIVE.",
        example: "ALTER TABLE events DETACH PARTITION events_2020_01;",
        fix: "`ALTER TABLE events DETACH PARTITION events_2020_01 CONCURRENTLY;` outside a transaction.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    if !cx.postgres() || cx.version() < 14 {
        return;
    }
    for a in actions {
        let AlterAction::DetachPartition {
            partition,
            concurrently: false,
        } = a
        else {
            continue;
        };
        let mut f = Finding::new(
            &RULE.meta,
            table_subject(table),
            format!("DETACH PARTITION {partition} takes ACCESS EXCLUSIVE on {table}: every query on it waits"),
        )
        .help("use DETACH PARTITION ... CONCURRENTLY outside a transaction");
        if actions.len() == 1 && find_word(&cx.statement.sql, "finalize", 0).is_none() {
            let end = cx.statement.sql.len();
            f = f.with_fix(fix(
                "add CONCURRENTLY",
                vec![edit(cx.statement, (end, end), " CONCURRENTLY")],
            ));
        }
        out.push(f);
    }
}
