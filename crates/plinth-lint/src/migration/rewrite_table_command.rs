//! `rewrite-table-command`: VACUUM FULL, CLUSTER and SET TABLESPACE.

use super::util::{existing_alter, on_table, table_subject};
use super::{AlterAction, Context, MigrationRule, Name, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "rewrite-table-command",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "VACUUM FULL / CLUSTER / SET TABLESPACE rewrite the table under ACCESS EXCLUSIVE",
        what: "Finds VACUUM FULL, CLUSTER and ALTER TABLE ... SET TABLESPACE in a migration.",
        why: "Each writes a complete new copy of the table and its indexes while holding ACCESS EXCLUSIVE: no \
              reads or writes until it ends, and it needs free disk for a second copy.",
        example: "VACUUM FULL orders;",
        fix: "Do not run these from migrations. To reclaim space online use `pg_repack` or `pg_squeeze`; plain \
              VACUUM (no FULL) does not block reads or writes.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() {
        return;
    }
    let (command, table): (String, Option<&Name>) = match &cx.statement.op {
        Op::Rewrite { command, table } => (command.clone(), table.as_ref()),
        op => match existing_alter(op, cx.state) {
            Some((t, actions)) if actions.iter().any(|a| matches!(a, AlterAction::SetTablespace)) => {
                ("ALTER TABLE ... SET TABLESPACE".into(), Some(t))
            }
            _ => return,
        },
    };
    if table.is_some_and(|t| cx.state.is_new(t)) {
        return;
    }
    let on = table.map_or_else(|| "every table it covers".to_string(), ToString::to_string);
    let f = Finding::new(
        &RULE.meta,
        table.map_or_else(|| "database".to_string(), table_subject),
        format!("{command} takes ACCESS EXCLUSIVE on {on} and rewrites it"),
    )
    .help("use pg_repack / pg_squeeze online, or plain VACUUM");
    out.push(match table {
        Some(t) => on_table(cx, t, f),
        None => f,
    });
}
