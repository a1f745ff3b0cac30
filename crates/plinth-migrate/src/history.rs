//! The history table `plinth.plinth_migrations` (docs/migration-format.md).
//!
//! Invariant: a row says that up steps `1..=steps_done` of its migration are
//! in effect. Applying moves `steps_done` up, rolling back moves it down, a
//! row whose last step is rolled back is deleted; `finished_at` is set
//! exactly when `steps_done = steps_total`.

use crate::error::{db, MigrateError};
use crate::format::Migration;
use postgres::GenericClient;

/// The schema of the history table.
pub const SCHEMA: &str = "plinth";
/// The history table, qualified.
pub const TABLE: &str = "plinth.plinth_migrations";

/// One history row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub version: String,
    pub name: String,
    pub checksum: String,
    pub steps_done: i32,
    pub steps_total: i32,
    /// UTC, ISO 8601.
    pub started_at: String,
    pub finished_at: Option<String>,
}

impl Row {
    pub fn finished(&self) -> bool {
        self.finished_at.is_some()
    }
}

/// Where a step leaves its migration, recorded with (transactional steps:
/// in the same transaction as) the step.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// Up steps `1..=done` are in effect.
    Up { version: &'a str, done: usize },
    /// Rolling back: up steps `1..=remaining` are still in effect; 0 deletes
    /// the row.
    Down { version: &'a str, remaining: usize },
    /// Nothing to record (a down.sql whose steps do not pair with up.sql's
    /// is recorded once, after its last step).
    None,
}

pub fn exists(client: &mut impl GenericClient) -> Result<bool, MigrateError> {
    let row = client
        .query_one(&format!("SELECT to_regclass('{TABLE}') IS NOT NULL"), &[])
        .map_err(|e| db("cannot look for the history table", e))?;
    Ok(row.get(0))
}

pub fn ensure(client: &mut impl GenericClient) -> Result<(), MigrateError> {
    client
        .batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS plinth;
             CREATE TABLE IF NOT EXISTS {TABLE} (
                 version text PRIMARY KEY,
                 name text NOT NULL,
                 checksum text NOT NULL,
                 steps_done int NOT NULL DEFAULT 0,
                 steps_total int NOT NULL,
                 started_at timestamptz NOT NULL DEFAULT now(),
                 finished_at timestamptz
             );"
        ))
        .map_err(|e| db("cannot create the history table", e))
}

/// Every row in version order; empty when the table does not exist.
pub fn load(client: &mut impl GenericClient) -> Result<Vec<Row>, MigrateError> {
    if !exists(client)? {
        return Ok(Vec::new());
    }
    let iso = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";
    let rows = client
        .query(
            &format!(
                "SELECT version, name, checksum, steps_done, steps_total, \
                 to_char(started_at AT TIME ZONE 'UTC', {iso}), to_char(finished_at AT TIME ZONE 'UTC', {iso}) \
                 FROM {TABLE} ORDER BY version"
            ),
            &[],
        )
        .map_err(|e| db("cannot read the history table", e))?;
    Ok(rows
        .iter()
        .map(|r| Row {
            version: r.get(0),
            name: r.get(1),
            checksum: r.get(2),
            steps_done: r.get(3),
            steps_total: r.get(4),
            started_at: r.get(5),
            finished_at: r.get(6),
        })
        .collect())
}

/// Records that `m` has started (no step done yet).
pub fn insert(client: &mut impl GenericClient, m: &Migration) -> Result<(), MigrateError> {
    let total = m.up.steps.len() as i32;
    client
        .execute(
            &format!(
                "INSERT INTO {TABLE} (version, name, checksum, steps_done, steps_total, finished_at) \
                 VALUES ($1, $2, $3, 0, $4, CASE WHEN $4 = 0 THEN now() END)"
            ),
            &[&m.version, &m.name, &m.checksum, &total],
        )
        .map_err(|e| db(&format!("cannot record the start of {}", m.id()), e))?;
    Ok(())
}

/// Writes `progress`.
pub fn record(client: &mut impl GenericClient, progress: Progress<'_>) -> Result<(), postgres::Error> {
    match progress {
        Progress::Up { version, done } => client.execute(
            &format!(
                "UPDATE {TABLE} SET steps_done = $2, \
                 finished_at = CASE WHEN $2 >= steps_total THEN now() END WHERE version = $1"
            ),
            &[&version, &(done as i32)],
        )?,
        Progress::Down { version, remaining: 0 } => {
            client.execute(&format!("DELETE FROM {TABLE} WHERE version = $1"), &[&version])?
        }
        Progress::Down { version, remaining } => client.execute(
            &format!("UPDATE {TABLE} SET steps_done = $2, finished_at = NULL WHERE version = $1"),
            &[&version, &(remaining as i32)],
        )?,
        Progress::None => 0,
    };
    Ok(())
}
