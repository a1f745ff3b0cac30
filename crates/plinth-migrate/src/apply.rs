//! `migrate apply`: pending migrations in version order, each from its
//! resume point (`steps_done`), one step at a time.

use crate::error::MigrateError;
use crate::format::{is_version, Migration, Step};
use crate::history::{self, Progress, Row};
use crate::runner::{RunOptions, Runner};
use crate::session::Session;
use std::collections::BTreeMap;
use std::io::Write;

/// Options of `migrate apply`.
#[derive(Debug, Clone, Default)]
pub struct ApplyOptions {
    /// Print what would run; read the history, change nothing.
    pub dry_run: bool,
    /// Apply migrations up to and including this version.
    pub to: Option<String>,
    pub run: RunOptions,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplyReport {
    /// Migrations finished by this run.
    pub migrations: usize,
    /// Steps run by this run.
    pub steps: usize,
    /// Migrations that were already finished.
    pub already_applied: usize,
}

/// Refuses when an applied (or started) migration's up.sql changed on disk.
pub(crate) fn check_checksums(migrations: &[Migration], rows: &[Row]) -> Result<(), MigrateError> {
    let on_disk: BTreeMap<&str, &Migration> = migrations.iter().map(|m| (m.version.as_str(), m)).collect();
    for row in rows {
        if let Some(m) = on_disk.get(row.version.as_str()) {
            if m.checksum != row.checksum {
                return Err(MigrateError::Input(format!(
                    "{}: migration {} was {} with checksum {}, the file now has {}\n  help: never edit an applied migration; restore the file and write a new migration (plinth plan) for the change",
                    m.up.file,
                    m.id(),
                    if row.finished() { "applied" } else { "started" },
                    short(&row.checksum),
                    short(&m.checksum)
                )));
            }
        }
    }
    Ok(())
}

fn short(sum: &str) -> &str {
    &sum[..sum.len().min(12)]
}

/// Applies the pending migrations of `migrations` (sorted by version) on
/// `session`. Progress goes to `log`; with `dry_run`, the plan goes there.
pub fn apply(
    session: &mut Session,
    migrations: &[Migration],
    options: &ApplyOptions,
    log: &mut dyn Write,
) -> Result<ApplyReport, MigrateError> {
    if let Some(to) = &options.to {
        if !is_version(to) {
            return Err(MigrateError::Input(format!(
                "--to {to}: not a 14-digit version\n  help: use the version part of a folder name, e.g. 20261122081500"
            )));
        }
    }
    if !options.dry_run {
        session.lock_run(log)?;
        history::ensure(&mut session.client)?;
    }
    let rows = history::load(&mut session.client)?;
    check_checksums(migrations, &rows)?;
    let by_version: BTreeMap<&str, &Row> = rows.iter().map(|r| (r.version.as_str(), r)).collect();
    for row in &rows {
        if !migrations.iter().any(|m| m.version == row.version) {
            let _ = writeln!(
                log,
                "warning: {}_{} is in the history but not in the directory",
                row.version, row.name
            );
        }
    }
    let mut report = ApplyReport::default();
    let targets: Vec<&Migration> = migrations
        .iter()
        .filter(|m| options.to.as_ref().is_none_or(|to| m.version.as_str() <= to.as_str()))
        .collect();
    if options.dry_run {
        dry_run(&targets, &by_version, log);
        return Ok(report);
    }
    session.watch_blockers()?;
    for m in targets {
        let row = by_version.get(m.version.as_str());
        if row.is_some_and(|r| r.finished()) {
            report.already_applied += 1;
            continue;
        }
        let done = row.map_or(0, |r| r.steps_done.max(0) as usize);
        if row.is_none() {
            history::insert(&mut session.client, m)?;
        }
        let total = m.up.steps.len();
        let _ = if done > 0 {
            writeln!(log, "{}: resuming at step {} of {total}", m.id(), done + 1)
        } else {
            writeln!(log, "{}: {total} step(s)", m.id())
        };
        let mut runner = Runner {
            session: &mut *session,
            options: &options.run,
            log: &mut *log,
        };
        for (i, step) in m.up.steps.iter().enumerate().skip(done) {
            let label = format!("{}/up.sql step {} {}", m.id(), step.number, step.name);
            let _ = writeln!(runner.log, "  step {} {} ({})", step.number, step.name, step.mode());
            let progress = Progress::Up {
                version: &m.version,
                done: i + 1,
            };
            runner.run_step(&m.up.file, &label, step, progress)?;
            report.steps += 1;
        }
        if done >= total {
            // Every step was recorded but the row was not closed.
            history::record(
                &mut runner.session.client,
                Progress::Up {
                    version: &m.version,
                    done: total,
                },
            )
            .map_err(|e| crate::error::db("cannot close the history row", e))?;
        }
        report.migrations += 1;
    }
    let _ = writeln!(
        log,
        "applied {} migration(s), {} step(s); {} already applied",
        report.migrations, report.steps, report.already_applied
    );
    Ok(report)
}

fn dry_run(targets: &[&Migration], rows: &BTreeMap<&str, &Row>, log: &mut dyn Write) {
    let mut pending = 0;
    for m in targets {
        let row = rows.get(m.version.as_str());
        if row.is_some_and(|r| r.finished()) {
            continue;
        }
        pending += 1;
        let done = row.map_or(0, |r| r.steps_done.max(0) as usize);
        let _ = writeln!(
            log,
            "{} ({}; {} step(s){})",
            m.id(),
            m.up.file,
            m.up.steps.len(),
            if done > 0 {
                format!(", resumes at step {}", done + 1)
            } else {
                String::new()
            }
        );
        for step in m.up.steps.iter().skip(done) {
            let _ = writeln!(log, "  step {} {}: {}", step.number, step.name, describe_step(step));
            for s in &step.statements {
                for line in s.sql.lines() {
                    let _ = writeln!(log, "    {line}");
                }
            }
        }
    }
    if pending == 0 {
        let _ = writeln!(log, "nothing to apply");
    }
    let _ = writeln!(log, "(dry run: nothing was run)");
}

/// `lock ACCESS_EXCLUSIVE, one transaction, phase expand, cost catalog`.
pub(crate) fn describe_step(step: &Step) -> String {
    let mut parts = vec![
        format!("lock {}", step.lock.as_deref().unwrap_or("unknown")),
        step.mode().to_string(),
    ];
    if let Some(p) = &step.phase {
        parts.push(format!("phase {p}"));
    }
    if let Some(c) = &step.cost {
        parts.push(format!("cost {c}"));
    }
    if step.destructive {
        parts.push("DESTRUCTIVE".into());
    }
    if step.irreversible {
        parts.push("IRREVERSIBLE".into());
    }
    parts.join(", ")
}
