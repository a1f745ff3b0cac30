//! `rewrite-add-column-generated`: adding a stored generated column to a
//! table in use.

use super::util::{column_subject, existing_alter, on_table};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "rewrite-add-column-generated",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED rewrites the table",
        what: "Finds ALTER TABLE ... ADD COLUMN of a stored generated column on a table that holds data.",
        why: "The value is computed and stored for every existing row: a full rewrite under ACCESS EXCLUSIVE.",
        example: "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;",
        fix: "On PostgreSQL 18, a VIRTUAL generated column costs no rewrite. Otherwise add a plain column, keep it \
              in sync with a trigger, and backfill in batches.",
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
        let AlterAction::AddColumn { column, .. } = a else {
            continue;
        };
        if !column.generated_stored {
            continue;
        }
        out.push(on_table(
            cx,
            table,
            Finding::new(
                &RULE.meta,
                column_subject(table, &column.name),
                format!(
                    "ADD COLUMN {} GENERATED ... STORED takes ACCESS EXCLUSIVE on {table} and rewrites it",
                    column.name
                ),
            )
            .help("use a VIRTUAL generated column (PostgreSQL 18) or a trigger-maintained column with a backfill"),
        ));
    }
}
