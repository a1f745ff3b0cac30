//! `plinth-bench-locks`: how long application statements wait while a
//! schema change runs, for the naive single statement and for plinth's plan.
//!
//! For each scenario in `scenarios/`: a throwaway cluster, a template
//! database with FROM and `--rows` rows, then on one copy the naive ALTER
//! (no lock_timeout) and on another `plinth plan FROM TO` applied by the
//! runner, each under the same concurrent load. Prints a Markdown table.
//!
//! Usage: plinth-bench-locks [--rows N] [--clients N] [--think-ms N]
//!        [--plinth PATH] [--scenario SUBSTRING]... [--long-tx-ms N]
//!        [--lock-timeout-ms N] [--autovacuum-naptime-s N] [--out FILE]

mod load;
mod run;
mod scenario;
mod stats;

use run::{Mode, Outcome, PlanSource, Settings};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Args {
    settings: Settings,
    /// `autovacuum_naptime` for the cluster: a short one makes autovacuum
    /// reliably busy on the table when a plan's last step asks for its lock.
    naptime: Option<u64>,
    filters: Vec<String>,
    out: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.to_path_buf()))
        .unwrap_or_default();
    let mut settings = Settings {
        rows: 1_000_000,
        load: load::LoadConfig {
            clients: 4,
            think: Duration::from_millis(1),
            rows: 0,
        },
        warmup: Duration::from_secs(1),
        cooldown: Duration::from_millis(300),
        plinth: std::env::var_os("PLINTH_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| exe_dir.join("plinth")),
        plans: std::env::temp_dir().join("plinth-bench-locks"),
        long_tx: Duration::ZERO,
        lock_timeout: None,
    };
    let (mut filters, mut out, mut naptime) = (Vec::new(), None, None);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|_| format!("{a}: `{v}` is not a number"));
        match a.as_str() {
            "--rows" => settings.rows = number(value()?)?,
            "--clients" => settings.load.clients = number(value()?)? as usize,
            "--think-ms" => settings.load.think = Duration::from_millis(number(value()?)?),
            "--plinth" => settings.plinth = PathBuf::from(value()?),
            "--plans" => settings.plans = PathBuf::from(value()?),
            "--scenario" => filters.push(value()?),
            "--lock-timeout-ms" => settings.lock_timeout = Some(Duration::from_millis(number(value()?)?.max(1))),
            "--autovacuum-naptime-s" => naptime = Some(number(value()?)?.max(1)),
            "--long-tx-ms" => settings.long_tx = Duration::from_millis(number(value()?)?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!("usage: plinth-bench-locks [--rows N] [--clients N] [--think-ms N] [--plinth PATH] [--plans DIR] [--scenario SUBSTRING]... [--long-tx-ms N] [--lock-timeout-ms N] [--autovacuum-naptime-s N] [--out FILE]");
                std::process::exit(0);
            }
            _ => return Err(format!("unknown argument `{a}` (try --help)")),
        }
    }
    if settings.rows == 0 || settings.load.clients == 0 {
        return Err("--rows and --clients must be at least 1".into());
    }
    settings.load.rows = settings.rows;
    Ok(Args {
        settings,
        filters,
        out,
        naptime,
    })
}

fn ms(x: f64) -> String {
    if x >= 1000.0 {
        format!("{:.2} s", x / 1000.0)
    } else {
        format!("{x:.1} ms")
    }
}

fn row(name: &str, rows: u64, naive: &Outcome, plinth: &Outcome, source: PlanSource, same: bool) -> String {
    let errors = |o: &Outcome| o.during.errors;
    let source = match source {
        PlanSource::Planner => "plinth plan",
        PlanSource::HandWritten => "hand-written plan (planner pending)",
    };
    format!(
        "| {name} | {rows} | {source} | {} | {} | {} | {:.2} s | {} | {} | {:.2} s ({} steps) | {} / {} | {} / {} |\n",
        if same { "yes" } else { "NO" },
        ms(naive.during.max_ms),
        ms(naive.during.p99_ms),
        naive.duration_s,
        ms(plinth.during.max_ms),
        ms(plinth.during.p99_ms),
        plinth.duration_s,
        plinth.steps,
        ms(naive.baseline.max_ms.max(plinth.baseline.max_ms)),
        ms(naive.baseline.p99_ms.max(plinth.baseline.p99_ms)),
        errors(naive),
        errors(plinth),
    )
}

fn main() {
    if let Err(e) = real_main() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<(), String> {
    let args = parse_args()?;
    let s = &args.settings;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let scenarios = scenario::load_all(&dir, &args.filters)?;
    if scenarios.is_empty() {
        return Err(format!("no scenario in {} matches {:?}", dir.display(), args.filters));
    }
    if !s.plinth.is_file() {
        return Err(format!(
            "{}: no plinth binary\n  help: build it (cargo build -p plinth-cli) or pass --plinth PATH / PLINTH_BIN",
            s.plinth.display()
        ));
    }
    let started = Instant::now();
    let cluster = plinth_sandbox::Cluster::start().map_err(|e| e.to_string())?;
    if let Some(n) = args.naptime {
        let mut admin = cluster.connect("postgres").map_err(|e| e.to_string())?;
        // Two round trips: ALTER SYSTEM cannot run inside a multi-statement batch.
        for q in [
            format!("ALTER SYSTEM SET autovacuum_naptime = '{n}s'"),
            "SELECT pg_reload_conf()".into(),
        ] {
            admin.batch_execute(&q).map_err(|e| format!("{q}: {e}"))?;
        }
    }
    eprintln!(
        "PostgreSQL {} sandbox; {} rows; {} clients, {} ms think time",
        cluster.major_version(),
        s.rows,
        s.load.clients,
        s.load.think.as_millis()
    );
    let mut table = String::from(
        "| scenario | rows | plan | same schema + rows as naive | naive max wait | naive p99 | naive duration | plinth max wait | plinth p99 | plinth duration | baseline max / p99 | errors naive / plinth |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut notes = String::new();
    for sc in &scenarios {
        eprintln!("== {}: {}", sc.name, sc.description);
        let (mut plan_dir, source) = run::plan(s, sc)?;
        if let Some(t) = s.lock_timeout {
            plan_dir = run::with_lock_timeout(&plan_dir, &s.plans.join(&sc.name).join("short-timeout"), t)?;
        }
        let tmpl = "bench_template";
        run::drop_database(&cluster, tmpl);
        let t = Instant::now();
        run::prepare_template(&cluster, sc, s.rows, tmpl)?;
        eprintln!("   loaded {} rows in {:.1} s", s.rows, t.elapsed().as_secs_f64());
        let mut outcomes = Vec::new();
        let mut shapes = Vec::new();
        for mode in [Mode::Naive, Mode::Plinth] {
            let db = format!("bench_{}", if mode == Mode::Naive { "naive" } else { "plinth" });
            run::drop_database(&cluster, &db);
            run::copy_database(&cluster, tmpl, &db)?;
            let o = run::run(&cluster, s, sc, mode, &db, &plan_dir)
                .and_then(|o| run::fingerprint(&cluster, &db, s.rows).map(|f| (o, f)));
            run::drop_database(&cluster, &db);
            let (o, shape) = o?;
            shapes.push(shape);
            eprintln!(
                "   {mode:?}{}: {:.2} s, {} statements during, max {} p99 {} p50 {} (slowest: {:?}, began at +{:.2} s), errors {}",
                if mode == Mode::Plinth && source == PlanSource::HandWritten { " (hand-written plan)" } else { "" },
                o.duration_s,
                o.during.statements,
                ms(o.during.max_ms),
                ms(o.during.p99_ms),
                ms(o.during.p50_ms),
                o.during.max_kind,
                o.during.max_at_s,
                o.during.errors
            );
            for line in &o.server_log {
                eprintln!("   server log: {line}");
                let _ = writeln!(notes, "- {} ({mode:?}): server log: {line}", sc.name);
            }
            if let Some(e) = &o.first_error {
                let _ = writeln!(notes, "- {} ({mode:?}): first load error: {e}", sc.name);
            }
            outcomes.push(o);
        }
        run::drop_database(&cluster, tmpl);
        let same = shapes[0].0 == shapes[1].0;
        if !same {
            let only = |a: &Vec<String>, b: &Vec<String>| -> Vec<String> {
                a.iter().filter(|x| !b.contains(x)).cloned().collect()
            };
            let _ = writeln!(
                notes,
                "- {}: the plan's schema differs from the naive form's: naive only {:?}; plan only {:?}",
                sc.name,
                only(&shapes[0].0, &shapes[1].0),
                only(&shapes[1].0, &shapes[0].0)
            );
        }
        eprintln!(
            "   same schema and loaded rows as the naive form: {}; rows after: naive {}, plinth {}",
            if same { "yes" } else { "NO" },
            shapes[0].1,
            shapes[1].1
        );
        let mut name = sc.name.clone();
        if !s.long_tx.is_zero() {
            name.push_str(&format!(" + {} ms idle transaction", s.long_tx.as_millis()));
        }
        if let Some(n) = args.naptime {
            name.push_str(&format!(", autovacuum_naptime {n} s"));
        }
        if let Some(t) = s.lock_timeout {
            name.push_str(&format!(", plan lock_timeout {} ms", t.as_millis()));
        }
        table.push_str(&row(&name, s.rows, &outcomes[0], &outcomes[1], source, same));
    }
    let text = format!(
        "{table}\nPostgreSQL {}, {} load clients ({} ms think time), total run {:.0} s.\n{notes}",
        cluster.major_version(),
        s.load.clients,
        s.load.think.as_millis(),
        started.elapsed().as_secs_f64()
    );
    print!("{text}");
    if let Some(out) = &args.out {
        std::fs::write(out, &text).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}
