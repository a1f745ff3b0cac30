//! `tx-unclosed`: a BEGIN with no COMMIT before the end of the file.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "tx-unclosed",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "The file ends inside an explicit transaction",
        what: "Finds files whose last statement leaves a BEGIN open (no COMMIT or ROLLBACK after it). Reported \
               on the last statement.",
        why: "What happens next depends on the tool: the session may roll everything back when it closes, or \
              the next file runs inside the open transaction and holds its locks far longer than intended.",
        example: "BEGIN;\nALTER TABLE orders ADD COLUMN note text;",
        fix: "End the transaction with COMMIT in the same file.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.rest.is_empty() {
        return;
    }
    let open = match cx.statement.op {
        Op::Begin => true,
        Op::Commit | Op::Rollback => false,
        _ => cx.state.explicit_transaction,
    };
    if open {
        out.push(
            Finding::new(
                &RULE.meta,
                "transaction",
                "the file ends inside a transaction opened with BEGIN",
            )
            .help("add COMMIT at the end of the file"),
        );
    }
}
