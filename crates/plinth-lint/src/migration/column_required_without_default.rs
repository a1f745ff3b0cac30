//! `column-required-without-default`: ADD COLUMN ... NOT NULL without a
//! default on a table in use.

use super::util::{column_subject, existing_alter};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "column-required-without-default",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "ADD COLUMN NOT NULL without a default fails on a table with rows",
        what: "Finds ALTER TABLE ... ADD COLUMN ... NOT NULL with no DEFAULT (and not identity or generated) on \
               a table that holds data.",
        why: "Existing rows would get NULL, so the statement fails as soon as the table has one row: the \
              migration passes on an empty development database and breaks the deploy. Clients inserting \
              without the column also start failing.",
        example: "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;",
        fix: "Add the column nullable, backfill it in batches, add `CHECK (col IS NOT NULL) NOT VALID`, \
              VALIDATE it, then SET NOT NULL; or give it a constant DEFAULT (no rewrite from PostgreSQL 11).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some((table, actions)) = existing_alter(&cx.statement.op, cx.state) else {
        return;
    };
    for a in actions {
        let AlterAction::AddColumn { column, .. } = a else {
            continue;
        };
        if !column.not_null || column.default.is_some() || column.identity || column.generated_stored {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                column_subject(table, &column.name),
                format!(
                    "ADD COLUMN {} NOT NULL without a default fails once {table} has rows",
                    column.name
                ),
            )
            .help("add it nullable, backfill, then enforce NOT NULL; or give it a constant default"),
        );
    }
}
