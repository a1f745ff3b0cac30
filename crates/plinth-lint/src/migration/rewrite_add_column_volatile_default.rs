//! `rewrite-add-column-volatile-default`: ADD COLUMN whose default forces a
//! table rewrite.

use super::util::{column_subject, existing_alter, on_table};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "rewrite-add-column-volatile-default",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "ADD COLUMN with a volatile default (or any default before PostgreSQL 11) rewrites the table",
        what: "Finds ALTER TABLE ... ADD COLUMN with a default that calls a volatile function (`random()`, \
               `clock_timestamp()`, `gen_random_uuid()`, `nextval()`, or a function not known to be stable), or \
               with any default when the target is older than PostgreSQL 11.",
        why: "From PostgreSQL 11 a non-volatile default is stored once in the catalog. A volatile one must be \
              computed for each existing row, so the whole table is rewritten under ACCESS EXCLUSIVE: no reads \
              or writes until it ends.",
        example: "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        fix: "Add the column without a default, set the default for new rows (`ALTER COLUMN ... SET DEFAULT`), \
              and backfill existing rows in batches.",
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
        let Some(default) = &column.default else { continue };
        if column.identity || column.generated_stored {
            continue; // rewrite-add-column-identity / -generated say it
        }
        let why = if default.volatile {
            format!("its default {} is volatile (computed per row)", default.sql)
        } else if cx.version() < 11 {
            format!("PostgreSQL {} stores every default in each row", cx.version())
        } else {
            continue;
        };
        out.push(on_table(
            cx,
            table,
            Finding::new(
                &RULE.meta,
                column_subject(table, &column.name),
                format!(
                    "ADD COLUMN {} takes ACCESS EXCLUSIVE on {table} and rewrites it: {why}",
                    column.name
                ),
            )
            .help("add the column without a default, SET DEFAULT for new rows, backfill in batches"),
        ));
    }
}
