//! One scenario, twice: a template database holding FROM and the rows, two
//! copies of it, the load started on each, and on one the naive statement,
//! on the other plinth's plan through the runner (`plinth_migrate::apply`).

use crate::load::{Load, LoadConfig};
use crate::scenario::Scenario;
use crate::stats::{window, Window};
use plinth_sandbox::Cluster;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Which form of the change ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Naive,
    Plinth,
}

/// Benchmark settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub rows: u64,
    pub load: LoadConfig,
    /// Load before the migration starts (its figures are the baseline).
    pub warmup: Duration,
    /// Load after the migration ends.
    pub cooldown: Duration,
    /// The `plinth` binary that writes the plan.
    pub plinth: PathBuf,
    /// Where plans are written (kept for reading).
    pub plans: PathBuf,
    /// When not zero: a session (application_name `bench-report`) that
    /// has read `orders` sits idle in its transaction for this long as the
    /// migration starts, like a slow report or a forgotten `BEGIN`.
    pub long_tx: Duration,
    /// When set: every `SET lock_timeout` of the plan is rewritten to this
    /// (in a copy) and the runner waits this long per attempt, with 12
    /// retries instead of 5. Measures a shorter lock_timeout than the
    /// planner's 2 s.
    pub lock_timeout: Option<Duration>,
}

/// The figures of one run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The migration's own wall time.
    pub duration_s: f64,
    /// Statements overlapping the migration.
    pub during: Window,
    /// Statements before it (the machine's noise floor).
    pub baseline: Window,
    pub first_error: Option<String>,
    pub steps: usize,
    /// Server log lines about autovacuum, deadlocks or lock waits written
    /// during the run (an ACCESS EXCLUSIVE request queued behind autovacuum
    /// waits `deadlock_timeout`, 1 s, before the server cancels it).
    pub server_log: Vec<String>,
}

fn sql(client: &mut postgres::Client, text: &str, what: &str) -> Result<(), String> {
    client
        .batch_execute(text)
        .map_err(|e| format!("{what}: {}", plinth_sandbox::describe_error(&e)))
}

/// Creates `tmpl` with FROM and the rows: `rows` orders over 100 customers
/// (and 10 tenants when FROM has a `tenants` table).
pub fn prepare_template(cluster: &Cluster, s: &Scenario, rows: u64, tmpl: &str) -> Result<(), String> {
    let mut admin = cluster.connect("postgres").map_err(|e| e.to_string())?;
    sql(&mut admin, &format!("CREATE DATABASE {tmpl}"), "create template")?;
    let mut c = cluster.connect(tmpl).map_err(|e| e.to_string())?;
    sql(&mut c, &s.from, &format!("{}: FROM", s.name))?;
    let tenants = if s.from.contains("CREATE TABLE tenants") {
        "INSERT INTO tenants SELECT g, 't' || g FROM generate_series(1, 10) g;"
    } else {
        ""
    };
    let load = format!(
        "INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 100) g;
         {tenants}
         INSERT INTO orders (title, qty, note, customer_id, payload)
           SELECT 'order ' || g, g % 1000, CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' || g END, g % 100 + 1, 'p'
           FROM generate_series(1, {rows}) g;"
    );
    sql(&mut c, &load, "load rows")?;
    sql(&mut c, "VACUUM ANALYZE", "vacuum")?;
    Ok(())
}

/// `CREATE DATABASE name TEMPLATE tmpl` (a file copy: every run starts from
/// the same rows without reloading them).
pub fn copy_database(cluster: &Cluster, tmpl: &str, name: &str) -> Result<(), String> {
    let mut admin = cluster.connect("postgres").map_err(|e| e.to_string())?;
    sql(
        &mut admin,
        &format!("CREATE DATABASE {name} TEMPLATE {tmpl}"),
        "copy database",
    )
}

pub fn drop_database(cluster: &Cluster, name: &str) {
    if let Ok(mut admin) = cluster.connect("postgres") {
        let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    }
}

/// Where a plan came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanSource {
    Planner,
    /// `plans/<scenario>/` in this crate: the planner's output with a fix the
    /// planner does not make yet (see the comment at the top of its up.sql).
    HandWritten,
}

/// The scenario's plan directory: `plans/<scenario>` of this crate when it
/// exists, else `plinth plan FROM TO --out DIR` (always run, so a planner
/// failure is reported either way).
pub fn plan(settings: &Settings, s: &Scenario) -> Result<(PathBuf, PlanSource), String> {
    let generated = generate_plan(settings, s)?;
    let hand = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans").join(&s.name);
    Ok(if hand.is_dir() {
        (hand, PlanSource::HandWritten)
    } else {
        (generated, PlanSource::Planner)
    })
}

fn generate_plan(settings: &Settings, s: &Scenario) -> Result<PathBuf, String> {
    let base = settings.plans.join(&s.name);
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    let (from, to, out) = (base.join("from.sql"), base.join("to.sql"), base.join("migrations"));
    std::fs::write(&from, &s.from).map_err(|e| e.to_string())?;
    std::fs::write(&to, &s.to).map_err(|e| e.to_string())?;
    let output = Command::new(&settings.plinth)
        .arg("plan")
        .arg(&from)
        .arg(&to)
        .arg("--out")
        .arg(&out)
        .args(["--name", &s.name, "--allow-destructive"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", settings.plinth.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{}: plinth plan failed ({}):\n{}{}",
            s.name,
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(out)
}

/// A copy of the plan directory `dir` under `into` with every `SET
/// lock_timeout = '...'` set to `timeout`.
pub fn with_lock_timeout(dir: &Path, into: &Path, timeout: Duration) -> Result<PathBuf, String> {
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    let out = into.join("migrations");
    let _ = std::fs::remove_dir_all(&out);
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let folder = entry.map_err(io)?.path();
        let target = out.join(folder.file_name().unwrap_or_default());
        std::fs::create_dir_all(&target).map_err(io)?;
        for file in ["up.sql", "down.sql"] {
            let text = std::fs::read_to_string(folder.join(file)).map_err(io)?;
            let text: Vec<String> = text
                .lines()
                .map(|l| {
                    if l.starts_with("SET lock_timeout = ") {
                        format!("SET lock_timeout = '{}ms';", timeout.as_millis())
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            std::fs::write(target.join(file), text.join("\n") + "\n").map_err(io)?;
        }
    }
    Ok(out)
}

fn apply_plan(url: &str, dir: &Path, lock_timeout: Option<Duration>) -> Result<usize, String> {
    let migrations = plinth_migrate::read_dir(dir).map_err(|e| e.to_string())?;
    let mut session = plinth_migrate::Session::connect(url).map_err(|e| e.to_string())?;
    let mut log = Vec::new();
    let mut options = plinth_migrate::ApplyOptions::default();
    if let Some(t) = lock_timeout {
        options.run.lock_timeout = t;
        options.run.retries = 12;
    }
    let report = plinth_migrate::apply(&mut session, &migrations, &options, &mut log)
        .map_err(|e| format!("{e}\n{}", String::from_utf8_lossy(&log)))?;
    Ok(report.steps)
}

/// The shape of `orders` and what hangs off it: columns (name, type,
/// nullability, default; sorted by name, since a swapped column moves to
/// the end), constraints, indexes, triggers and a checksum of the loaded
/// rows' values, plus the row count. Both forms of a
/// change must end with the same fingerprint.
pub fn fingerprint(cluster: &Cluster, db: &str, rows: u64) -> Result<(Vec<String>, i64), String> {
    let mut c = cluster.connect(db).map_err(|e| e.to_string())?;
    let q = "SELECT 'column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                    || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                    || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS item
               FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE a.attrelid = 'orders'::regclass AND a.attnum > 0 AND NOT a.attisdropped
             UNION ALL
             SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid)
                    || CASE WHEN convalidated THEN '' ELSE ' (not validated)' END
               FROM pg_constraint WHERE conrelid = 'orders'::regclass
             UNION ALL
             SELECT 'index ' || pg_get_indexdef(indexrelid)
                    || CASE WHEN indisvalid THEN '' ELSE ' (INVALID)' END
               FROM pg_index WHERE indrelid = 'orders'::regclass
             UNION ALL
             SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal
             ORDER BY 1";
    let items = c
        .query(q, &[])
        .map_err(|e| format!("fingerprint: {e}"))?
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect();
    let mut items: Vec<String> = items;
    // The loaded rows' values (ids up to `rows`; the load's inserts come
    // after), as jsonb so a moved column compares equal; `payload` is what
    // the load updates and `ref` is random by design.
    let data: String = c
        .query_one(
            "SELECT 'data ' || md5(string_agg((to_jsonb(o) - 'payload' - 'ref')::text, ',' ORDER BY id))
               FROM orders o WHERE id <= $1",
            &[&(rows as i64)],
        )
        .map_err(|e| format!("data checksum: {e}"))?
        .get(0);
    items.push(data);
    let total: i64 = c
        .query_one("SELECT count(*) FROM orders", &[])
        .map_err(|e| format!("row count: {e}"))?
        .get(0);
    Ok((items, total))
}

/// Opens a transaction that reads `orders` (so it holds ACCESS SHARE on it)
/// and commits after `hold`; returns once the lock is held.
fn hold_read_lock(
    cluster: &Cluster,
    db: &str,
    hold: Duration,
) -> Result<std::thread::JoinHandle<Result<(), String>>, String> {
    let mut config = cluster.config(db);
    config.application_name("bench-report");
    let mut client = config.connect(postgres::NoTls).map_err(|e| e.to_string())?;
    sql(
        &mut client,
        "BEGIN; SELECT count(*) FROM orders WHERE id <= 10",
        "long transaction",
    )?;
    Ok(std::thread::spawn(move || {
        std::thread::sleep(hold);
        sql(&mut client, "COMMIT", "long transaction commit")
    }))
}

/// Runs one mode on database `db` (already holding FROM and the rows).
pub fn run(
    cluster: &Cluster,
    settings: &Settings,
    s: &Scenario,
    mode: Mode,
    db: &str,
    plan_dir: &Path,
) -> Result<Outcome, String> {
    let log_path = cluster.root_dir().join("server.log");
    let log_start = std::fs::metadata(&log_path).map_or(0, |m| m.len());
    let mut naive_client = cluster.connect(db).map_err(|e| e.to_string())?;
    let load = Load::start(cluster.config(db), &settings.load, &format!("{mode:?}"))?;
    std::thread::sleep(settings.warmup);
    let holder = if settings.long_tx.is_zero() {
        None
    } else {
        Some(hold_read_lock(cluster, db, settings.long_tx)?)
    };
    let from_us = load.now_us();
    let started = Instant::now();
    let result = match mode {
        Mode::Naive => sql(&mut naive_client, &s.naive, &format!("{}: naive", s.name)).map(|()| 1),
        Mode::Plinth => apply_plan(&cluster.url(db), plan_dir, settings.lock_timeout),
    };
    let duration_s = started.elapsed().as_secs_f64();
    let to_us = load.now_us();
    std::thread::sleep(settings.cooldown);
    let (samples, first_error) = load.stop()?;
    if let Some(h) = holder {
        h.join()
            .map_err(|_| "the long transaction's thread panicked".to_string())??;
    }
    let steps = result?;
    let server_log = std::fs::read(&log_path)
        .map(|bytes| {
            String::from_utf8_lossy(bytes.get(log_start as usize..).unwrap_or_default())
                .lines()
                .filter(|l| {
                    let l = l.to_ascii_lowercase();
                    l.contains("autovacuum") || l.contains("deadlock") || l.contains("lock timeout")
                })
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Outcome {
        server_log,
        duration_s,
        during: window(&samples, from_us, to_us),
        baseline: {
            let before: Vec<_> = samples
                .iter()
                .copied()
                .filter(|x| x.start_us + x.latency_us <= from_us)
                .collect();
            window(&before, 0, from_us)
        },
        first_error,
        steps,
    })
}
