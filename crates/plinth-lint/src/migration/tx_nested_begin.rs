//! `tx-nested-begin`: BEGIN inside a transaction.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "tx-nested-begin",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "BEGIN inside a transaction does not nest",
        what: "Finds BEGIN / START TRANSACTION after another BEGIN, or in a file the migration tool already runs \
               in a transaction.",
        why: "PostgreSQL has no nested transactions: the inner BEGIN only warns, and the first COMMIT commits \
              the outer transaction. Everything after it runs outside any transaction, so a failure leaves the \
              migration half applied and the tool's own COMMIT finds no transaction.",
        example:
            "-- the tool wraps this file in a transaction\nBEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
        fix: "Remove the explicit BEGIN/COMMIT when the tool provides the transaction, or mark the file \
              `-- plinth:no-transaction` (and configure the tool the same way) when you manage it yourself.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.statement.op != Op::Begin || !cx.state.in_transaction {
        return;
    }
    let outer = if cx.state.explicit_transaction {
        "an earlier BEGIN"
    } else {
        "the migration tool's transaction"
    };
    out.push(
        Finding::new(
            &RULE.meta,
            "transaction",
            format!("BEGIN inside {outer} does not nest: the next COMMIT ends the outer transaction"),
        )
        .help("remove the explicit BEGIN/COMMIT, or run the file outside the tool's transaction"),
    );
}
