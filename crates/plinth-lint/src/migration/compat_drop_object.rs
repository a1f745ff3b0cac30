//! `compat-drop-object`: DROP VIEW / FUNCTION / TYPE / ... that clients may call.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "compat-drop-object",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "Dropping a view, function or type breaks clients still using it",
        what: "Finds DROP VIEW, DROP MATERIALIZED VIEW, DROP FUNCTION / PROCEDURE, DROP TYPE / DOMAIN, DROP \
               SEQUENCE and DROP SCHEMA. Triggers, policies, rules and extensions are not flagged.",
        why: "Clients deployed before the drop may still call the function or query the view. A dropped \
              materialized view or sequence also loses its data.",
        example: "DROP VIEW active_users;",
        fix: "Drop it in a release after every client stopped using it; say so in the migration.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::DropObject { kind, names, .. } = &cx.statement.op else {
        return;
    };
    if !matches!(
        kind.as_str(),
        "view" | "materialized view" | "function" | "procedure" | "routine" | "type" | "domain" | "sequence" | "schema"
    ) {
        return;
    }
    let list = names.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    out.push(
        Finding::new(
            &RULE.meta,
            format!("{kind} {list}"),
            format!("DROP {} {list} breaks clients that still use it", kind.to_uppercase()),
        )
        .help("drop it once no deployed client uses it"),
    );
}
