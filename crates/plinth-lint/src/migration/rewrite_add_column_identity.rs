//! `rewrite-add-column-identity`: adding a serial or identity column to a
//! table in use.

use super::util::{column_subject, existing_alter, on_table};
use super::{AlterAction, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "rewrite-add-column-identity",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "ADD COLUMN serial / identity rewrites the table under ACCESS EXCLUSIVE",
        what: "Finds ALTER TABLE ... ADD COLUMN of type serial/bigserial or GENERATED ... AS IDENTITY on a table \
               that holds data.",
        why: "Each existing row needs its own sequence value, so PostgreSQL rewrites the table (and, for a \
              PRIMARY KEY, builds the index) while holding ACCESS EXCLUSIVE.",
        example: "ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;",
        fix: "Add a nullable bigint column, attach a sequence with SET DEFAULT nextval(...), backfill in batches, \
              then build a unique index CONCURRENTLY and add the key USING INDEX.",
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
        if !column.identity {
            continue;
        }
        out.push(on_table(
            cx,
            table,
            Finding::new(
                &RULE.meta,
                column_subject(table, &column.name),
                format!(
                    "ADD COLUMN {} {} takes ACCESS EXCLUSIVE on {table} and rewrites it to number every row",
                    column.name, column.type_name
                ),
            )
            .help("add a nullable bigint, attach a sequence default, backfill in batches"),
        ));
    }
}
