//! `tx-commit-without-begin`: COMMIT / ROLLBACK with no BEGIN in the file.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "tx-commit-without-begin",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "COMMIT or ROLLBACK without a matching BEGIN",
        what: "Finds COMMIT / ROLLBACK with no open BEGIN earlier in the file.",
        why: "In a file the tool wraps in a transaction, it ends the tool's transaction early: the statements \
              after it run outside any transaction and the tool's own COMMIT fails. Outside a transaction it \
              only warns, and usually means a BEGIN went missing.",
        example: "ALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
        fix: "Remove the stray COMMIT, or add the BEGIN it belongs to.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let verb = match cx.statement.op {
        Op::Commit => "COMMIT",
        Op::Rollback => "ROLLBACK",
        _ => return,
    };
    if cx.state.explicit_transaction {
        return;
    }
    let effect = if cx.state.in_transaction {
        "ends the migration tool's transaction early: what follows runs outside a transaction"
    } else {
        "has no transaction to end"
    };
    out.push(
        Finding::new(&RULE.meta, "transaction", format!("{verb} without BEGIN {effect}"))
            .help("remove it, or add the BEGIN it belongs to"),
    );
}
