//! `cargo bench -p plinth-diff` — the offline diff (and the plan built on
//! it) of two generated 1,000-table schemas: A is the design of
//! `plinth_spec::synthetic::spec(1000)`, B the same with one table in ten
//! changed (a column added, a type widened, a default set, a column made
//! NOT NULL, an index added, a column dropped) and ten tables added.
//! Prints the median and spread; writes both schemas as SQL to
//! target/bench/diff_{a,b}.sql for the migra comparison (scripts/bench-migra.sh).
//! With `PLINTH_MIGRA` (the migra executable; scripts/bench.sh installs it)
//! both schemas are also applied to two databases on the sandbox's real
//! PostgreSQL, and migra and plinth (inspect both + diff) diff them live.
//! Figures go to docs/benchmarks.md.

use plinth_diff::{diff_with, Hints, Options};
use plinth_model::{Column, Index, IndexPurpose, LogicalType, PhysicalType, Schema, Table};
use std::time::{Duration, Instant};

const TABLES: usize = 1_000;
const RUNS: usize = 21;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn changed(a: &Schema) -> Schema {
    let mut b = a.clone();
    let names: Vec<String> = b.tables.iter().map(|t| t.name.clone()).collect();
    for (i, name) in names.iter().enumerate().filter(|(i, _)| i % 10 == 3) {
        let t = b.table_mut(name).unwrap();
        let mut c = Column::new("extra_note", LogicalType::Text, PhysicalType::Text);
        c.nullable = true;
        t.columns.push(c);
        if let Some(c) = t.columns.iter_mut().find(|c| c.physical == PhysicalType::Integer) {
            c.physical = PhysicalType::BigInt;
        }
        if let Some(c) = t.columns.iter_mut().find(|c| c.name == "name") {
            c.default = Some(plinth_model::DefaultExpr::Literal(plinth_model::Literal::Str(
                "unnamed".into(),
            )));
        }
        if let Some(c) = t
            .columns
            .iter_mut()
            .find(|c| c.nullable && c.name != "extra_note" && c.name != "deleted_at")
        {
            c.nullable = false;
        }
        let ix = Index::btree(
            format!("{name}_extra_note_idx"),
            &["extra_note"],
            IndexPurpose::Declared,
        );
        t.indexes.push(ix);
        if i % 20 == 3 {
            if let Some(pos) = t.columns.iter().position(|c| c.name == "name") {
                t.columns.remove(pos);
                t.checks.retain(|c| c.expr.column() != Some("name"));
                t.indexes.retain(|i| !i.leading_columns().contains(&"name"));
                t.uniques.retain(|u| !u.columns.iter().any(|c| c == "name"));
            }
        }
    }
    for k in 0..10 {
        let mut t = Table::new(format!("bench_added_{k}"));
        t.columns
            .push(Column::new("id", LogicalType::BigInt, PhysicalType::BigInt));
        t.primary_key = Some(plinth_model::PrimaryKey {
            name: format!("bench_added_{k}_pkey"),
            columns: vec!["id".into()],
        });
        b.tables.push(t);
    }
    b
}

fn main() {
    let spec = plinth_spec::synthetic::spec(TABLES);
    let checked = plinth_spec::check(&spec);
    let a = plinth_design::design(checked.spec.as_ref().expect("synthetic spec is valid"));
    let b = changed(&a);
    let options = Options {
        normalize_expr: Some(plinth_postgres::import::normalize_expr),
    };
    let hints = Hints::from_schema(&b);
    let mut diff_times = Vec::new();
    let mut plan_times = Vec::new();
    let mut changes = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let c = diff_with(&a, &b, &hints, &options);
        diff_times.push(t.elapsed());
        let t = Instant::now();
        let p = plinth_plan::plan(&a, &b, &c, &plinth_plan::Options::default());
        plan_times.push(t.elapsed());
        std::hint::black_box(&p);
        changes = Some((c, p));
    }
    let (c, p) = changes.unwrap();
    let (dmin, dmax) = (*diff_times.iter().min().unwrap(), *diff_times.iter().max().unwrap());
    let (pmin, pmax) = (*plan_times.iter().min().unwrap(), *plan_times.iter().max().unwrap());
    println!(
        "schemas: {} and {} tables, {} and {} columns",
        a.tables.len(),
        b.tables.len(),
        a.tables.iter().map(|t| t.columns.len()).sum::<usize>(),
        b.tables.iter().map(|t| t.columns.len()).sum::<usize>()
    );
    println!(
        "changes: {}, plan steps: {} up / {} down",
        c.changes.len(),
        p.up.len(),
        p.down.len()
    );
    println!(
        "diff: median {:.1} ms (min {:.1}, max {:.1}) over {RUNS} runs",
        ms(median(diff_times)),
        ms(dmin),
        ms(dmax)
    );
    println!(
        "plan: median {:.1} ms (min {:.1}, max {:.1}) over {RUNS} runs",
        ms(median(plan_times)),
        ms(pmin),
        ms(pmax)
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join("diff_a.sql"), plinth_postgres::emit_script(&a));
    let _ = std::fs::write(dir.join("diff_b.sql"), plinth_postgres::emit_script(&b));
    println!("wrote {}/diff_a.sql and diff_b.sql", dir.display());
    if let Ok(migra) = std::env::var("PLINTH_MIGRA") {
        live(&migra, &a, &b, &options);
    }
}

/// migra and plinth on the same two live databases.
fn live(migra: &str, a: &Schema, b: &Schema, options: &Options) {
    let sandbox = plinth_sandbox::Sandbox::shared().expect("PostgreSQL for the live comparison");
    let (da, db) = (sandbox.fresh_database().unwrap(), sandbox.fresh_database().unwrap());
    plinth_sandbox::apply(&mut da.client().unwrap(), &plinth_postgres::emit(a)).expect("apply A");
    plinth_sandbox::apply(&mut db.client().unwrap(), &plinth_postgres::emit(b)).expect("apply B");
    let cluster = sandbox.cluster().expect("a sandbox cluster");
    // libpq key=value → a URL migra (SQLAlchemy + psycopg2) accepts.
    let url = |name: &str| {
        let kv = cluster.url(name);
        let get = |k: &str| {
            kv.split_whitespace()
                .find_map(|p| p.strip_prefix(&format!("{k}=")))
                .unwrap_or("")
                .to_string()
        };
        format!(
            "postgresql+psycopg2:///{}?host={}&port={}&user={}",
            get("dbname"),
            get("host"),
            get("port"),
            get("user")
        )
    };
    let (ua, ub) = (url(da.name()), url(db.name()));
    let mut migra_times = Vec::new();
    let mut statements = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let out = std::process::Command::new(migra)
            .args(["--unsafe", &ua, &ub])
            .output()
            .expect("migra runs");
        migra_times.push(t.elapsed());
        // migra exits 2 when the databases differ.
        assert!(
            out.status.code() == Some(2),
            "migra: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        statements = String::from_utf8_lossy(&out.stdout).matches(';').count();
    }
    let mut plinth_times = Vec::new();
    let mut changes = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let sa =
            plinth_postgres::inspect(&mut da.client().unwrap(), &plinth_postgres::SchemaFilter::default()).unwrap();
        let sb =
            plinth_postgres::inspect(&mut db.client().unwrap(), &plinth_postgres::SchemaFilter::default()).unwrap();
        let c = diff_with(&sa, &sb, &Hints::default(), options);
        plinth_times.push(t.elapsed());
        changes = c.changes.len();
    }
    let (m, p) = (median(migra_times), median(plinth_times));
    println!(
        "live, two databases of {} and {} tables:",
        a.tables.len(),
        b.tables.len()
    );
    println!("  migra: median {:.0} ms over 3 runs ({statements} statements)", ms(m));
    println!(
        "  plinth inspect A + inspect B + diff: median {:.0} ms over 5 runs ({changes} changes)",
        ms(p)
    );
    println!("  ratio migra / plinth: {:.1}x", m.as_secs_f64() / p.as_secs_f64());
}
