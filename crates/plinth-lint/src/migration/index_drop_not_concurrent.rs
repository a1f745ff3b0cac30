//! `index-drop-not-concurrent`: DROP INDEX without CONCURRENTLY.

use super::util::{edit, find_word, fix};
use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "index-drop-not-concurrent",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "DROP INDEX takes ACCESS EXCLUSIVE on the index's table",
        what: "Finds DROP INDEX without CONCURRENTLY (PostgreSQL).",
        why: "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the table the index belongs to. The drop itself \
              is quick, but the lock request queues behind any running query and every read and write queues \
              behind it.",
        example: "DROP INDEX orders_customer_id_idx;",
        fix: "`DROP INDEX CONCURRENTLY orders_customer_id_idx;` in a migration that runs outside a transaction.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::DropIndex {
        names, concurrently, ..
    } = &cx.statement.op
    else {
        return;
    };
    if *concurrently || !cx.postgres() {
        return;
    }
    let list = names.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let mut f = Finding::new(
        &RULE.meta,
        format!("index {list}"),
        format!("DROP INDEX {list} takes ACCESS EXCLUSIVE on its table: every read and write waits"),
    )
    .help("use DROP INDEX CONCURRENTLY, outside a transaction");
    if let Some((_, end)) = find_word(&cx.statement.sql, "index", 0) {
        f = f.with_fix(fix(
            "add CONCURRENTLY",
            vec![edit(cx.statement, (end, end), " CONCURRENTLY")],
        ));
    }
    out.push(f);
}
