//! PostgreSQL migration files → the review engine's dialect-neutral
//! statements ([`plinth_lint::migration::MigrationFile`]).
//!
//! The script is split and parsed exactly as the importer does it (same
//! psql-aware splitter, same real grammar via pg_query), so both agree on
//! where each statement is. Every statement becomes one [`Statement`]: what
//! a rule needs is read into an [`Op`], anything else is `Op::Other` with
//! its kind, and a statement the grammar rejects is `Op::SyntaxError` with
//! the parser's message; the statements after it are still read. No input
//! panics (see the fuzz target in `fuzz/`).
//!
//! Inline directives (line comments):
//! - `-- plinth-ignore rule-id[, rule-id]` on the line above a statement or
//!   at the end of its last line;
//! - `-- plinth-ignore-file [rule-id, ...]` anywhere: the whole file
//!   (every rule when no id is given);
//! - `-- plinth:no-transaction`: the file runs outside a transaction.

mod alter;
mod columns;
mod directives;
mod expr;
mod statements;

use crate::import::split;
use crate::parser::parse_statements;
use plinth_lint::migration::{MigrationFile, Op, Statement};
use plinth_model::SourceRef;

/// Reads one PostgreSQL migration file.
pub fn migration_file(sql: &str) -> MigrationFile {
    let sp = split::split(sql);
    let pieces = parse_statements(&sp);
    let mut statements = Vec::with_capacity(pieces.len());
    let mut spans = Vec::with_capacity(pieces.len());
    for (span, node) in pieces {
        let Some(span) = without_semicolon(sql, span) else {
            continue;
        };
        let op = match node {
            Ok(node) => statements::op(&node),
            Err(message) => Op::SyntaxError { message },
        };
        spans.push(span.clone());
        statements.push(Statement {
            span: SourceRef {
                start: span.start,
                end: span.end,
            },
            sql: sql[span].to_string(),
            op,
            ignores: Vec::new(),
        });
    }
    let found = directives::find(sql, &spans);
    for (statement, ignores) in statements.iter_mut().zip(found.per_statement) {
        statement.ignores = ignores;
    }
    MigrationFile {
        statements,
        no_transaction: found.no_transaction,
        ignore_file: found.ignore_file,
    }
}

/// The span without its trailing `;` and blanks; `None` when nothing is left
/// or the span is not on character boundaries of the text.
fn without_semicolon(sql: &str, span: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let text = sql.get(span.clone())?;
    let trimmed = text.trim_end().trim_end_matches(';').trim_end();
    (!trimmed.is_empty()).then(|| span.start..span.start + trimmed.len())
}
