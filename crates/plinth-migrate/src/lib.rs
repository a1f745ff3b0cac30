//! The migration runner: reads the directory `plinth plan` writes
//! (docs/migration-format.md) and applies, reports and rolls it back on
//! PostgreSQL, keeping a history table so that any interruption resumes at
//! the first unfinished step.
//!
//! Layers: [`format`] is pure (folder names, step headers, statements,
//! checksums); [`read_dir`] reads the files; everything else talks to the
//! database through a [`Session`] (synchronous `postgres`, like the
//! sandbox). The guarantees, step by step:
//! - a transactional step commits together with its history update;
//! - a `no-transaction` step runs statement by statement in autocommit and
//!   is recorded after its last statement (its statements are idempotent:
//!   `IF NOT EXISTS`, and an INVALID index left by a killed concurrent build
//!   is dropped before the build is retried);
//! - a `batched` step repeats until a batch affects 0 rows, each batch
//!   committing on its own;
//! - every step runs under `SET lock_timeout`, retried with exponential
//!   backoff, and a final lock timeout names the blocking session.

mod apply;
mod down;
mod error;
pub mod format;
pub mod history;
mod read;
mod runner;
mod session;
pub mod status;

pub use apply::{apply, ApplyOptions, ApplyReport};
pub use down::{down, DownOptions, DownTarget};
pub use error::{describe, MigrateError};
pub use format::{FormatError, Migration, Script, Statement, Step};
pub use read::read_dir;
pub use runner::RunOptions;
pub use session::Session;
pub use status::{status, Entry, State};

use std::time::Duration;

/// Parses `2s`, `500ms`, `1m`, `1.5s` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (number, unit) = match t.find(|c: char| !(c.is_ascii_digit() || c == '.')) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (examples: 2s, 500ms, 1m)"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" | "min" => value * 60.0,
        _ => return Err(format!("`{text}`: unknown unit `{unit}` (use ms, s or m)")),
    };
    if !seconds.is_finite() || seconds <= 0.0 || seconds > 86_400.0 {
        return Err(format!("`{text}` must be between 1ms and 24h"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("3"), Ok(Duration::from_secs(3)));
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("2h").is_err());
        assert!(parse_duration("0s").is_err());
    }
}
