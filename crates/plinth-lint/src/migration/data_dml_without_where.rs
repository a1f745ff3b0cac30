//! `data-dml-without-where`: UPDATE or DELETE of every row.

use super::util::on_table;
use super::{Context, DmlKind, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "data-dml-without-where",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "UPDATE / DELETE without WHERE touches every row in one transaction",
        what: "Finds UPDATE and DELETE without a WHERE clause on a table not created earlier in the same file.",
        why: "One statement locks every row it touches until the transaction ends, blocking concurrent writers, \
              bloats the table with a dead copy of each row, and on a large table runs for a long time with no \
              progress you can resume.",
        example: "UPDATE users SET email_verified = false;",
        fix: "Backfill in keyset batches (`WHERE id > $last ORDER BY id LIMIT 10000`), each in its own \
              transaction, outside the DDL migration.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::Dml { kind, table, has_where } = &cx.statement.op else {
        return;
    };
    if *has_where || *kind == DmlKind::Insert || !cx.state.is_existing(table) {
        return;
    }
    let verb = if *kind == DmlKind::Update { "UPDATE" } else { "DELETE" };
    out.push(on_table(
        cx,
        table,
        Finding::new(
            &RULE.meta,
            format!("table {table}"),
            format!("{verb} without WHERE locks and rewrites every row of {table} in one transaction"),
        )
        .help("backfill in keyset batches, each in its own transaction"),
    ));
}
