//! `mysql-algorithm-copy`: ALTER TABLE ... ALGORITHM=COPY on MySQL/MariaDB.

use super::util::table_subject;
use super::{AlterAction, Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};
use plinth_model::DialectKind;

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "mysql-algorithm-copy",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "ALGORITHM=COPY rebuilds the table and blocks writes for the whole copy",
        what: "Finds ALTER TABLE ... ALGORITHM=COPY on MySQL / MariaDB.",
        why: "The COPY algorithm creates a new table, copies every row and swaps it in; concurrent writes are \
              blocked for the whole copy (and it needs disk for a second copy).",
        example: "ALTER TABLE orders MODIFY note TEXT, ALGORITHM=COPY;",
        fix: "Ask for `ALGORITHM=INSTANT` or `ALGORITHM=INPLACE, LOCK=NONE` (MySQL then refuses rather than \
              silently copying), or use an online schema change tool (gh-ost, pt-online-schema-change).",
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
        if let AlterAction::MySqlOption { name, value } = a {
            if name.eq_ignore_ascii_case("algorithm") && value.eq_ignore_ascii_case("copy") {
                out.push(
                    Finding::new(
                        &RULE.meta,
                        table_subject(table),
                        format!("ALGORITHM=COPY rebuilds {table} row by row and blocks writes until it ends"),
                    )
                    .help("use ALGORITHM=INSTANT or INPLACE with LOCK=NONE, or gh-ost / pt-online-schema-change"),
                );
            }
        }
    }
}
