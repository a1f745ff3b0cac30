//! Applies emitted statements one at a time and reports the first failure
//! precisely: which statement (index, object, spec origin) and what the
//! server said (message, detail, hint, position).
//!
//! Why one at a time in autocommit rather than one script in a transaction:
//! some statements (`CREATE INDEX CONCURRENTLY`) refuse to run inside a
//! transaction block, and a per-statement error is what lets `plinth verify`
//! point at the spec line that asked for the broken object.

use std::fmt;
use std::time::{Duration, Instant};

use plinth_model::{SourceRef, SqlStatement};

/// What an apply did when every statement succeeded.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyReport {
    /// Number of statements executed.
    pub applied: usize,
    /// Wall time of each statement, in order.
    pub durations: Vec<Duration>,
    pub total: Duration,
}

/// The first statement the server rejected. Statements before it stay
/// applied (autocommit); statements after it were not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct ApplyError {
    /// 0-based position in the statement list.
    pub index: usize,
    /// The statement text as sent.
    pub statement: String,
    /// What the statement creates (from [`SqlStatement::object`]).
    pub object: String,
    pub origin: Option<SourceRef>,
    /// SQLSTATE, e.g. `42601` for a syntax error; `None` for client-side
    /// failures (lost connection).
    pub code: Option<String>,
    pub message: String,
    pub detail: Option<String>,
    pub hint: Option<String>,
    /// 1-based character offset into `statement` where the server located
    /// the error, when it did.
    pub position: Option<u32>,
    /// Statements applied before this one.
    pub applied: usize,
}

impl ApplyError {
    /// `(line, column)`, both 1-based, of [`ApplyError::position`] within
    /// the statement text.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let pos = self.position? as usize;
        let mut line = 1;
        let mut col = 1;
        for (i, ch) in self.statement.chars().enumerate() {
            if i + 1 == pos {
                return Some((line, col));
            }
            if ch == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        None
    }
}

impl fmt::Display for ApplyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "statement {} ({}) failed: ", self.index + 1, self.object)?;
        if let Some(code) = &self.code {
            write!(f, "[{code}] ")?;
        }
        writeln!(f, "{}", self.message)?;
        if let Some(d) = &self.detail {
            writeln!(f, "  detail: {d}")?;
        }
        if let Some(h) = &self.hint {
            writeln!(f, "  hint: {h}")?;
        }
        if let Some((line, col)) = self.line_col() {
            writeln!(f, "  at line {line}, column {col} of the statement")?;
        }
        for line in self.statement.lines() {
            writeln!(f, "  | {line}")?;
        }
        Ok(())
    }
}

/// Runs `statements` in order with `batch_execute` (autocommit, simple query
/// protocol) and stops at the first failure.
// The error is large on purpose (it carries the statement and every field
// the server sent) and is produced at most once per apply.
#[allow(clippy::result_large_err)]
pub fn apply(
    client: &mut impl postgres::GenericClient,
    statements: &[SqlStatement],
) -> Result<ApplyReport, ApplyError> {
    let started = Instant::now();
    let mut durations = Vec::with_capacity(statements.len());
    for (index, s) in statements.iter().enumerate() {
        let t = Instant::now();
        if let Err(e) = client.batch_execute(&s.sql) {
            return Err(error_for(index, s, &e));
        }
        durations.push(t.elapsed());
    }
    Ok(ApplyReport {
        applied: statements.len(),
        durations,
        total: started.elapsed(),
    })
}

fn error_for(index: usize, s: &SqlStatement, e: &postgres::Error) -> ApplyError {
    let mut err = ApplyError {
        index,
        statement: s.sql.clone(),
        object: s.object.clone(),
        origin: s.origin,
        code: None,
        message: e.to_string(),
        detail: None,
        hint: None,
        position: None,
        applied: index,
    };
    if let Some(db) = e.as_db_error() {
        err.code = Some(db.code().code().to_string());
        err.message = db.message().to_string();
        err.detail = db.detail().map(str::to_string);
        err.hint = db.hint().map(str::to_string);
        err.position = match db.position() {
            Some(postgres::error::ErrorPosition::Original(p)) => Some(*p),
            // An error inside a function body: the position refers to the
            // internal query, not to the statement, so it is not reported.
            _ => None,
        };
        if let Some(w) = db.where_() {
            let extra = format!("context: {w}");
            err.detail = Some(match err.detail.take() {
                Some(d) => format!("{d}; {extra}"),
                None => extra,
            });
        }
    }
    err
}
