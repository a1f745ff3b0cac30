//! Errors of the IO edge. Each variant carries enough context (the command
//! and its output, the server log, the SQL) that a failing `plinth verify`
//! or a failing CI run explains itself without re-running anything.

use std::fmt::Write as _;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// No PostgreSQL server binaries were found. Deliberately loud: tests
    /// that need a database must fail, not skip, when PostgreSQL is missing.
    #[error(
        "PostgreSQL server binaries (initdb, pg_ctl) not found; looked in: {searched}. \
         Install PostgreSQL (e.g. `apt-get install postgresql`), set PG_BIN to the directory \
         holding initdb and pg_ctl, or point PLINTH_DATABASE_URL at a server"
    )]
    BinariesNotFound { searched: String },

    /// An external command (initdb, pg_ctl, chown, ...) failed.
    #[error("{what} failed ({status}):\n{output}")]
    Command {
        what: String,
        status: String,
        output: String,
    },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{context}: {}", describe_error(source))]
    Postgres {
        context: String,
        #[source]
        source: postgres::Error,
    },

    #[error("invalid database URL: {0}")]
    Url(String),

    /// The process-wide shared cluster failed to start (the first error is
    /// kept as text because statics cannot hold a non-`Clone` error twice).
    #[error("the shared sandbox cluster could not start: {0}")]
    Shared(String),
}

impl SandboxError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        SandboxError::Io {
            context: context.into(),
            source,
        }
    }

    pub(crate) fn pg(context: impl Into<String>, source: postgres::Error) -> Self {
        SandboxError::Postgres {
            context: context.into(),
            source,
        }
    }
}

/// One line for a `postgres::Error`: SQLSTATE, server message, detail, hint
/// and constraint when the server sent them; the client-side error otherwise.
/// (`postgres::Error`'s own `Display` prints only "db error" plus the message
/// and drops the SQLSTATE, which is what probes and tests need most.)
pub fn describe_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{} {}: {}", db.severity(), db.code().code(), db.message());
            if let Some(d) = db.detail() {
                let _ = write!(s, " (detail: {d})");
            }
            if let Some(h) = db.hint() {
                let _ = write!(s, " (hint: {h})");
            }
            if let Some(c) = db.constraint() {
                let _ = write!(s, " [constraint {c}]");
            }
            s
        }
        None => e.to_string(),
    }
}
