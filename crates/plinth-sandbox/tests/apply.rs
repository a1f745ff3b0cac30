//! Statement-by-statement apply: the first failure is reported with its
//! index, object, spec origin and the server's message and position;
//! earlier statements stay applied; later ones never run.

use plinth_model::{SourceRef, SqlStatement};
use plinth_sandbox::{apply, Sandbox};

fn stmt(sql: &str, object: &str, origin: Option<SourceRef>) -> SqlStatement {
    SqlStatement {
        sql: sql.into(),
        object: object.into(),
        origin,
    }
}

#[test]
fn reports_the_failing_statement_with_origin_and_position() {
    let sandbox = Sandbox::shared().unwrap_or_else(|e| panic!("{e}"));
    let db = sandbox.fresh_database().unwrap();
    let mut client = db.client().unwrap();
    let statements = vec![
        stmt(
            "CREATE TABLE projects (id bigint PRIMARY KEY, name text NOT NULL);",
            "table projects",
            None,
        ),
        stmt(
            "CREATE INDEX CONCURRENTLY projects_name_idx ON projects (name);",
            "index projects_name_idx",
            None,
        ),
        stmt(
            "CREATE TABLE tasks (\n  id bigint PRIMARY KEY,\n  project_id bigint REFERENCES projectz (id)\n);",
            "table tasks",
            Some(SourceRef { start: 120, end: 180 }),
        ),
        stmt("CREATE TABLE never_created (id int);", "table never_created", None),
    ];
    let err = apply(&mut client, &statements).unwrap_err();
    assert_eq!(err.index, 2);
    assert_eq!(err.applied, 2);
    assert_eq!(err.object, "table tasks");
    assert_eq!(err.origin, Some(SourceRef { start: 120, end: 180 }));
    assert_eq!(err.code.as_deref(), Some("42P01"));
    assert_eq!(err.message, "relation \"projectz\" does not exist");
    assert_eq!(err.statement, statements[2].sql);
    let shown = err.to_string();
    assert!(
        shown.contains("statement 3 (table tasks) failed: [42P01] relation \"projectz\" does not exist"),
        "{shown}"
    );
    assert!(shown.contains("  | CREATE TABLE tasks ("), "{shown}");

    let mut exists = |name: &str| -> bool {
        client
            .query_one("SELECT to_regclass($1) IS NOT NULL", &[&name])
            .unwrap()
            .get(0)
    };
    assert!(exists("projects"), "statements before the failure stay applied");
    assert!(exists("projects_name_idx"), "CONCURRENTLY ran outside a transaction");
    assert!(!exists("never_created"), "statements after the failure never run");
}

#[test]
fn syntax_errors_carry_a_position() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    let sql = "CREATE TABLE t (\n  id bigint,\n  name txet NOT NULL\n);";
    let err = apply(&mut db.client().unwrap(), &[stmt(sql, "table t", None)]).unwrap_err();
    assert_eq!(err.index, 0);
    assert_eq!(err.code.as_deref(), Some("42704"), "{err}");
    let pos = err.position.expect("position") as usize;
    assert_eq!(&sql[pos - 1..pos - 1 + 4], "txet");
    assert_eq!(err.line_col(), Some((3, 8)));
    assert!(err.to_string().contains("at line 3, column 8"), "{err}");
}

#[test]
fn detail_and_hint_come_through() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    let statements = vec![
        stmt("CREATE TABLE t (id int PRIMARY KEY);", "table t", None),
        stmt("INSERT INTO t VALUES (1), (1);", "seed t", None),
    ];
    let err = apply(&mut db.client().unwrap(), &statements).unwrap_err();
    assert_eq!(err.index, 1);
    assert_eq!(err.code.as_deref(), Some("23505"));
    assert_eq!(err.detail.as_deref(), Some("Key (id)=(1) already exists."));

    let err = apply(&mut db.client().unwrap(), &[stmt("SELECT nosuchfn(1);", "call", None)]).unwrap_err();
    assert!(
        err.hint.as_deref().is_some_and(|h| h.contains("No function matches")),
        "{err}"
    );
}

#[test]
fn success_reports_count_and_timings() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    let statements = vec![
        stmt("CREATE TABLE a (x int);", "table a", None),
        stmt("CREATE TABLE b (x int);", "table b", None),
    ];
    let report = apply(&mut db.client().unwrap(), &statements).unwrap();
    assert_eq!(report.applied, 2);
    assert_eq!(report.durations.len(), 2);
    assert!(report.total >= report.durations[0]);
}
