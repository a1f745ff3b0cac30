//! `data-drop-table`: DROP TABLE of a table that holds data.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "data-drop-table",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "DROP TABLE destroys data and breaks clients still using the table",
        what: "Finds DROP TABLE of a table not created earlier in the same file.",
        why: "The rows are gone for good, and clients deployed before the drop fail. With CASCADE, dependent \
              views and foreign keys go too.",
        example: "DROP TABLE legacy_sessions;",
        fix: "Stop using the table in a release first, then drop it in a separate, explicitly destructive \
              migration (rename it away first if you want a grace period).",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::DropTable { tables, cascade, .. } = &cx.statement.op else {
        return;
    };
    for t in tables.iter().filter(|t| cx.state.is_existing(t)) {
        let cascade = if *cascade {
            " (CASCADE drops what depends on it too)"
        } else {
            ""
        };
        out.push(
            Finding::new(
                &RULE.meta,
                format!("table {t}"),
                format!("DROP TABLE {t} destroys its data and breaks clients still using it{cascade}"),
            )
            .help("stop using the table first; drop it in a separate destructive migration"),
        );
    }
}
