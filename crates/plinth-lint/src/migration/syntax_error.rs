//! `syntax-error`: a statement the dialect's grammar rejects.

use super::{Context, MigrationRule, Op};
use crate::{Finding, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "syntax-error",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "The statement does not parse",
        what: "Reports statements the dialect's parser rejects, with the parser's message. Linting continues \
               with the next statement.",
        why: "The migration will fail at this statement when it runs, and no other rule can judge it.",
        example: "ALTER TABLE orders ADD COLUMN note txt DEFAULT;",
        fix: "Correct the statement; check it against the target version's grammar.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::SyntaxError { message } = &cx.statement.op else {
        return;
    };
    let first_line = cx.statement.sql.lines().next().unwrap_or("");
    out.push(
        Finding::new(
            &RULE.meta,
            "statement",
            message.trim_start_matches("Invalid statement: ").to_string(),
        )
        .help(format!(
            "the statement starting `{}` does not parse",
            shorten(first_line)
        )),
    );
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
