//! `index-pg14-concurrent-bug`: CREATE INDEX / REINDEX CONCURRENTLY on
//! PostgreSQL 14.0–14.3, which can silently corrupt the index.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "index-pg14-concurrent-bug",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "CONCURRENTLY index builds on PostgreSQL 14.0–14.3 can miss rows",
        what: "Finds CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY when the target is PostgreSQL 14 and the \
               minor version is unknown or below 14.4.",
        why: "PostgreSQL 14.0 to 14.3 had a bug where an index built or rebuilt CONCURRENTLY could miss rows \
              updated during the build (fixed in 14.4, June 2022). The index looks valid but queries using it \
              return wrong results.",
        example: "-- target: PostgreSQL 14\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
        fix: "Upgrade the server to 14.4 or later (then set the minor version in the configuration), and check \
              indexes built before the upgrade with `amcheck`'s `bt_index_check(index, true)` or REINDEX them.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() || cx.version() != 14 || cx.settings.minor.is_some_and(|m| m >= 4) {
        return;
    }
    let what = match &cx.statement.op {
        Op::CreateIndex(ix) if ix.concurrently => format!("CREATE INDEX CONCURRENTLY on {}", ix.table),
        Op::Reindex {
            concurrently: true,
            target,
        } => format!("REINDEX CONCURRENTLY {target}"),
        _ => return,
    };
    let minor = match cx.settings.minor {
        Some(m) => format!("14.{m}"),
        None => "14 (minor version unknown)".to_string(),
    };
    out.push(
        Finding::new(
            &RULE.meta,
            what.clone(),
            format!("{what} on PostgreSQL {minor} can build an index that misses rows (fixed in 14.4)"),
        )
        .help("run PostgreSQL 14.4 or later and set the minor version in plinth.toml"),
    );
}
