//! `plinth lint`, `plinth rules` and `plinth explain` through the binary:
//! exit codes, formats, plinth.toml discovery, inline ignores, --fix and
//! --diff, spec and SQL sources.

use std::path::Path;
use std::process::{Command, Output};

fn plinth(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plinth"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("plinth runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const SCHEMA: &str = "\
CREATE TABLE customers (
    id bigint PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    placed_at timestamp NOT NULL,
    payload json
);
";

fn project(schema: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("schema.sql"), schema).unwrap();
    tmp
}

#[test]
fn exit_codes_follow_the_threshold() {
    let tmp = project(SCHEMA);
    // Warnings only: 0 by default, 1 with --severity-threshold warning.
    let a = plinth(&["lint", "schema.sql"], tmp.path());
    assert_eq!(a.status.code(), Some(0), "{}", text(&a.stderr));
    let out = text(&a.stdout);
    assert!(
        out.contains("type-timestamp-without-tz") && out.contains("schema.sql:9:5"),
        "{out}"
    );
    assert!(out.contains("3 findings: 0 errors, 3 warnings"), "{out}");
    let b = plinth(&["lint", "schema.sql", "--severity-threshold", "warning"], tmp.path());
    assert_eq!(b.status.code(), Some(1));
    // An error finding fails by default.
    std::fs::write(
        tmp.path().join("money.sql"),
        "CREATE TABLE i (id bigint PRIMARY KEY, total real NOT NULL);",
    )
    .unwrap();
    let c = plinth(&["lint", "money.sql"], tmp.path());
    assert_eq!(c.status.code(), Some(1), "{}", text(&c.stdout));
    // Bad input: 2, with the reason.
    let d = plinth(&["lint", "missing.sql"], tmp.path());
    assert_eq!(d.status.code(), Some(2));
    assert!(text(&d.stderr).contains("cannot read missing.sql"));
    let e = plinth(&["lint"], tmp.path());
    assert_eq!(e.status.code(), Some(2));
    assert!(text(&e.stderr).contains("nothing to lint"));
}

#[test]
fn machine_formats() {
    let tmp = project(SCHEMA);
    let json = plinth(&["lint", "schema.sql", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["summary"]["warnings"], 3);
    assert_eq!(v["findings"][0]["file"], "schema.sql");
    let sarif = plinth(&["lint", "schema.sql", "--format", "sarif"], tmp.path());
    let s: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(s["runs"][0]["results"].as_array().unwrap().len(), 3);
    let gh = text(&plinth(&["lint", "schema.sql", "--format", "github"], tmp.path()).stdout);
    assert_eq!(
        gh.lines()
            .filter(|l| l.starts_with("::warning file=schema.sql,line=6"))
            .count(),
        3,
        "{gh}"
    );
    let gl = plinth(&["lint", "schema.sql", "--format", "gitlab"], tmp.path());
    let g: serde_json::Value = serde_json::from_slice(&gl.stdout).unwrap();
    assert_eq!(g.as_array().unwrap().len(), 3);
}

#[test]
fn config_is_found_walking_up_and_checked() {
    let tmp = project(SCHEMA);
    let sub = tmp.path().join("db/nested");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("schema.sql"), SCHEMA).unwrap();
    std::fs::write(
        tmp.path().join("plinth.toml"),
        "[lint]\nignore = [\"type\"]\n\n[lint.severity]\nfk-missing-index = \"error\"\n",
    )
    .unwrap();
    let a = plinth(&["lint", "schema.sql", "--format", "json"], &sub);
    assert_eq!(
        a.status.code(),
        Some(1),
        "fk-missing-index raised to error: {}",
        text(&a.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["fk-missing-index"], "the type group is ignored");
    // Unknown rule ids are an error with the closest id.
    std::fs::write(
        tmp.path().join("plinth.toml"),
        "[lint]\nselect = [\"fk-missng-index\"]\n",
    )
    .unwrap();
    let b = plinth(&["lint", "schema.sql"], &sub);
    assert_eq!(b.status.code(), Some(2));
    let err = text(&b.stderr);
    assert!(
        err.contains("plinth.toml:2:") && err.contains("did you mean `fk-missing-index`?"),
        "{err}"
    );
    // --config wins over discovery; excluded paths are skipped.
    std::fs::write(tmp.path().join("other.toml"), "[lint]\nexclude = [\"db/**\"]\n").unwrap();
    let c = plinth(
        &["lint", "db", "schema.sql", "--config", "other.toml", "--format", "json"],
        tmp.path(),
    );
    assert_eq!(c.status.code(), Some(0), "{}", text(&c.stderr));
    let v: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["file"] == "schema.sql"));
}

#[test]
fn fix_rewrites_and_diff_only_prints() {
    let tmp = project(SCHEMA);
    let diff = plinth(&["lint", "schema.sql", "--diff"], tmp.path());
    let patch = text(&diff.stdout);
    assert!(patch.starts_with("--- a/schema.sql\n+++ b/schema.sql\n"), "{patch}");
    assert!(
        patch.contains("\n-    placed_at timestamp NOT NULL,\n")
            && patch.contains("\n+    placed_at timestamptz NOT NULL,\n"),
        "{patch}"
    );
    assert!(
        patch.contains("+CREATE INDEX orders_customer_id_idx ON orders (customer_id);"),
        "{patch}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("schema.sql")).unwrap(),
        SCHEMA,
        "--diff writes nothing"
    );
    let fix = plinth(&["lint", "schema.sql", "--fix", "--format", "json"], tmp.path());
    assert_eq!(fix.status.code(), Some(0), "{}", text(&fix.stderr));
    let fixed = std::fs::read_to_string(tmp.path().join("schema.sql")).unwrap();
    assert!(
        fixed.contains("payload jsonb") && fixed.contains("placed_at timestamptz"),
        "{fixed}"
    );
    // The report after --fix is the re-lint of the fixed file: nothing left.
    let v: serde_json::Value = serde_json::from_slice(&fix.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
    // And the fixed file is valid SQL that imports cleanly.
    let again = plinth(&["lint", "schema.sql", "--severity-threshold", "info"], tmp.path());
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
}

#[test]
fn inline_ignores_in_sql_and_specs() {
    let tmp = project(&format!(
        "-- plinth-ignore type-json, type-timestamp-without-tz\n{}",
        &SCHEMA[SCHEMA.find("CREATE TABLE orders").unwrap()..]
    ));
    let a = plinth(&["lint", "schema.sql", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        !rules.contains(&"type-json") && !rules.contains(&"type-timestamp-without-tz"),
        "{rules:?}"
    );
    // A spec: the design of a spec with a float money field is impossible, but
    // an unused ignore is reported at its line.
    std::fs::write(
        tmp.path().join("app.plinth"),
        "// plinth-ignore fk-cycle\nentity Note {\n  body text\n}\n",
    )
    .unwrap();
    let b = plinth(&["lint", "app.plinth"], tmp.path());
    let out = text(&b.stdout);
    assert!(
        out.contains("ignore-unused") && out.contains("app.plinth:1:1"),
        "{out}{}",
        text(&b.stderr)
    );
    // An ignore above a field silences that field only.
    std::fs::write(
        tmp.path().join("pay.plinth"),
        "entity Payment {\n  // plinth-ignore name-like-type\n  date  date\n}\n\nentity Event {\n  time  timestamp\n}\n",
    )
    .unwrap();
    let c = plinth(&["lint", "pay.plinth", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
    let subjects: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["table events, column time"], "{v}");
    assert_eq!(v["findings"][0]["line"], 7);
}

#[test]
fn example_specs_lint_without_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let a = plinth(&["lint", "examples"], &root);
    assert_eq!(a.status.code(), Some(0), "{}\n{}", text(&a.stdout), text(&a.stderr));
}

#[test]
fn rules_and_explain() {
    let tmp = tempfile::tempdir().unwrap();
    let a = plinth(&["rules", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let schema = v.as_array().unwrap().iter().filter(|r| r["kind"] == "schema").count();
    assert!(schema >= 40, "{schema} schema rules");
    let tty = text(&plinth(&["rules"], tmp.path()).stdout);
    assert!(
        tty.lines()
            .any(|l| l.starts_with("fk-missing-index") && l.contains("warning")),
        "{tty}"
    );
    let e = plinth(&["explain", "type-json"], tmp.path());
    assert_eq!(e.status.code(), Some(0));
    assert!(text(&e.stdout).contains("## Why it matters"));
    let u = plinth(&["explain", "type-jsn"], tmp.path());
    assert_eq!(u.status.code(), Some(2));
    assert!(text(&u.stderr).contains("did you mean `type-json`?"));
    let w = plinth(&["rules", "--write-docs", "out"], tmp.path());
    assert_eq!(w.status.code(), Some(0));
    assert!(tmp.path().join("out/README.md").is_file() && tmp.path().join("out/fk-cycle.md").is_file());
}

#[test]
fn migrations_run_in_order_with_the_schema_as_existing_tables() {
    let tmp = project(SCHEMA);
    let m = tmp.path().join("migrations");
    // Diesel-style folders: the dated one runs first although its name sorts later as text.
    for (dir, up) in [
        (
            "2024-01-02-000000_add_index",
            "CREATE INDEX orders_placed_at_idx ON orders (placed_at);\n",
        ),
        ("20240101000000_add_note", "ALTER TABLE orders ADD COLUMN note text;\n"),
    ] {
        std::fs::create_dir_all(m.join(dir)).unwrap();
        std::fs::write(m.join(dir).join("up.sql"), up).unwrap();
        std::fs::write(m.join(dir).join("down.sql"), "DROP TABLE orders;\n").unwrap();
    }
    let o = plinth(
        &["lint", "schema.sql", "--migrations", "migrations", "--format", "json"],
        tmp.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let index = findings
        .iter()
        .find(|f| f["rule"] == "index-not-concurrent")
        .unwrap_or_else(|| panic!("orders exists before the migrations: {v}"));
    assert_eq!(index["file"], "migrations/2024-01-02-000000_add_index/up.sql");
    assert_eq!(index["line"], 1);
    assert_eq!(o.status.code(), Some(1), "a blocking CREATE INDEX is an error");
    // down.sql is not a migration to run.
    assert!(
        findings
            .iter()
            .all(|f| !f["file"].as_str().unwrap_or("").ends_with("down.sql")),
        "{v}"
    );
    // A table created in the same migration may be indexed without CONCURRENTLY.
    std::fs::write(
        m.join("new.sql"),
        "CREATE TABLE t (id bigint PRIMARY KEY, a int);\nCREATE INDEX t_a_idx ON t (a);\n",
    )
    .unwrap();
    let alone = plinth(
        &["lint", "--migrations", "migrations/new.sql", "--format", "json"],
        tmp.path(),
    );
    let a: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
    assert!(
        a["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "index-not-concurrent"),
        "{a}"
    );
}

#[test]
fn prisma_and_dbml_sources() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("schema.prisma"),
        "model Invoice {\n  id    Int   @id @default(autoincrement())\n  total Float\n}\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("erd.dbml"),
        "Table visits {\n  visitor text\n  page text\n}\n",
    )
    .unwrap();
    let o = plinth(&["lint", "schema.prisma", "erd.dbml", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        hits.contains(&("type-float-money".into(), "schema.prisma".into())),
        "{hits:?}"
    );
    assert!(hits.contains(&("pk-missing".into(), "erd.dbml".into())), "{hits:?}");
    assert_eq!(o.status.code(), Some(1), "money in a float is an error");
}

#[test]
fn a_live_database_is_linted() {
    let cluster = plinth_sandbox::try_shared()
        .unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"));
    let db = format!("plinth_lint_{}", std::process::id());
    let mut admin = cluster.connect("postgres").unwrap();
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    let result = std::panic::catch_unwind(|| {
        cluster.connect(&db).unwrap().batch_execute(SCHEMA).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let url = cluster.url(&db);
        let o = plinth(&["lint", "--db", &url, "--format", "json"], tmp.path());
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let rules: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap())
            .collect();
        for r in ["fk-missing-index", "type-json", "type-timestamp-without-tz"] {
            assert!(rules.contains(&r), "{r} not found on the live schema: {rules:?}");
        }
        // No text to point into: the tty report names the object instead.
        let t = plinth(&["lint", "--db", &url], tmp.path());
        assert!(
            text(&t.stdout).contains("at ") && text(&t.stdout).contains("table orders, column payload"),
            "{}",
            text(&t.stdout)
        );
    });
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).unwrap();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn dialect_of_sql_files() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("app.sql"),
        "CREATE TABLE t (id integer PRIMARY KEY, name varchar(10), price real);\n",
    )
    .unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        let o = plinth(args, tmp.path());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let pg = rules(&["lint", "app.sql", "--format", "json"]);
    assert!(
        pg.contains(&"type-varchar-length".into()) && pg.contains(&"type-float-money".into()),
        "{pg:?}"
    );
    // varchar(n) is the normal string type of SQLite: only the money finding stays.
    let lite = rules(&["lint", "app.sql", "--dialect", "sqlite", "--format", "json"]);
    assert!(
        !lite.contains(&"type-varchar-length".into()) && lite.contains(&"type-float-money".into()),
        "{lite:?}"
    );
}

#[test]
fn sql_files_given_together_are_one_schema() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("1-tables.sql"),
        "CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, at timestamp)\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("2-keys.sql"),
        "-- keys come last in this dump\nALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("3-indexes.sql"),
        "CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n",
    )
    .unwrap();
    let o = plinth(
        &[
            "lint",
            "1-tables.sql",
            "2-keys.sql",
            "3-indexes.sql",
            "--format",
            "json",
        ],
        tmp.path(),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    // The index in the third file covers the key declared in the second.
    assert!(findings.iter().all(|f| f["rule"] != "fk-missing-index"), "{v}");
    let ts = findings
        .iter()
        .find(|f| f["rule"] == "type-timestamp-without-tz")
        .unwrap();
    assert_eq!(
        (ts["file"].as_str(), ts["line"].as_u64()),
        (Some("1-tables.sql"), Some(2))
    );
    // --fix edits the file the finding is in; the file without a final `;` stays valid.
    let d = plinth(
        &["lint", "1-tables.sql", "2-keys.sql", "3-indexes.sql", "--diff"],
        tmp.path(),
    );
    let patch = text(&d.stdout);
    assert!(
        patch.contains("--- a/1-tables.sql") && patch.contains("at timestamptz)"),
        "{patch}"
    );
    assert!(!patch.contains("2-keys.sql"), "{patch}");
    // Without the index file the key is unindexed, reported in the file that declares it.
    let o = plinth(&["lint", "1-tables.sql", "2-keys.sql", "--format", "json"], tmp.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fk = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "fk-missing-index")
        .unwrap();
    assert_eq!(
        (fk["file"].as_str(), fk["line"].as_u64()),
        (Some("2-keys.sql"), Some(2))
    );
}
