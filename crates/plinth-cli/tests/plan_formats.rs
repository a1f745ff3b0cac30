//! `plinth plan` writes files that their tools run on real PostgreSQL:
//! plinth's own directory through `plinth migrate apply` and `down`;
//! golang-migrate and dbmate files executed the way those tools send them
//! (one query string per file); an Alembic revision upgraded and
//! downgraded by Alembic itself; Flyway file naming. After every up the
//! introspected schema equals TO; after every down it equals FROM.

use plinth_model::equality::{compare, CompareOptions, Report};
use plinth_postgres::import::normalize_expr;
use plinth_postgres::{inspect, SchemaFilter};
use plinth_sandbox::Sandbox;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FROM: &str = "CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  qty integer,
  note text
);
";
const TO: &str = "CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- plinth:renamed-from title
  name text NOT NULL,
  qty bigint,
  note text,
  total numeric(12,2) NOT NULL,
  CONSTRAINT orders_name_key UNIQUE (name)
);
CREATE INDEX orders_qty_idx ON orders (qty);
";
const ROWS: &str =
    "INSERT INTO orders (title, qty, note) SELECT 'order ' || g, g, 'n' FROM generate_series(1, 2500) g;";

fn sandbox() -> Sandbox {
    Sandbox::shared().unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"))
}

fn plinth(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plinth"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("plinth runs")
}

fn ok(o: &Output, what: &str) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{what}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Writes FROM/TO and plans into `out` in `format`.
fn plan(format: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("from.sql"), FROM).unwrap();
    std::fs::write(dir.path().join("to.sql"), TO).unwrap();
    let out = dir.path().join("migrations");
    let o = plinth(
        &[
            "plan",
            "from.sql",
            "to.sql",
            "--out",
            "migrations",
            "--name",
            "orders_v2",
            "--version",
            "20261122090000",
            "--format",
            format,
        ],
        dir.path(),
    );
    ok(&o, "plinth plan");
    let summary = String::from_utf8_lossy(&o.stderr);
    assert!(
        summary.contains("expand:") && summary.contains("contract:"),
        "{summary}"
    );
    (dir, out)
}

fn options() -> CompareOptions {
    CompareOptions {
        index_names: true,
        constraint_names: false,
        normalize_expr: Some(normalize_expr),
        ..CompareOptions::default()
    }
}

fn reference(sandbox: &Sandbox, sql: &str) -> plinth_model::Schema {
    let db = sandbox.fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute(sql).unwrap();
    inspect(&mut c, &SchemaFilter::only(&["public"])).unwrap()
}

fn assert_is(c: &mut postgres::Client, expected: &plinth_model::Schema, what: &str) {
    let mut actual = inspect(c, &SchemaFilter::only(&["public"])).unwrap();
    // Alembic's own bookkeeping table.
    actual.tables.retain(|t| t.name != "alembic_version");
    let d = compare(&actual, expected, &options());
    assert!(d.is_empty(), "{what}:\n{}", Report(&d));
}

fn rows(c: &mut postgres::Client, name_column: &str) -> (i64, String) {
    let r = c
        .query_one(
            format!("SELECT count(*), md5(string_agg({name_column} || '|' || qty, ',' ORDER BY id)) FROM orders")
                .as_str(),
            &[],
        )
        .unwrap();
    (r.get(0), r.get(1))
}

fn sorted_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn plinth_directory_runs_with_plinth_migrate_up_and_down() {
    let sb = sandbox();
    let (dir, out) = plan("sql");
    assert_eq!(sorted_files(&out), ["20261122090000_orders_v2"]);
    let up = std::fs::read_to_string(out.join("20261122090000_orders_v2/up.sql")).unwrap();
    assert!(
        up.contains("no-transaction") && up.contains("batched") && up.contains("NOT VALID"),
        "{up}"
    );
    let (to, from) = (reference(&sb, TO), reference(&sb, FROM));
    let db = sb.fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute(FROM).unwrap();
    c.batch_execute(ROWS).unwrap();
    let before = rows(&mut c, "title");
    let url = sb.cluster().expect("cluster").url(db.name());
    ok(
        &plinth(&["migrate", "apply", "--db", &url, "migrations"], dir.path()),
        "migrate apply",
    );
    assert_is(&mut c, &to, "after plinth migrate apply");
    assert_eq!(rows(&mut c, "name"), before);
    ok(
        &plinth(
            &["migrate", "down", "--db", &url, "migrations", "--allow-destructive"],
            dir.path(),
        ),
        "migrate down",
    );
    assert_is(&mut c, &from, "after plinth migrate down");
    assert_eq!(rows(&mut c, "title"), before);
}

/// Runs each file (or section) as one query string, as the tools do.
fn run_files(c: &mut postgres::Client, bodies: &[String], what: &str) {
    for b in bodies {
        c.batch_execute(b)
            .unwrap_or_else(|e| panic!("{what}: {}\n{b}", plinth_sandbox::describe_error(&e)));
    }
}

#[test]
fn golang_migrate_files_are_named_paired_and_run() {
    let sb = sandbox();
    let (_dir, out) = plan("golang-migrate");
    let names = sorted_files(&out);
    let ups: Vec<&String> = names.iter().filter(|n| n.ends_with(".up.sql")).collect();
    assert!(ups.len() > 3, "{names:?}");
    for n in &names {
        let (version, rest) = n.split_once('_').unwrap();
        assert!(
            version.len() >= 14 && version.chars().all(|c| c.is_ascii_digit()),
            "{n}"
        );
        assert!(rest.ends_with(".up.sql") || rest.ends_with(".down.sql"), "{n}");
        if let Some(stem) = n.strip_suffix(".up.sql") {
            assert!(names.contains(&format!("{stem}.down.sql")), "{n} has no down");
        }
    }
    let read = |n: &String| std::fs::read_to_string(out.join(n)).unwrap();
    let up: Vec<String> = ups.iter().map(|n| read(n)).collect();
    let mut down: Vec<String> = names.iter().filter(|n| n.ends_with(".down.sql")).map(read).collect();
    down.reverse();
    let db = sb.fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute(FROM).unwrap();
    c.batch_execute(ROWS).unwrap();
    let before = rows(&mut c, "title");
    run_files(&mut c, &up, "golang-migrate up");
    assert_is(&mut c, &reference(&sb, TO), "after golang-migrate up");
    assert_eq!(rows(&mut c, "name"), before);
    run_files(&mut c, &down, "golang-migrate down");
    assert_is(&mut c, &reference(&sb, FROM), "after golang-migrate down");
}

#[test]
fn dbmate_files_mark_non_transactional_sections_and_run() {
    let sb = sandbox();
    let (_dir, out) = plan("dbmate");
    let names = sorted_files(&out);
    let mut ups = Vec::new();
    let mut downs = Vec::new();
    let mut no_tx = 0;
    for n in &names {
        assert!(
            n.ends_with(".sql") && n[..14].chars().all(|c| c.is_ascii_digit()),
            "{n}"
        );
        let text = std::fs::read_to_string(out.join(n)).unwrap();
        let (head, rest) = text.split_once("-- migrate:up").expect("-- migrate:up");
        assert!(
            !head.contains("CREATE") && !head.contains("ALTER"),
            "{n}: SQL before -- migrate:up"
        );
        let (up, down) = rest.split_once("-- migrate:down").expect("-- migrate:down");
        if up.starts_with(" transaction:false") {
            no_tx += 1;
        }
        let outside = up.contains("CONCURRENTLY") || up.contains("DO $plinth_batch$");
        assert_eq!(outside, up.starts_with(" transaction:false"), "{n}");
        ups.push(up.trim_start_matches(" transaction:false").to_string());
        downs.push(down.trim_start_matches(" transaction:false").to_string());
    }
    assert!(no_tx >= 2, "{names:?}");
    downs.reverse();
    let db = sb.fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute(FROM).unwrap();
    c.batch_execute(ROWS).unwrap();
    run_files(&mut c, &ups, "dbmate up");
    assert_is(&mut c, &reference(&sb, TO), "after dbmate up");
    run_files(&mut c, &downs, "dbmate down");
    assert_is(&mut c, &reference(&sb, FROM), "after dbmate down");
}

#[test]
fn flyway_files_are_versioned_and_non_transactional_ones_configured() {
    let (_dir, out) = plan("flyway");
    let names = sorted_files(&out);
    let sql: Vec<&String> = names.iter().filter(|n| n.ends_with(".sql")).collect();
    assert!(sql.len() > 3);
    for n in &sql {
        let v = n
            .strip_prefix('V')
            .and_then(|r| r.split_once("__"))
            .map(|(v, _)| v)
            .unwrap_or("");
        assert!(
            !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'),
            "{n}"
        );
        let text = std::fs::read_to_string(out.join(n)).unwrap();
        let conf = names.contains(&format!("{n}.conf"));
        let outside = text.contains("CONCURRENTLY") || text.contains("DO $plinth_batch$");
        assert_eq!(
            outside, conf,
            "{n}: executeInTransaction=false iff CONCURRENTLY or a batch loop"
        );
    }
}

#[test]
fn alembic_revision_upgrades_and_downgrades_with_alembic() {
    let alembic = std::env::var("PLINTH_ALEMBIC").unwrap_or_else(|_| {
        panic!("PLINTH_ALEMBIC is not set: run scripts/test-deps/python-tools.sh (scripts/test.sh sources it)")
    });
    let pythonpath = std::env::var("PLINTH_PYTHONPATH").unwrap_or_default();
    let sb = sandbox();
    let (dir, out) = plan("alembic");
    let names = sorted_files(&out);
    assert_eq!(names, ["20261122090000_orders_v2.py"]);
    let script = std::fs::read_to_string(out.join(&names[0])).unwrap();
    assert!(
        script.contains("autocommit_block()") && script.contains("def downgrade():"),
        "{script}"
    );
    // An Alembic environment around the generated revision.
    let env = dir.path().join("alembic");
    std::fs::create_dir_all(env.join("versions")).unwrap();
    std::fs::copy(out.join(&names[0]), env.join("versions").join(&names[0])).unwrap();
    std::fs::write(env.join("alembic.ini"), "[alembic]\nscript_location = %(here)s\n").unwrap();
    std::fs::write(
        env.join("env.py"),
        "import os\nimport psycopg2\nimport sqlalchemy as sa\nfrom alembic import context\n\n\
         engine = sa.create_engine(\"postgresql+psycopg2://\", creator=lambda: psycopg2.connect(os.environ[\"PLINTH_TEST_DSN\"]))\n\
         with engine.connect() as connection:\n    context.configure(connection=connection, target_metadata=None)\n    \
         with context.begin_transaction():\n        context.run_migrations()\n",
    )
    .unwrap();
    let db = sb.fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute(FROM).unwrap();
    c.batch_execute(ROWS).unwrap();
    let before = rows(&mut c, "title");
    let dsn = sb.cluster().expect("cluster").url(db.name());
    let run = |args: &[&str]| {
        let o = Command::new(&alembic)
            .args(["-c", env.join("alembic.ini").to_str().unwrap()])
            .args(args)
            .env("PYTHONPATH", &pythonpath)
            .env("PLINTH_TEST_DSN", &dsn)
            .output()
            .expect("alembic runs");
        ok(&o, &format!("alembic {args:?}"));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(run(&["history"]).contains("20261122090000"));
    run(&["upgrade", "head"]);
    assert_is(&mut c, &reference(&sb, TO), "after alembic upgrade");
    assert_eq!(rows(&mut c, "name"), before);
    run(&["downgrade", "base"]);
    assert_is(&mut c, &reference(&sb, FROM), "after alembic downgrade");
    assert_eq!(rows(&mut c, "title"), before);
}

#[test]
fn no_out_prints_the_plan_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("from.sql"), FROM).unwrap();
    std::fs::write(dir.path().join("to.sql"), TO).unwrap();
    let o = plinth(
        &["plan", "from.sql", "to.sql", "--version", "20261122090000"],
        dir.path(),
    );
    ok(&o, "plan to stdout");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("-- plinth:step 1 "), "{stdout}");
    assert_eq!(sorted_files(dir.path()), ["from.sql", "to.sql"]);
    let o = plinth(&["plan", "from.sql", "to.sql", "--version", "2026"], dir.path());
    assert_eq!(o.status.code(), Some(2));
    let o = plinth(&["plan", "from.sql", "to.sql", "--lock-timeout", "100ms"], dir.path());
    ok(&o, "plan --lock-timeout");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("SET lock_timeout = '100ms';") && !stdout.contains("'2s'"),
        "{stdout}"
    );
    let o = plinth(&["plan", "from.sql", "to.sql", "--lock-timeout", "soon"], dir.path());
    assert_eq!(o.status.code(), Some(2));
}
