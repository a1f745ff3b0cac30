//! `enum-add-value-in-transaction`: ALTER TYPE ... ADD VALUE inside a
//! transaction before PostgreSQL 12.

use super::{Context, EnumChange, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "enum-add-value-in-transaction",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "ALTER TYPE ... ADD VALUE cannot run in a transaction before PostgreSQL 12",
        what: "Finds ALTER TYPE ... ADD VALUE inside a transaction block when the target is older than \
               PostgreSQL 12.",
        why: "Before 12 the server refuses it (`ALTER TYPE ... ADD cannot run inside a transaction block`). From \
              12 it is allowed, but the new value cannot be used until the transaction commits.",
        example: "BEGIN;\nALTER TYPE order_status ADD VALUE 'refunded';\nCOMMIT;",
        fix: "Run it in a migration outside a transaction (`-- plinth:no-transaction`), or target PostgreSQL 12+.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::AlterEnum {
        name,
        change: EnumChange::AddValue { value, .. },
    } = &cx.statement.op
    else {
        return;
    };
    if !cx.postgres() || cx.version() >= 12 || !cx.state.in_transaction {
        return;
    }
    out.push(
        Finding::new(
            &RULE.meta,
            format!("type {name}"),
            format!(
                "ADD VALUE '{value}' to {name} fails inside a transaction block on PostgreSQL {}",
                cx.version()
            ),
        )
        .help("run it outside a transaction"),
    );
}
