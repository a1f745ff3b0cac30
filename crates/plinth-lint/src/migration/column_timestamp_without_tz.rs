//! `column-timestamp-without-tz`: a new column of type `timestamp` (without
//! time zone). The schema-side twin is a schema rule.

use super::util::{column_subject, column_type_range, declared_types, edit, fix, is_timestamp_without_tz};
use super::{Context, MigrationRule};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "column-timestamp-without-tz",
        kind: RuleKind::Migration,
        severity: Severity::Warning,
        summary: "timestamp without time zone stores wall-clock time with no zone",
        what: "Finds columns declared (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE) as `timestamp` / \
               `timestamp without time zone` on PostgreSQL.",
        why: "A `timestamp` records a wall-clock reading without saying where: values written by servers or \
              sessions in different time zones cannot be compared, and daylight-saving changes produce \
              duplicates and gaps. `timestamptz` stores an instant (UTC) and costs the same 8 bytes.",
        example: "ALTER TABLE orders ADD COLUMN shipped_at timestamp;",
        fix: "Use `timestamptz`. `plinth lint --fix` rewrites the type in new columns.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.postgres() {
        return;
    }
    for (table, column, ty, _) in declared_types(&cx.statement.op) {
        if !is_timestamp_without_tz(ty) {
            continue;
        }
        let mut f = Finding::new(
            &RULE.meta,
            column_subject(table, column),
            format!("{column} is {ty}: a wall-clock time with no time zone"),
        )
        .help("use timestamptz");
        if let Some(range) = column_type_range(&cx.statement.sql, column, "timestamp") {
            f = f.with_fix(fix(
                "timestamp → timestamptz",
                vec![edit(cx.statement, range, "timestamptz")],
            ));
        }
        out.push(f);
    }
}
