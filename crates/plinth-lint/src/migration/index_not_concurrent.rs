//! `index-not-concurrent`: CREATE INDEX without CONCURRENTLY on a table that
//! already holds data.

use super::{Context, MigrationRule, Op};
use crate::{Edit, Finding, Fix, RuleKind, RuleMeta, Severity};

pub static RULE: MigrationRule = MigrationRule {
    meta: RuleMeta {
        id: "index-not-concurrent",
        kind: RuleKind::Migration,
        severity: Severity::Error,
        summary: "CREATE INDEX on an existing table blocks writes until the build ends",
        what: "Finds CREATE INDEX without CONCURRENTLY on a table that was not created in the same migration.",
        why: "A plain CREATE INDEX takes a SHARE lock: every INSERT, UPDATE and DELETE on the table waits until \
              the whole index is built, which on a large table is minutes of downtime.",
        example: "CREATE INDEX orders_customer_id_idx ON orders (customer_id);",
        fix: "Build it with `CREATE INDEX CONCURRENTLY` in a migration that runs outside a transaction; if the \
              build fails, drop the INVALID index and retry.",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Op::CreateIndex(index) = &cx.statement.op else {
        return;
    };
    if index.concurrently || !cx.state.is_existing(&index.table) {
        return;
    }
    let mut finding = Finding::new(
        &RULE.meta,
        format!("table {}", index.table),
        format!(
            "CREATE INDEX on existing table {} blocks writes while the index builds",
            index.table
        ),
    )
    .help("add CONCURRENTLY and run this statement outside a transaction");
    if let Some(at) = keyword_end(&cx.statement.sql, "index") {
        finding = finding.with_fix(Fix {
            description: "add CONCURRENTLY".into(),
            edits: vec![Edit {
                start: cx.statement.span.start + at,
                end: cx.statement.span.start + at,
                replacement: " CONCURRENTLY".into(),
            }],
        });
    }
    out.push(finding);
}

/// Byte offset just after the first whole-word `keyword` (ASCII, any case).
pub(crate) fn keyword_end(sql: &str, keyword: &str) -> Option<usize> {
    let lower = sql.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(keyword) {
        let start = from + pos;
        let end = start + keyword.len();
        let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric() && bytes[start - 1] != b'_';
        let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric() && bytes[end] != b'_';
        if before && after {
            return Some(end);
        }
        from = end;
    }
    None
}
