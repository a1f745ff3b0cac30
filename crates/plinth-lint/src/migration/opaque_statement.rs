//! `opaque-statement`: DO blocks and function calls the linter cannot see into.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "opaque-statement",
        kind: RuleKind::Migration,
        severity: Severity::Info,
        summary: "DO blocks and function calls cannot be analysed",
        what: "Finds DO blocks, CALL and `SELECT f(...)` statements in migrations.",
        why: "Their effects (DDL built in strings, loops over tables, data changes) are invisible to the linter \
              and to reviewers reading the diff: every other rule is blind to what happens inside.",
        example: "DO $$ BEGIN EXECUTE 'ALTER TABLE ' || tbl || ' ADD COLUMN note text'; END $$;",
        fix: "Write the statements out in plain SQL where you can; otherwise review the block by hand and \
              silence this with `-- plinth-ignore opaque-statement`.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::Opaque { kind } = &cx.statement.op else {
        return;
    };
    out.push(
        Finding::new(
            &RULE.meta,
            kind.clone(),
            format!("{kind} cannot be analysed: its effects are hidden from review"),
        )
        .help("write the statements out in plain SQL, or review the block and ignore this finding"),
    );
}
