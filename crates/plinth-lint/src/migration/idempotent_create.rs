//! `idempotent-create`: CREATE without IF NOT EXISTS outside a transaction.

use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "idempotent-create",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "Non-idempotent DDL outside a transaction cannot be re-run after a partial failure",
        what: "Finds, in files that run outside a transaction, CREATE TABLE / INDEX / SEQUENCE / SCHEMA / \
               EXTENSION without IF NOT EXISTS, ADD COLUMN without IF NOT EXISTS, and DROP TABLE / INDEX / \
               COLUMN without IF EXISTS. Inside a transaction a failure rolls everything back, so they are \
               left alone.",
        why: "Without a transaction, a migration that fails halfway leaves the first statements applied; \
              running it again fails at the first CREATE that already happened.",
        example: "-- plinth:no-transaction\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
        fix: "Add IF NOT EXISTS / IF EXISTS. For CREATE INDEX CONCURRENTLY also drop an INVALID index left by a \
              failed build before retrying (IF NOT EXISTS would keep it).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.state.in_transaction {
        return;
    }
    let what = match &cx.statement.op {
        Op::CreateTable {
            table,
            if_not_exists: false,
            ..
        } => format!("CREATE TABLE {table}"),
        Op::CreateIndex(ix) if !ix.if_not_exists => format!("CREATE INDEX on {}", ix.table),
        Op::CreateObject {
            kind,
            name,
            if_not_exists: false,
            or_replace: false,
        } if matches!(kind.as_str(), "sequence" | "schema" | "extension") => {
            format!("CREATE {} {name}", kind.to_uppercase())
        }
        Op::DropTable {
            tables,
            if_exists: false,
            ..
        } => format!(
            "DROP TABLE {}",
            tables.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        ),
        Op::DropIndex {
            names,
            if_exists: false,
            ..
        } => format!(
            "DROP INDEX {}",
            names.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        ),
        Op::AlterTable { table, actions, .. } => {
            let Some(a) = actions.iter().find(|a| {
                matches!(
                    a,
                    AlterAction::AddColumn {
                        if_not_exists: false,
                        ..
                    } | AlterAction::DropColumn { if_exists: false, .. }
                )
            }) else {
                return;
            };
            match a {
                AlterAction::AddColumn { column, .. } => format!("ADD COLUMN {} to {table}", column.name),
                AlterAction::DropColumn { column, .. } => format!("DROP COLUMN {column} from {table}"),
                _ => return,
            }
        }
        _ => return,
    };
    out.push(
        Finding::new(
            &RULE.meta,
            what.clone(),
            format!("{what} outside a transaction fails when the migration is re-run after a partial failure"),
        )
        .help("add IF NOT EXISTS / IF EXISTS"),
    );
}
