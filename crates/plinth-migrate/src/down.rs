//! `migrate down`: the down.sql steps of the last applied migrations, newest
//! first, each undoing only the up steps that are in effect.
//!
//! Pairing: down.sql step k undoes up step n−k+1 when both files have n
//! steps, so a migration with `steps_done = d` runs down steps n−d+1..n,
//! and each one lowers `steps_done` (in the same transaction when the step
//! is transactional). A crash mid-rollback therefore leaves a row that both
//! `apply` (forward) and `down` (backward) resume from. When the counts
//! differ, down.sql runs whole and the row is deleted after its last step.

use crate::apply::{check_checksums, describe_step};
use crate::error::MigrateError;
use crate::format::{is_version, Migration, Step};
use crate::history::{self, Progress, Row};
use crate::runner::{RunOptions, Runner};
use crate::session::Session;
use std::io::Write;

/// Which migrations to roll back.
#[derive(Debug, Clone, PartialEq)]
pub enum DownTarget {
    /// The last N applied (or started) migrations.
    Last(usize),
    /// Every migration newer than this version.
    To(String),
}

#[derive(Debug, Clone)]
pub struct DownOptions {
    pub target: DownTarget,
    /// Run steps marked `destructive` or `irreversible`.
    pub allow_destructive: bool,
    pub run: RunOptions,
}

/// A migration to roll back: its row, its files, the down steps to run
/// (with their index in down.sql) and whether they pair with the up steps.
type Planned<'a> = (&'a Row, &'a Migration, Vec<(usize, &'a Step)>, bool);

/// Rolls back per `options`; returns the number of migrations rolled back.
pub fn down(
    session: &mut Session,
    migrations: &[Migration],
    options: &DownOptions,
    log: &mut dyn Write,
) -> Result<usize, MigrateError> {
    if let DownTarget::To(v) = &options.target {
        if !is_version(v) {
            return Err(MigrateError::Input(format!(
                "--to {v}: not a 14-digit version\n  help: use the version part of a folder name; every newer migration is rolled back"
            )));
        }
    }
    session.lock_run(log)?;
    let rows = history::load(&mut session.client)?;
    check_checksums(migrations, &rows)?;
    let mut newest_first: Vec<&Row> = rows.iter().rev().collect();
    match &options.target {
        DownTarget::Last(n) => newest_first.truncate(*n),
        DownTarget::To(v) => newest_first.retain(|r| r.version.as_str() > v.as_str()),
    }
    if newest_first.is_empty() {
        let _ = writeln!(log, "nothing to roll back");
        return Ok(0);
    }
    // Plan everything first: a refusal must come before any change.
    let mut plan: Vec<Planned<'_>> = Vec::new();
    let mut refused = Vec::new();
    for row in newest_first {
        let Some(m) = migrations.iter().find(|m| m.version == row.version) else {
            return Err(MigrateError::Input(format!(
                "{}_{} is in the history but its folder is not in the directory\n  help: restore the folder to roll it back",
                row.version, row.name
            )));
        };
        let Some(script) = &m.down else {
            return Err(MigrateError::Input(format!(
                "{}: {} has no down.sql\n  help: write one, or roll back by hand",
                m.up.file,
                m.id()
            )));
        };
        let n = m.up.steps.len();
        let paired = script.steps.len() == n;
        let done = (row.steps_done.max(0) as usize).min(n);
        let steps: Vec<(usize, &Step)> = if paired {
            script.steps.iter().enumerate().skip(n - done).collect()
        } else {
            script.steps.iter().enumerate().collect()
        };
        for (_, s) in &steps {
            if (s.destructive || s.irreversible) && !options.allow_destructive {
                refused.push(format!(
                    "{}:{}: step {} {} is {}",
                    script.file,
                    s.line,
                    s.number,
                    s.name,
                    if s.irreversible { "irreversible" } else { "destructive" }
                ));
            }
        }
        plan.push((row, m, steps, paired));
    }
    if !refused.is_empty() {
        return Err(MigrateError::Input(format!(
            "refusing to roll back:\n  {}\n  help: these steps lose data or cannot restore it; pass --allow-destructive to run them",
            refused.join("\n  ")
        )));
    }
    session.watch_blockers()?;
    let mut count = 0;
    for (row, m, steps, paired) in plan {
        let script = m.down.as_ref().expect("planned with a down.sql");
        let n = m.up.steps.len();
        let _ = writeln!(log, "{}: rolling back {} step(s)", m.id(), steps.len());
        let mut runner = Runner {
            session: &mut *session,
            options: &options.run,
            log: &mut *log,
        };
        let last = steps.len();
        for (k, (index, step)) in steps.into_iter().enumerate() {
            let label = format!("{}/down.sql step {} {}", m.id(), step.number, step.name);
            let _ = writeln!(
                runner.log,
                "  step {} {}: {}",
                step.number,
                step.name,
                describe_step(step)
            );
            if step.irreversible {
                let _ = writeln!(runner.log, "  warning: {label} cannot restore what the up step removed");
            }
            let progress = if paired {
                Progress::Down {
                    version: &m.version,
                    remaining: n - index - 1,
                }
            } else if k + 1 == last {
                Progress::Down {
                    version: &m.version,
                    remaining: 0,
                }
            } else {
                Progress::None
            };
            runner.run_step(&script.file, &label, step, progress)?;
        }
        if last == 0 {
            history::record(
                &mut runner.session.client,
                Progress::Down {
                    version: &row.version,
                    remaining: 0,
                },
            )
            .map_err(|e| crate::error::db("cannot update the history", e))?;
        }
        count += 1;
    }
    let _ = writeln!(log, "rolled back {count} migration(s)");
    Ok(count)
}
