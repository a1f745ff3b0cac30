//! `design`, `report`, `erd` and `import` read any schema source the model
//! can: a spec, an existing `.sql` / `.prisma` / `.dbml` file, or a live
//! PostgreSQL database (`--db URL`, a real throwaway cluster here; a missing
//! server fails the test).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn plinth(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plinth"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("plinth runs")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const SHOP_SQL: &str =
    "CREATE TABLE customer (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE);\n\
    CREATE TABLE purchase (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, \
    customer_id bigint NOT NULL REFERENCES customer (id), total numeric(19,4) NOT NULL);\n\
    CREATE INDEX purchase_customer_id_idx ON purchase (customer_id);\n";

#[test]
fn design_report_and_erd_read_sql_prisma_and_dbml_as_they_are() {
    let tmp = tempfile::tempdir().unwrap();
    let sql = tmp.path().join("shop.sql");
    std::fs::write(&sql, SHOP_SQL).unwrap();
    let sources = [
        (sql.clone(), ["customer", "purchase"]),
        (
            root().join("crates/plinth-import/tests/fixtures/blog.prisma"),
            ["users", "\"Post\""],
        ),
        (
            root().join("crates/plinth-import/tests/fixtures/shop.dbml"),
            ["orders", "catalog.products"],
        ),
    ];
    for (source, tables) in &sources {
        let src = source.to_str().unwrap();
        let out = tmp.path().join("design");
        let o = plinth(&["design", src, "--out", out.to_str().unwrap()], tmp.path());
        assert_eq!(o.status.code(), Some(0), "design {src}: {}", stderr(&o));
        let ddl = std::fs::read_to_string(out.join("schema.sql")).unwrap();
        let doc = std::fs::read_to_string(out.join("DESIGN.md")).unwrap();
        for t in tables {
            assert!(
                ddl.contains(&format!("CREATE TABLE {t}")),
                "{src}: no table {t} in\n{ddl}"
            );
            let bare = t.trim_matches('"').rsplit('.').next().unwrap();
            assert!(doc.contains(bare), "{src}: DESIGN.md does not mention {t}");
        }

        let o = plinth(&["erd", src, "--format", "mermaid"], tmp.path());
        assert_eq!(o.status.code(), Some(0), "erd {src}: {}", stderr(&o));
        for t in tables {
            let bare = t.trim_matches('"').rsplit('.').next().unwrap();
            assert!(stdout(&o).contains(bare), "{src}: erd lacks {t}:\n{}", stdout(&o));
        }

        let html = tmp.path().join("report.html");
        let o = plinth(&["report", src, "--out", html.to_str().unwrap()], tmp.path());
        assert_eq!(o.status.code(), Some(0), "report {src}: {}", stderr(&o));
        let page = std::fs::read_to_string(&html).unwrap();
        assert!(
            page.contains(tables[0].trim_matches('"')),
            "{src}: report lacks {}",
            tables[0]
        );
    }
}

#[test]
fn an_unknown_kind_of_file_is_refused_with_the_kinds_plinth_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = tmp.path().join("notes.txt");
    std::fs::write(&notes, "tables please").unwrap();
    for cmd in [
        vec!["erd", "notes.txt", "--format", "dot"],
        vec!["report", "notes.txt", "--out", "r.html"],
    ] {
        let o = plinth(&cmd, tmp.path());
        assert_eq!(o.status.code(), Some(2), "{cmd:?}");
        assert!(stderr(&o).contains("cannot tell what notes.txt is"), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(".prisma"),
            "the hint names the kinds: {}",
            stderr(&o)
        );
    }
    assert!(!tmp.path().join("r.html").exists(), "nothing is written on bad input");
}

#[test]
fn a_live_database_is_a_source_for_every_command() {
    let cluster = plinth_sandbox::try_shared()
        .unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"));
    let db = format!("plinth_sources_{}", std::process::id());
    let mut admin = cluster.connect("postgres").unwrap();
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db}")).unwrap();
    admin.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    let result = std::panic::catch_unwind(|| {
        cluster.connect(&db).unwrap().batch_execute(SHOP_SQL).unwrap();
        let url = cluster.url(&db);
        let tmp = tempfile::tempdir().unwrap();

        let o = plinth(&["erd", "--db", &url, "--format", "mermaid"], tmp.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("customer") && stdout(&o).contains("purchase"),
            "{}",
            stdout(&o)
        );

        let out = tmp.path().join("live");
        let o = plinth(&["design", "--db", &url, "--out", out.to_str().unwrap()], tmp.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let ddl = std::fs::read_to_string(out.join("schema.sql")).unwrap();
        assert!(ddl.contains("REFERENCES customer"), "{ddl}");

        let spec = tmp.path().join("live.plinth");
        let o = plinth(&["import", "--db", &url, "--out", spec.to_str().unwrap()], tmp.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = plinth(&["check", spec.to_str().unwrap()], tmp.path());
        assert_eq!(o.status.code(), Some(0), "the imported spec checks: {}", stderr(&o));

        let bad = "postgres://me:hunter2@127.0.0.1:1/nowhere";
        let o = plinth(&["erd", "--db", bad, "--format", "dot"], tmp.path());
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("cannot connect to postgres://me:***@"),
            "{}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("hunter2"), "the password is never printed");
    });
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
        .unwrap();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
