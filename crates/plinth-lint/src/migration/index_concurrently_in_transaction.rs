//! `index-concurrently-in-transaction`: a CONCURRENTLY operation inside a
//! transaction block, where PostgreSQL refuses it.

use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "index-concurrently-in-transaction",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "CONCURRENTLY cannot run inside a transaction block",
        what: "Finds CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH \
               PARTITION CONCURRENTLY inside a transaction: after an explicit BEGIN, or anywhere in a file the \
               migration tool wraps in a transaction (the default, see `assume_in_transaction`).",
        why: "PostgreSQL rejects these statements in a transaction block (`cannot run inside a transaction \
              block`), so the migration fails at deploy time.",
        example: "BEGIN;\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\nCOMMIT;",
        fix: "Put the statement in its own migration that runs outside a transaction (e.g. `-- plinth:no-transaction` \
              and your tool's equivalent, such as Diesel's `run_in_transaction = false`).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.state.in_transaction || !cx.postgres() {
        return;
    }
    let what = match &cx.statement.op {
        Op::CreateIndex(ix) if ix.concurrently => format!("CREATE INDEX CONCURRENTLY on {}", ix.table),
        Op::DropIndex { concurrently: true, .. } => "DROP INDEX CONCURRENTLY".to_string(),
        Op::Reindex { concurrently: true, .. } => "REINDEX CONCURRENTLY".to_string(),
        Op::AlterTable { actions, table, .. }
            if actions
                .iter()
                .any(|a| matches!(a, AlterAction::DetachPartition { concurrently: true, .. })) =>
        {
            format!("DETACH PARTITION CONCURRENTLY on {table}")
        }
        _ => return,
    };
    let why = if cx.state.explicit_transaction {
        "after BEGIN"
    } else {
        "in a file that runs in a transaction"
    };
    out.push(
        Finding::new(
            &RULE.meta,
            what.clone(),
            format!("{what} fails inside a transaction block ({why})"),
        )
        .help("move it to a migration that runs outside a transaction"),
    );
}
