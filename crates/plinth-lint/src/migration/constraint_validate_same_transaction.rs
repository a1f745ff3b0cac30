//! `constraint-validate-same-transaction`: VALIDATE CONSTRAINT in the
//! transaction that added the constraint NOT VALID.

use super::util::table_subject;
use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "constraint-validate-same-transaction",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "VALIDATE in the same transaction as the NOT VALID add keeps the strong lock",
        what: "Finds ALTER TABLE ... VALIDATE CONSTRAINT for a constraint added NOT VALID earlier in the same \
               transaction.",
        why: "The ADD CONSTRAINT ... NOT VALID lock (ACCESS EXCLUSIVE or SHARE ROW EXCLUSIVE) is held until the \
              transaction ends, so validating in the same transaction scans the table under that lock: the \
              NOT VALID step buys nothing.",
        example: "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\nCOMMIT;",
        fix: "COMMIT after the NOT VALID add and validate in a separate transaction (a later migration).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::AlterTable { table, actions, .. } = &cx.statement.op else {
        return;
    };
    if !cx.state.in_transaction {
        return;
    }
    for a in actions {
        if let AlterAction::ValidateConstraint { name } = a {
            if cx.state.not_valid_in_transaction.contains(name) {
                out.push(
                    Finding::new(
                        &RULE.meta,
                        table_subject(table),
                        format!(
                            "VALIDATE CONSTRAINT {name} runs in the transaction that added it NOT VALID: {table} \
                             stays locked during the scan"
                        ),
                    )
                    .help("commit first; validate in a separate transaction"),
                );
            }
        }
    }
}
