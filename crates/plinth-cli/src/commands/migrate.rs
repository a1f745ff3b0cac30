//! `plinth migrate apply|status|down --db URL DIR`: the runner of
//! `plinth-migrate` behind the CLI's exit codes (0 ok, 1 the run failed or
//! status found changed/missing migrations, 2 bad input or refused).

use crate::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use clap::{Args, Subcommand, ValueEnum};
use plinth_migrate::{
    history, read_dir, status, ApplyOptions, DownOptions, DownTarget, MigrateError, Migration, RunOptions, Session,
    State,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Subcommand)]
pub enum Action {
    /// Run pending migrations in version order, resuming an interrupted one at its first unfinished step.
    #[command(
        after_help = "Examples:\n  plinth migrate apply --db postgres://me@localhost/app migrations/\n  plinth migrate apply --db $DATABASE_URL migrations/ --dry-run\n  plinth migrate apply --db $DATABASE_URL migrations/ --lock-timeout 500ms --retries 10 --to 20261122081500\n\nExit codes: 0 applied (or nothing to do), 1 a step failed or kept timing out on a lock\n(re-run to resume), 2 bad directory or an applied migration was edited."
    )]
    Apply {
        #[command(flatten)]
        target: Target,
        /// Print the steps that would run (locks, transaction mode, SQL); change nothing.
        #[arg(long)]
        dry_run: bool,
        /// lock_timeout set for every step, e.g. 2s, 500ms.
        #[arg(long, default_value = "2s", value_parser = parse_duration)]
        lock_timeout: Duration,
        /// Retries of a step after a lock timeout (exponential backoff from 250 ms).
        #[arg(long, default_value_t = 5)]
        retries: u32,
        /// Apply up to and including this version (14 digits).
        #[arg(long, value_name = "VERSION")]
        to: Option<String>,
    },
    /// Show applied, pending, in-progress and changed-on-disk migrations.
    #[command(
        after_help = "Examples:\n  plinth migrate status --db $DATABASE_URL migrations/\n  plinth migrate status --db $DATABASE_URL migrations/ --format json\n\nExit 1 when an applied migration changed on disk or is missing from the directory."
    )]
    Status {
        #[command(flatten)]
        target: Target,
        /// table or json.
        #[arg(long, value_enum, default_value = "table")]
        format: StatusFormat,
    },
    /// Roll back the last applied migration(s) with their down.sql steps.
    #[command(
        after_help = "Examples:\n  plinth migrate down --db $DATABASE_URL migrations/             # the last migration\n  plinth migrate down --db $DATABASE_URL migrations/ --steps 2   # the last two\n  plinth migrate down --db $DATABASE_URL migrations/ --to 20261122081500\n\nSteps marked destructive or irreversible are refused (exit 2) without --allow-destructive."
    )]
    Down {
        #[command(flatten)]
        target: Target,
        /// How many migrations to roll back, newest first (default 1).
        #[arg(long, value_name = "N", conflicts_with = "to")]
        steps: Option<usize>,
        /// Roll back every migration newer than this version.
        #[arg(long, value_name = "VERSION")]
        to: Option<String>,
        /// Run down steps marked destructive or irreversible.
        #[arg(long)]
        allow_destructive: bool,
        /// lock_timeout set for every step.
        #[arg(long, default_value = "2s", value_parser = parse_duration)]
        lock_timeout: Duration,
        /// Retries of a step after a lock timeout.
        #[arg(long, default_value_t = 5)]
        retries: u32,
    },
}

#[derive(Args)]
pub struct Target {
    /// The database: postgres://user@host:5432/dbname or a libpq key=value string.
    #[arg(long, value_name = "URL")]
    db: String,
    /// The migration directory (`plinth plan --out DIR`).
    dir: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StatusFormat {
    Table,
    Json,
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    plinth_migrate::parse_duration(text)
}

pub fn run(action: Action) -> u8 {
    match execute(action) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                MigrateError::Input(_) => EXIT_INPUT,
                MigrateError::Failed(_) => EXIT_FINDINGS,
            }
        }
    }
}

fn execute(action: Action) -> Result<u8, MigrateError> {
    let mut stderr = std::io::stderr();
    match action {
        Action::Apply {
            target,
            dry_run,
            lock_timeout,
            retries,
            to,
        } => {
            let (mut session, migrations) = open(&target)?;
            let options = ApplyOptions {
                dry_run,
                to,
                run: RunOptions {
                    lock_timeout,
                    retries,
                    ..RunOptions::default()
                },
            };
            if dry_run {
                plinth_migrate::apply(&mut session, &migrations, &options, &mut std::io::stdout())?;
            } else {
                plinth_migrate::apply(&mut session, &migrations, &options, &mut stderr)?;
            }
            Ok(EXIT_OK)
        }
        Action::Status { target, format } => {
            let (mut session, migrations) = open(&target)?;
            let rows = history::load(session.client())?;
            let entries = status(&migrations, &rows);
            match format {
                StatusFormat::Table => print!("{}", plinth_migrate::status::render_table(&entries)),
                StatusFormat::Json => print!("{}", plinth_migrate::status::render_json(&entries)),
            }
            let bad = entries
                .iter()
                .filter(|e| matches!(e.state, State::Changed | State::Missing))
                .count();
            if bad > 0 {
                eprintln!("error: {bad} migration(s) changed on disk or missing from the directory");
                return Ok(EXIT_FINDINGS);
            }
            Ok(EXIT_OK)
        }
        Action::Down {
            target,
            steps,
            to,
            allow_destructive,
            lock_timeout,
            retries,
        } => {
            let (mut session, migrations) = open(&target)?;
            let options = DownOptions {
                target: match to {
                    Some(v) => DownTarget::To(v),
                    None => DownTarget::Last(steps.unwrap_or(1)),
                },
                allow_destructive,
                run: RunOptions {
                    lock_timeout,
                    retries,
                    ..RunOptions::default()
                },
            };
            plinth_migrate::down(&mut session, &migrations, &options, &mut stderr)?;
            Ok(EXIT_OK)
        }
    }
}

/// Reads the directory first (a bad file is exit 2 before any connection),
/// then connects.
fn open(target: &Target) -> Result<(Session, Vec<Migration>), MigrateError> {
    let migrations = read(&target.dir)?;
    let session = Session::connect(&target.db)?;
    Ok((session, migrations))
}

fn read(dir: &Path) -> Result<Vec<Migration>, MigrateError> {
    Ok(read_dir(dir)?)
}
