//! `partition-attach-without-check`: ATTACH PARTITION that scans the partition.

use super::locks::Work;
use super::util::{existing_alter, on_table, table_subject};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "partition-attach-without-check",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "ATTACH PARTITION scans the partition unless a CHECK proves its bound",
        what: "Finds ALTER TABLE ... ATTACH PARTITION when no valid CHECK constraint was added to the partition \
               by an earlier migration (and the partition was not created in the same file).",
        why: "PostgreSQL verifies that every row of the partition fits the bound, holding ACCESS EXCLUSIVE on the \
              partition (and, before 12, on the parent) for the whole scan. A valid CHECK constraint that \
              implies the bound lets it skip the scan.",
        example: "ALTER TABLE events ATTACH PARTITION events_2026_01 FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');",
        fix: "Add `CHECK (created_at >= '2026-01-01' AND created_at < '2026-02-01') NOT VALID` to the partition, \
              VALIDATE it, attach, then drop the CHECK.",
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
        let AlterAction::AttachPartition { partition } = a else {
            continue;
        };
        let scans = super::locks::action_lock(a, table, cx.state, cx.version()).is_some_and(|(_, w)| w == Work::Scan);
        if !scans {
            continue;
        }
        out.push(on_table(
            cx,
            partition,
            Finding::new(
                &RULE.meta,
                table_subject(partition),
                format!(
                    "ATTACH PARTITION {partition} scans every row of {partition} under ACCESS EXCLUSIVE to check its bound"
                ),
            )
            .help("add a CHECK matching the bound NOT VALID, VALIDATE it, then attach"),
        ));
    }
}
