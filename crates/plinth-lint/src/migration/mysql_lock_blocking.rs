//! `mysql-lock-blocking`: ALTER TABLE ... LOCK=SHARED / EXCLUSIVE on MySQL/MariaDB.

use super::util::table_subject;
use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};
use plinth_model::DialectKind;

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "mysql-lock-blocking",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "LOCK=SHARED blocks writes, LOCK=EXCLUSIVE blocks reads and writes",
        what: "Finds ALTER TABLE ... LOCK=SHARED or LOCK=EXCLUSIVE on MySQL / MariaDB.",
        why: "The clause asks for a table lock for the whole operation: SHARED blocks every write, EXCLUSIVE \
              every read and write, for as long as the ALTER runs.",
        example: "ALTER TABLE orders ADD INDEX orders_customer_id_idx (customer_id), LOCK=SHARED;",
        fix: "Use `LOCK=NONE` (MySQL refuses the statement if it cannot run without blocking, instead of \
              blocking silently), or an online schema change tool.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::AlterTable { table, actions, .. } = &cx.statement.op else {
        return;
    };
    if cx.settings.target.dialect != DialectKind::MySql || !cx.state.is_existing(table) {
        return;
    }
    for a in actions {
        let AlterAction::MySqlOption { name, value } = a else {
            continue;
        };
        if !name.eq_ignore_ascii_case("lock") {
            continue;
        }
        let blocks = if value.eq_ignore_ascii_case("shared") {
            "every write"
        } else if value.eq_ignore_ascii_case("exclusive") {
            "every read and write"
        } else {
            continue;
        };
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "LOCK={} blocks {blocks} on {table} for the whole ALTER",
                    value.to_uppercase()
                ),
            )
            .help("use LOCK=NONE, or an online schema change tool"),
        );
    }
}
