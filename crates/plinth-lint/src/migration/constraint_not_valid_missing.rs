//! `constraint-not-valid-missing`: ADD CHECK / FOREIGN KEY on a table in use
//! without NOT VALID.

use super::util::{edit, existing_alter, fix, on_table, table_subject};
use super::{AlterAction, ConstraintKind, Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "constraint-not-valid-missing",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "ADD CHECK / FOREIGN KEY scans the table under a blocking lock",
        what: "Finds ALTER TABLE ... ADD CONSTRAINT CHECK or FOREIGN KEY without NOT VALID on a table that holds \
               data.",
        why: "Adding the constraint checks every existing row while holding the lock: ACCESS EXCLUSIVE for a \
              CHECK (no reads or writes), SHARE ROW EXCLUSIVE on both tables for a foreign key (no writes). Added \
              NOT VALID, only new rows are checked and the lock is brief; VALIDATE CONSTRAINT later checks the old \
              rows under SHARE UPDATE EXCLUSIVE, which lets reads and writes continue.",
        example: "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);",
        fix: "`ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;` \
              then `ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;` in a later migration (or \
              after a COMMIT).",
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
        if c.not_valid {
            continue;
        }
        let (what, lock) = match &c.kind {
            ConstraintKind::Check { .. } => ("CHECK", "takes ACCESS EXCLUSIVE on"),
            ConstraintKind::ForeignKey { .. } => {
                ("FOREIGN KEY", "takes SHARE ROW EXCLUSIVE on both tables, starting with")
            }
            _ => continue,
        };
        let name = c.name.as_deref().unwrap_or("(unnamed)");
        let mut f = Finding::new(
            &RULE.meta,
            table_subject(table),
            format!("ADD {what} {name} {lock} {table} and scans every row to validate it"),
        )
        .help("add it NOT VALID, then VALIDATE CONSTRAINT in a separate transaction");
        // One action with a name: NOT VALID here, VALIDATE as its own statement.
        if let (1, Some(n)) = (actions.len(), &c.name) {
            let end = cx.statement.sql.len();
            let text = format!(" NOT VALID;\nALTER TABLE {table} VALIDATE CONSTRAINT {n}");
            f = f.with_fix(fix(
                "add NOT VALID and a separate VALIDATE CONSTRAINT",
                vec![edit(cx.statement, (end, end), &text)],
            ));
        }
        out.push(on_table(cx, table, f));
    }
}
