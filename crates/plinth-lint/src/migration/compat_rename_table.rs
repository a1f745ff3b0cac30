//! `compat-rename-table`: RENAME TABLE (or another object) under running clients.

use super::util::table_subject;
use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "compat-rename-table",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "Renaming a table, view or type breaks every client still using the old name",
        what: "Finds ALTER TABLE ... RENAME TO on a table that holds data, and renames of views, materialized \
               views, types, sequences, functions and schemas. Index and constraint renames are not flagged: \
               clients do not name them.",
        why: "Application servers deployed before the rename keep querying the old name and fail until they \
              are replaced.",
        example: "ALTER TABLE users RENAME TO accounts;",
        fix: "Rename, then create a view with the old name (`CREATE VIEW users AS SELECT * FROM accounts`, \
              simple views are updatable) until every client uses the new name; drop the view later.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (subject, what, to) = match &cx.statement.op {
        Op::RenameTable { table, to } if cx.state.is_existing(table) => (table_subject(table), "table", to),
        Op::RenameObject { kind, name, to }
            if !matches!(kind.as_str(), "index" | "constraint" | "trigger" | "policy") =>
        {
            (format!("{kind} {name}"), kind.as_str(), to)
        }
        _ => return,
    };
    let old = subject.split_once(' ').map_or(subject.as_str(), |(_, n)| n).to_string();
    out.push(
        Finding::new(
            &RULE.meta,
            subject,
            format!("renaming {what} {old} to {to} breaks clients still using {old}"),
        )
        .help("keep the old name reachable (a view) until every client has moved"),
    );
}
