//! `plinth plan FROM TO [--out DIR]`: the zero-downtime migration from one
//! schema to the other, as plinth's migration directory
//! (docs/migration-format.md) or another tool's files. The summary
//! (phases, steps, locks) goes to stderr; without `--out` (or with
//! `--dry-run`) the plan is printed to stdout and nothing is written.

use super::diff::{check_destructive, read_and_diff, Sides};
use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

/// File layouts of `plinth plan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// plinth's migration directory (`<version>_<name>/up.sql`, `down.sql`), for `plinth migrate`.
    Sql,
    /// golang-migrate: `<version>_<name>.up.sql` / `.down.sql`.
    GolangMigrate,
    /// dbmate: `<version>_<name>.sql` with `-- migrate:up` / `-- migrate:down`.
    Dbmate,
    /// Flyway: `V<version>__<name>.sql` (no down).
    Flyway,
    /// Alembic: one revision `.py`.
    Alembic,
}

impl Format {
    fn plan_format(self) -> plinth_plan::Format {
        match self {
            Format::Sql => plinth_plan::Format::Sql,
            Format::GolangMigrate => plinth_plan::Format::GolangMigrate,
            Format::Dbmate => plinth_plan::Format::Dbmate,
            Format::Flyway => plinth_plan::Format::Flyway,
            Format::Alembic => plinth_plan::Format::Alembic,
        }
    }
}

pub struct Options<'a> {
    pub sides: Sides<'a>,
    pub out: Option<&'a Path>,
    pub name: Option<&'a str>,
    pub version: Option<&'a str>,
    pub format: Format,
    pub dry_run: bool,
    pub allow_destructive: bool,
    /// `SET lock_timeout` value, e.g. `2s`, `100ms`.
    pub lock_timeout: &'a str,
}

/// A PostgreSQL duration: digits and a unit (ms, s, min).
fn valid_duration(d: &str) -> bool {
    let digits = d.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && matches!(&d[digits..], "ms" | "s" | "min")
}

/// UTC `YYYYMMDDHHMMSS` now (the CLI's clock; the planner never reads one).
fn now_version() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn valid_name(n: &str) -> bool {
    !n.is_empty()
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

pub fn run(o: &Options) -> u8 {
    if let Some(v) = o.version {
        if v.len() != 14 || !v.chars().all(|c| c.is_ascii_digit()) {
            eprintln!("error: --version `{v}` is not 14 digits\n  help: write the UTC time as YYYYMMDDHHMMSS, e.g. 20261122081500");
            return EXIT_INPUT;
        }
    }
    if let Some(n) = o.name.filter(|n| !valid_name(n)) {
        eprintln!("error: --name `{n}` is not snake_case\n  help: use lowercase letters, digits and `_`, e.g. add_order_total");
        return EXIT_INPUT;
    }
    if !valid_duration(o.lock_timeout) {
        eprintln!(
            "error: --lock-timeout `{}` is not a duration\n  help: digits and a unit: 100ms, 2s, 1min",
            o.lock_timeout
        );
        return EXIT_INPUT;
    }
    let d = match read_and_diff(&o.sides) {
        Ok(d) => d,
        Err(code) => return code,
    };
    if let Err(code) = check_destructive(&d, o.allow_destructive) {
        return code;
    }
    if d.changes.is_empty() {
        eprintln!("no changes from {} to {}: nothing to plan", d.from_name, d.to_name);
        return EXIT_OK;
    }
    let options = plinth_plan::Options {
        lock_timeout: o.lock_timeout.to_string(),
        ..plinth_plan::Options::default()
    };
    let plan = plinth_plan::plan(&d.from, &d.to, &d.changes, &options);
    let version = o.version.map(str::to_string).unwrap_or_else(now_version);
    let name = o.name.unwrap_or("plinth_plan");
    let rendered = plinth_plan::render(&plan, o.format.plan_format(), &version, name);
    eprint!("{}", plan.summary());
    let out = match o.out {
        Some(out) if !o.dry_run => out,
        _ => {
            for f in &rendered {
                println!("==> {} <==\n{}", f.path, f.contents);
            }
            return EXIT_OK;
        }
    };
    for f in &rendered {
        if let Some(parent) = Path::new(&f.path).parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Err(e) = std::fs::create_dir_all(out.join(parent)) {
                eprintln!("error: cannot create {}: {e}", out.join(parent).display());
                return EXIT_INPUT;
            }
        }
    }
    let files: Vec<(&str, String)> = rendered.iter().map(|f| (f.path.as_str(), f.contents.clone())).collect();
    if let Err(e) = files::write_all_atomic(out, &files) {
        eprintln!("{e}");
        return EXIT_INPUT;
    }
    for f in &rendered {
        eprintln!("wrote {}", out.join(&f.path).display());
    }
    EXIT_OK
}
