//! Running one step: its transaction mode, lock_timeout with bounded
//! retries, INVALID index cleanup, batches, and the history update that
//! makes the step's effect and its progress commit together.

use crate::error::{describe, MigrateError};
use crate::format::{concurrent_index_name, Statement, Step};
use crate::history::{record, Progress};
use crate::session::Session;
use postgres::error::SqlState;
use postgres::{Client, SimpleQueryMessage};
use std::io::Write;
use std::time::Duration;

/// Lock and retry settings shared by every step of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// `SET lock_timeout` before every step (and every retry).
    pub lock_timeout: Duration,
    /// Retries after a lock timeout (so `retries + 1` attempts in all).
    pub retries: u32,
    /// First pause after a lock timeout; doubled each retry, capped at 30 s.
    pub backoff: Duration,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            lock_timeout: Duration::from_secs(2),
            retries: 5,
            backoff: Duration::from_millis(250),
        }
    }
}

/// Why one attempt failed: the statement (when known) and the error.
struct Failure {
    statement: Option<usize>,
    error: postgres::Error,
}

fn at(statement: usize) -> impl Fn(postgres::Error) -> Failure {
    move |error| Failure {
        statement: Some(statement),
        error,
    }
}

fn no_statement(error: postgres::Error) -> Failure {
    Failure { statement: None, error }
}

/// Runs steps on one session.
pub struct Runner<'a> {
    pub session: &'a mut Session,
    pub options: &'a RunOptions,
    pub log: &'a mut dyn Write,
}

impl Runner<'_> {
    /// Runs `step` of `file` (label e.g. `2026..._x/up.sql step 2 backfill`)
    /// and records `progress` with it.
    pub fn run_step(
        &mut self,
        file: &str,
        label: &str,
        step: &Step,
        progress: Progress<'_>,
    ) -> Result<(), MigrateError> {
        let fail = |statements: &[Statement], f: Failure| {
            let place = f
                .statement
                .and_then(|i| statements.get(i))
                .map(|s| format!("\n  at {file}:{}:{}: {}", s.line, s.col, first_line(&s.sql)))
                .unwrap_or_default();
            MigrateError::Failed(format!("{label} failed: {}{place}", describe(&f.error)))
        };
        let statements = &step.statements;
        if step.batched {
            let (mut batches, mut rows) = (0u64, 0u64);
            loop {
                let affected = self.attempt(label, |c| {
                    let mut n = 0;
                    for (i, s) in statements.iter().enumerate() {
                        n += affected_rows(c.simple_query(&s.sql).map_err(at(i))?);
                    }
                    Ok(n)
                });
                let affected = affected.map_err(|e| e.into_error(|f| fail(statements, f)))?;
                batches += 1;
                rows += affected;
                if affected == 0 {
                    break;
                }
            }
            let _ = writeln!(self.log, "  {label}: {rows} rows in {batches} batches");
            self.attempt(label, |c| record(c, progress).map_err(no_statement))
                .map_err(|e| e.into_error(|f| fail(statements, f)))?;
        } else if step.no_transaction {
            for (i, s) in statements.iter().enumerate() {
                let index = concurrent_index_name(&s.sql);
                let mut dropped = Vec::new();
                // Checked on every attempt: a build that hit lock_timeout
                // leaves an INVALID index too.
                let result = self.attempt(label, |c| {
                    if let Some(index) = &index {
                        dropped.extend(drop_invalid_index(c, index).map_err(at(i))?);
                    }
                    c.batch_execute(&s.sql).map_err(at(i))
                });
                for name in dropped {
                    let _ = writeln!(
                        self.log,
                        "  {label}: dropped INVALID index {name} left by an interrupted build, rebuilding it"
                    );
                }
                result.map_err(|e| e.into_error(|f| fail(statements, f)))?;
            }
            self.attempt(label, |c| record(c, progress).map_err(no_statement))
                .map_err(|e| e.into_error(|f| fail(statements, f)))?;
        } else {
            self.attempt(label, |c| {
                let mut tx = c.transaction().map_err(no_statement)?;
                for (i, s) in statements.iter().enumerate() {
                    tx.batch_execute(&s.sql).map_err(at(i))?;
                }
                record(&mut tx, progress).map_err(no_statement)?;
                tx.commit().map_err(no_statement)
            })
            .map_err(|e| e.into_error(|f| fail(statements, f)))?;
        }
        Ok(())
    }

    /// Runs `f` after `SET lock_timeout` (and `RESET statement_timeout`, so
    /// a step's own `SET statement_timeout` never leaks into the next step);
    /// on a lock timeout, waits and tries again up to `retries` times.
    fn attempt<T>(&mut self, label: &str, mut f: impl FnMut(&mut Client) -> Result<T, Failure>) -> Result<T, Attempt> {
        let timeout_ms = self.options.lock_timeout.as_millis();
        let mut tries = 0u32;
        loop {
            let set = self
                .session
                .client
                .batch_execute(&format!("SET lock_timeout = '{timeout_ms}ms'; RESET statement_timeout"));
            if let Err(e) = set {
                return Err(Attempt::Failed(no_statement(e)));
            }
            let failure = match f(&mut self.session.client) {
                Ok(v) => return Ok(v),
                Err(f) => f,
            };
            if failure.error.code() != Some(&SqlState::LOCK_NOT_AVAILABLE) {
                return Err(Attempt::Failed(failure));
            }
            let window = self.options.lock_timeout + Duration::from_secs(1);
            let blocker = self
                .session
                .recent_blocker(window)
                .unwrap_or_else(|| "a session that was not observed (it may have finished)".into());
            if tries >= self.options.retries {
                return Err(Attempt::LockTimeout {
                    message: format!(
                        "{label} could not take its lock within lock_timeout {timeout_ms} ms, {} attempt(s)\n  blocked by: {blocker}\n  help: find what holds the lock on the table, or retry with a larger --lock-timeout / --retries; re-running apply resumes at this step",
                        tries + 1,
                    ),
                });
            }
            let pause = (self.options.backoff * 2u32.saturating_pow(tries)).min(Duration::from_secs(30));
            let _ = writeln!(
                self.log,
                "  {label}: lock timeout ({timeout_ms} ms), attempt {}/{}, blocked by {blocker}; retrying in {} ms",
                tries + 1,
                self.options.retries + 1,
                pause.as_millis()
            );
            std::thread::sleep(pause);
            tries += 1;
        }
    }
}

/// Drops `index` when a crashed, cancelled or timed-out `CREATE INDEX
/// CONCURRENTLY` left it INVALID (`IF NOT EXISTS` would keep the broken
/// one); returns its name when it did.
fn drop_invalid_index(c: &mut Client, index: &str) -> Result<Option<String>, postgres::Error> {
    let invalid: Option<String> = c
        .query_opt(
            "SELECT i.indexrelid::regclass::text FROM pg_index i \
             WHERE i.indexrelid = to_regclass($1) AND NOT i.indisvalid",
            &[&index],
        )?
        .map(|r| r.get(0));
    if let Some(name) = &invalid {
        c.batch_execute(&format!("DROP INDEX CONCURRENTLY IF EXISTS {name}"))?;
    }
    Ok(invalid)
}

/// The outcome of [`Runner::attempt`] when it gives up.
enum Attempt {
    Failed(Failure),
    LockTimeout { message: String },
}

impl Attempt {
    fn into_error(self, fail: impl FnOnce(Failure) -> MigrateError) -> MigrateError {
        match self {
            Attempt::Failed(f) => fail(f),
            Attempt::LockTimeout { message } => MigrateError::Failed(message),
        }
    }
}

fn affected_rows(messages: Vec<SimpleQueryMessage>) -> u64 {
    messages
        .iter()
        .map(|m| match m {
            SimpleQueryMessage::CommandComplete(n) => *n,
            _ => 0,
        })
        .sum()
}

fn first_line(sql: &str) -> String {
    let line = sql.lines().next().unwrap_or("");
    if sql.contains('\n') {
        format!("{line} ...")
    } else {
        line.to_string()
    }
}
