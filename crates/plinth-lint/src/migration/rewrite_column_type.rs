//! `rewrite-column-type`: ALTER COLUMN TYPE that rewrites the table.

use super::locks::type_change_rewrites;
use super::util::{column_subject, existing_alter, on_table};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "rewrite-column-type",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "ALTER COLUMN TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE",
        what: "Finds ALTER COLUMN ... TYPE on a table that holds data, unless the change is binary-coercible and \
               cannot fail: `varchar(n)` → `text`, `varchar` or a larger `varchar(m)`; `numeric(p,s)` → \
               `numeric(q,s)` with q ≥ p or unconstrained `numeric`; `cidr` → `inet`. The old type is taken from \
               the migrations that declared the column; a `USING` clause always rewrites.",
        why: "A rewrite copies every row and rebuilds every index on the table while ACCESS EXCLUSIVE is held: \
              reads and writes stop for the duration (`integer` → `bigint` on a large table is hours).",
        example: "ALTER TABLE orders ALTER COLUMN id TYPE bigint;",
        fix: "Add a new column of the new type, keep it in sync with a trigger, backfill in batches, then swap the \
              columns in a short transaction (expand / contract).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    if !cx.postgres() {
        return;
    }
    for a in actions {
        let AlterAction::AlterType {
            column,
            type_name,
            using,
        } = a
        else {
            continue;
        };
        let old = cx.state.column_type(table, column);
        if !type_change_rewrites(old, type_name, using.is_some()) {
            continue;
        }
        let from = match old {
            Some(o) => format!(" from {o}"),
            None => String::new(),
        };
        out.push(on_table(
            cx,
            table,
            Finding::new(
                &RULE.meta,
                column_subject(table, column),
                format!(
                    "changing {column}{from} to {type_name} takes ACCESS EXCLUSIVE on {table} and rewrites it \
                     (and rebuilds its indexes)"
                ),
            )
            .help("add a new column, sync it with a trigger, backfill in batches, then swap"),
        ));
    }
}
