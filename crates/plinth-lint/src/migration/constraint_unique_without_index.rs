//! `constraint-unique-without-index`: ADD UNIQUE / PRIMARY KEY building its
//! index under ACCESS EXCLUSIVE.

use super::util::{existing_alter, on_table, table_subject};
use super::{AlterAction, ConstraintKind, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "constraint-unique-without-index",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "ADD UNIQUE / PRIMARY KEY builds its index under ACCESS EXCLUSIVE",
        what: "Finds ALTER TABLE ... ADD UNIQUE or ADD PRIMARY KEY without USING INDEX on a table that holds data.",
        why: "The constraint's index is built while ACCESS EXCLUSIVE is held: no reads or writes for the whole \
              build.",
        example: "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
        fix: "`CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);` outside a transaction, then \
              `ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;`.",
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
        let AlterAction::AddConstraint(c) = a else { continue };
        let (kind, columns) = match &c.kind {
            ConstraintKind::Unique {
                columns,
                using_index: None,
            } => ("UNIQUE", columns),
            ConstraintKind::PrimaryKey {
                columns,
                using_index: None,
            } => ("PRIMARY KEY", columns),
            _ => continue,
        };
        out.push(on_table(
            cx,
            table,
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "ADD {kind} ({}) takes ACCESS EXCLUSIVE on {table} while it builds an index",
                    columns.join(", ")
                ),
            )
            .help("build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX"),
        ));
    }
}
