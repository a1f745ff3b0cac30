//! `index-reindex-not-concurrent`: REINDEX without CONCURRENTLY (PostgreSQL ≥ 12).

use super::util::{edit, find_word, fix};
use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "index-reindex-not-concurrent",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "REINDEX blocks writes to the table and reads through the index",
        what: "Finds REINDEX without CONCURRENTLY when the target is PostgreSQL 12 or later (where \
               REINDEX CONCURRENTLY exists).",
        why: "A plain REINDEX locks out writes to the table and takes ACCESS EXCLUSIVE on the index, so every \
              query that would use the index waits for the whole rebuild.",
        example: "REINDEX INDEX orders_customer_id_idx;",
        fix: "`REINDEX INDEX CONCURRENTLY orders_customer_id_idx;` outside a transaction (PostgreSQL ≥ 12).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::Reindex { concurrently, target } = &cx.statement.op else {
        return;
    };
    if *concurrently || !cx.postgres() || cx.version() < 12 {
        return;
    }
    let mut f = Finding::new(
        &RULE.meta,
        format!("index {target}"),
        format!("REINDEX {target} blocks writes and every query using the index until the rebuild ends"),
    )
    .help("use REINDEX ... CONCURRENTLY, outside a transaction");
    let sql = &cx.statement.sql;
    let kw = ["index", "table", "schema", "database", "system"]
        .iter()
        .filter_map(|k| find_word(sql, k, 0))
        .min_by_key(|r| r.0);
    if let Some((_, end)) = kw {
        f = f.with_fix(fix(
            "add CONCURRENTLY",
            vec![edit(cx.statement, (end, end), " CONCURRENTLY")],
        ));
    }
    out.push(f);
}
