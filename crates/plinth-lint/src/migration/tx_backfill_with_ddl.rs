//! `tx-backfill-with-ddl`: UPDATE / DELETE in the transaction that changed
//! the same table's structure.

use super::util::on_table;
use super::{Context, DmlKind, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "tx-backfill-with-ddl",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "A backfill in the same transaction as DDL on the table holds the DDL's lock throughout",
        what: "Finds UPDATE and DELETE on a table that had ALTER TABLE, CREATE INDEX or CREATE TRIGGER earlier \
               in the same transaction.",
        why: "The DDL's lock (ACCESS EXCLUSIVE for ALTER TABLE) is held until the transaction commits, so the \
              table stays unreadable and unwritable for the whole backfill.",
        example: "ALTER TABLE users ADD COLUMN locale text;\nUPDATE users SET locale = 'en';",
        fix: "Commit the DDL first, then backfill in batches in separate transactions (a separate migration).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::Dml { kind, table, .. } = &cx.statement.op else {
        return;
    };
    if *kind == DmlKind::Insert
        || !cx.state.in_transaction
        || !cx.state.is_existing(table)
        || !cx.state.locked_in_transaction.contains(&table.name)
    {
        return;
    }
    let verb = if *kind == DmlKind::Update { "UPDATE" } else { "DELETE" };
    out.push(on_table(
        cx,
        table,
        Finding::new(
            &RULE.meta,
            format!("table {table}"),
            format!("{verb} of {table} runs in the transaction that altered it: the DDL lock is held for the whole backfill"),
        )
        .help("commit the DDL first; backfill in batches in separate transactions"),
    ));
}
