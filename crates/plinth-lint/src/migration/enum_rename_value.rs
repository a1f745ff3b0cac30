//! `enum-rename-value`: ALTER TYPE ... RENAME VALUE under running clients.

use super::{Context, EnumChange, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "enum-rename-value",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "Renaming an enum value breaks clients still sending the old value",
        what: "Finds ALTER TYPE ... RENAME VALUE (PostgreSQL). Enum values cannot be removed at all without \
               recreating the type, which is why changing an enum's values is a design smell.",
        why: "Clients deployed before the rename keep writing the old label and fail with `invalid input value \
              for enum`; stored rows change meaning at once.",
        example: "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';",
        fix: "Add the new value, migrate rows in batches, switch clients, and stop using the old value; for sets \
              that change, prefer a lookup table or text with a CHECK.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::AlterEnum {
        name,
        change: EnumChange::RenameValue { from, to },
    } = &cx.statement.op
    else {
        return;
    };
    out.push(
        Finding::new(
            &RULE.meta,
            format!("type {name}"),
            format!("renaming {name} value '{from}' to '{to}' breaks clients still sending '{from}'"),
        )
        .help("add the new value, migrate rows, switch clients; consider a lookup table"),
    );
}
