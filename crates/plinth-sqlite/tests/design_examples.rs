//! `plinth design --dialect sqlite`: every example spec, designed and
//! adapted to SQLite, applies to a real SQLite database statement by
//! statement, with foreign keys on; the conventions that survive are probed
//! on real rows (task tracker), and what SQLite cannot do is in the
//! decision log.

use plinth_model::Schema;
use plinth_sqlite::{emit, for_sqlite};
use rusqlite::Connection;
use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "plinth"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "expected the example specs in {}", dir.display());
    files
}

fn designed(path: &PathBuf) -> Schema {
    let text = std::fs::read_to_string(path).unwrap();
    let checked = plinth_spec::check(&text);
    let spec = checked
        .spec
        .unwrap_or_else(|| panic!("{}: {:?}", path.display(), checked.diagnostics));
    for_sqlite(plinth_design::design(&spec))
}

fn apply(schema: &Schema) -> Connection {
    let db = Connection::open_in_memory().unwrap();
    db.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    for st in emit(schema) {
        db.execute_batch(&st.sql)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", st.object, st.sql));
    }
    db
}

#[test]
fn every_example_applies_to_sqlite() {
    for path in examples() {
        let schema = designed(&path);
        let db = apply(&schema);
        let tables: usize = db
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, schema.tables.len(), "{}", path.display());
        let fk_errors: usize = db
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk_errors, 0);
        // Nothing PostgreSQL-only is left: no type SQLite lacks, no cast,
        // no PostgreSQL function.
        let sql = plinth_sqlite::emit_script(&schema);
        for pg in [
            "::",
            "now()",
            "plpgsql",
            "ROW LEVEL SECURITY",
            "char_length",
            "current_setting",
        ] {
            assert!(!sql.contains(pg), "{}: `{pg}` in\n{sql}", path.display());
        }
        let types: Vec<String> = db
            .prepare(
                "SELECT DISTINCT upper(c.type) FROM sqlite_schema s, pragma_table_info(s.name) c \
                 WHERE s.type = 'table'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for t in &types {
            assert!(
                !["UUID", "TIMESTAMPTZ", "JSONB", "INTERVAL", "BOOLEAN", "BYTEA"].contains(&t.as_str()),
                "{}: column type {t}",
                path.display()
            );
        }
        eprintln!(
            "{}: {} tables, {} statements applied, {} SQLite decisions",
            path.file_name().unwrap().to_string_lossy(),
            schema.tables.len(),
            emit(&schema).len(),
            schema
                .decisions
                .iter()
                .filter(|d| d.rule.starts_with("sqlite-"))
                .count()
        );
    }
}

#[test]
fn task_tracker_conventions_hold_on_sqlite() {
    let path = examples()
        .into_iter()
        .find(|p| p.ends_with("task-tracker.plinth"))
        .unwrap();
    let schema = designed(&path);
    let rules: Vec<&str> = schema.decisions.iter().map(|d| d.rule).collect();
    for rule in [
        "sqlite-no-rls",
        "sqlite-uuid-text",
        "sqlite-time-text",
        "sqlite-no-regexp",
        "sqlite-triggers",
    ] {
        assert!(rules.contains(&rule), "no `{rule}` decision in {rules:?}");
    }
    let db = apply(&schema);
    let w = "00000000-0000-4000-8000-000000000001";
    let u = "00000000-0000-4000-8000-000000000002";
    let p = "00000000-0000-4000-8000-000000000003";
    let t1 = "00000000-0000-4000-8000-000000000004";
    let t2 = "00000000-0000-4000-8000-000000000005";
    db.execute_batch(&format!(
        "INSERT INTO workspaces (id, name, slug) VALUES ('{w}', 'Acme', 'acme');
         INSERT INTO users (id, email) VALUES ('{u}', 'a@example.com');
         INSERT INTO projects (id, workspace_id, name, key) VALUES ('{p}', '{w}', 'Web', 'WEB');
         INSERT INTO tasks (id, workspace_id, project_id, number, title, updated_at)
           VALUES ('{t1}', '{w}', '{p}', 1, 'Parent', '2000-01-01T00:00:00.000Z');
         INSERT INTO tasks (id, workspace_id, project_id, number, title, parent_id)
           VALUES ('{t2}', '{w}', '{p}', 2, 'Child', '{t1}');"
    ))
    .unwrap();
    // Generated ids and ISO-8601 UTC timestamps by default.
    let (id, created): (i64, String) = db
        .query_row("SELECT id, at FROM audit_log ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(id, 1);
    assert!(created.ends_with('Z') && created.contains('T'), "{created}");
    db.execute(
        &format!("INSERT INTO labels (workspace_id, name) VALUES ('{w}', 'bug')"),
        [],
    )
    .unwrap();
    let label_id: String = db.query_row("SELECT id FROM labels", [], |r| r.get(0)).unwrap();
    assert_eq!(label_id.len(), 36, "{label_id}");
    // Touch and version bump: an update moves updated_at and version.
    db.execute(&format!("UPDATE tasks SET title = 'Parent!' WHERE id = '{t1}'"), [])
        .unwrap();
    let (updated, version): (String, i64) = db
        .query_row(
            &format!("SELECT updated_at, version FROM tasks WHERE id = '{t1}'"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        updated.as_str() > "2000-01-01T00:00:00.000Z",
        "updated_at did not move: {updated}"
    );
    assert_eq!(version, 2);
    // Audit: inserts and the update are logged with the row after.
    let logged: i64 = db
        .query_row("SELECT count(*) FROM audit_log WHERE table_name = 'tasks'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(logged, 3);
    let after: String = db
        .query_row(
            "SELECT json_extract(after, '$.title') FROM audit_log WHERE table_name = 'tasks' AND action = 'update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(after, "Parent!");
    // The audit log is append-only.
    let err = db.execute("DELETE FROM audit_log", []).unwrap_err().to_string();
    assert!(err.contains("append-only"), "{err}");
    // Checks that SQLite can run still hold (enum labels, lengths, uuid form).
    assert!(db
        .execute(&format!("UPDATE tasks SET status = 'nope' WHERE id = '{t1}'"), [])
        .is_err());
    assert!(db
        .execute("INSERT INTO users (id, email) VALUES ('short', 'b@example.com')", [])
        .is_err());
    // ON DELETE SET NULL on the self-reference works without nulling the tenant.
    db.execute(&format!("DELETE FROM tasks WHERE id = '{t1}'"), []).unwrap();
    let parent: Option<String> = db
        .query_row(&format!("SELECT parent_id FROM tasks WHERE id = '{t2}'"), [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(parent, None);
}

#[test]
fn shop_money_is_exact_integer_units_and_json_is_checked() {
    let path = examples().into_iter().find(|p| p.ends_with("shop.plinth")).unwrap();
    let schema = designed(&path);
    let db = apply(&schema);
    let insert = |price: &str, attributes: &str| {
        db.execute(
            &format!(
                "INSERT INTO products (sku, name, price, attributes) VALUES (lower(hex(randomblob(8))), 'Mug', \
                 {price}, {attributes})"
            ),
            [],
        )
    };
    // decimal(19, 4) money: an integer count of 1/10000 units.
    insert("99900", "'{\"colour\": \"red\"}'").unwrap();
    assert!(
        insert("9.99", "NULL").is_err(),
        "a fractional money value must be refused"
    );
    assert!(insert("-1", "NULL").is_err(), "the spec's price >= 0 check still holds");
    assert!(insert("100", "'not json'").is_err(), "json columns hold valid JSON");
    insta::assert_snapshot!("shop_sqlite_ddl", plinth_sqlite::emit_script(&schema));
    let decisions: Vec<String> = schema
        .decisions
        .iter()
        .filter(|d| d.rule.starts_with("sqlite-"))
        .map(|d| format!("{} [{}]: {}", d.subject, d.rule, d.why))
        .collect();
    insta::assert_snapshot!("shop_sqlite_decisions", decisions.join("\n"));
}
