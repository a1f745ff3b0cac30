//! What can go wrong, split by exit code.

use crate::format::FormatError;
use std::fmt;

/// A refusal or a failure; [`MigrateError::exit_code`] maps it to the CLI's
/// codes (2 bad input or refused, 1 the database run failed).
#[derive(Debug, Clone, PartialEq)]
pub enum MigrateError {
    /// Bad directory, malformed file, edited applied migration, refused
    /// destructive step, bad option: nothing was run.
    Input(String),
    /// The server refused a statement, a lock could not be taken in time,
    /// or the connection failed. The history says how far the run got.
    Failed(String),
}

impl MigrateError {
    pub fn exit_code(&self) -> u8 {
        match self {
            MigrateError::Input(_) => 2,
            MigrateError::Failed(_) => 1,
        }
    }
}

impl fmt::Display for MigrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrateError::Input(m) | MigrateError::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for MigrateError {}

impl From<FormatError> for MigrateError {
    fn from(e: FormatError) -> Self {
        MigrateError::Input(e.to_string())
    }
}

/// The server's message with its SQLSTATE, detail and hint.
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
            if let Some(d) = db.detail() {
                s.push_str(&format!("\n  detail: {d}"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("\n  server hint: {h}"));
            }
            s
        }
        None => e.to_string(),
    }
}

/// A database error while talking to the server outside any step.
pub(crate) fn db(context: &str, e: postgres::Error) -> MigrateError {
    MigrateError::Failed(format!("{context}: {}", describe(&e)))
}
