//! Row synthesis against the hand-written DDL: every table gets a valid row,
//! required parents are created in the same tenant, nullable columns stay
//! NULL unless forced, and impossible requests fail with a clear reason.

mod common;

use plinth_model::{FkAction, ForeignKey, KeyKind, LogicalType as L, PhysicalType as P, PrimaryKey, Schema, Table};
use plinth_sandbox::{RowFactory, Sandbox, SynthError, Value};

#[test]
fn every_table_gets_a_valid_row() {
    let sandbox = Sandbox::shared().unwrap_or_else(|e| panic!("{e}"));
    let db = sandbox.fresh_database().unwrap();
    common::apply_ddl(&db, &common::ddl());
    let schema = common::schema();
    let f = RowFactory::new(&schema);
    let mut client = db.client().unwrap();
    for t in &schema.tables {
        for _ in 0..3 {
            // Three rows each: generated uniques must not collide.
            f.insert(&mut client, &t.name, None, &[])
                .unwrap_or_else(|e| panic!("{}: {e}", t.name));
        }
    }

    let tag = f.insert(&mut client, "tags", None, &[]).unwrap();
    let id = tag.get("id").unwrap();
    assert_eq!(id.len(), 24);
    assert!(id.starts_with(|c: char| c.is_ascii_lowercase()), "{id}");
    assert!(tag.get("label").unwrap().chars().count() <= 12);
    assert_eq!(tag.get("color"), Some("red"));
    assert_eq!(tag.get("note"), None, "nullable columns stay NULL");
    assert_eq!(tag.get("ttl"), Some("01:00:00"));
    assert!(tag.get("contact").unwrap().ends_with("@example.com"));
    assert!(tag.get("site").unwrap().starts_with("https://example.com/"));
    let share: f64 = tag.get("share").unwrap().parse().unwrap();
    assert!((0.0..=100.0).contains(&share));
    assert_eq!(tag.key, ["id"]);
    assert_eq!(tag.key_predicate(), format!("\"id\" = '{id}'"));
}

#[test]
fn parents_are_created_in_the_same_tenant() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    common::apply_ddl(&db, &common::ddl());
    let schema = common::schema();
    let f = RowFactory::new(&schema);
    let mut client = db.client().unwrap();

    let tenant = f.tenant(&mut client).unwrap();
    let task = f
        .insert(&mut client, "tasks", Some(&tenant), &[("due_date", Value::Generate)])
        .unwrap();
    assert_eq!(task.get("workspace_id"), tenant.as_text());
    assert_eq!(task.get("status"), Some("todo"), "defaults are left to the database");
    assert_eq!(task.get("version"), Some("1"));
    assert_eq!(
        task.get("due_date"),
        Some("2024-01-02"),
        "Generate fills a nullable column"
    );
    assert_eq!(task.get("assignee_id"), None, "optional references stay NULL");
    let project_tenant: String = client
        .query_one(
            "SELECT workspace_id::text FROM projects WHERE id = $1::text::uuid",
            &[&task.get("project_id").unwrap()],
        )
        .unwrap()
        .get(0);
    assert_eq!(Some(project_tenant.as_str()), tenant.as_text());

    // Without a tenant, a new one is created.
    let other = f
        .insert(&mut client, "events", None, &[("kind", Value::text("signup"))])
        .unwrap();
    assert_ne!(other.get("workspace_id"), tenant.as_text());
    assert_eq!(other.get("kind"), Some("signup"));

    // insert_sql creates parents but not the row itself.
    let before: i64 = client.query_one("SELECT count(*) FROM tasks", &[]).unwrap().get(0);
    let sql = f.insert_sql(&mut client, "tasks", Some(&tenant), &[]).unwrap();
    let after: i64 = client.query_one("SELECT count(*) FROM tasks", &[]).unwrap().get(0);
    assert_eq!(before, after);
    let row = f.execute_insert(&mut client, "tasks", &sql).unwrap();
    assert_eq!(row.get("workspace_id"), tenant.as_text());
}

#[test]
fn server_rejections_and_impossible_rows_are_errors() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    common::apply_ddl(&db, &common::ddl());
    let schema = common::schema();
    let f = RowFactory::new(&schema);
    let mut client = db.client().unwrap();

    let err = f
        .insert(&mut client, "tasks", None, &[("title", Value::text("x".repeat(30)))])
        .unwrap_err();
    assert_eq!(err.code(), Some("23514"), "{err}");
    assert!(err.to_string().contains("tasks_title_check"), "{err}");
    assert!(matches!(
        f.insert(&mut client, "nope", None, &[]),
        Err(SynthError::UnknownTable(_))
    ));
    assert!(matches!(
        f.insert(&mut client, "tags", None, &[("nope", Value::Null)]),
        Err(SynthError::UnknownColumn { .. })
    ));

    let mut cyclic = Schema::new(schema.target);
    let mut nodes = Table::new("nodes");
    nodes
        .columns
        .push(common::column("id", L::Key(KeyKind::BigintIdentity), P::BigInt, false));
    nodes
        .columns
        .push(common::column("parent_id", L::BigInt, P::BigInt, false));
    nodes.primary_key = Some(PrimaryKey {
        name: "nodes_pkey".into(),
        columns: vec!["id".into()],
    });
    nodes.foreign_keys.push(ForeignKey::new(
        "nodes_parent_id_fkey".into(),
        vec!["parent_id".into()],
        "nodes".into(),
        vec!["id".into()],
        FkAction::Restrict,
    ));
    cyclic.tables.push(nodes);
    let f = RowFactory::new(&cyclic);
    assert_eq!(
        f.insert(&mut client, "nodes", None, &[]).unwrap_err(),
        SynthError::Cycle("nodes".into())
    );
    assert_eq!(f.tenant(&mut client).unwrap_err(), SynthError::NoTenantRoot);
}

#[test]
fn mutations_change_a_user_field() {
    let schema = common::schema();
    let f = RowFactory::new(&schema);
    let (col, _, changes) = f.mutation(schema.table("tasks").unwrap());
    assert_eq!((col.as_str(), changes), ("title", true));
    let (col, expr, changes) = f.mutation(schema.table("audit_log").unwrap());
    assert_eq!((col.as_str(), changes), ("actor", true), "{expr}");
    let mut keys_only = Table::new("pairs");
    keys_only.columns.push(common::column("a", L::BigInt, P::BigInt, false));
    keys_only.primary_key = Some(PrimaryKey {
        name: "pairs_pkey".into(),
        columns: vec!["a".into()],
    });
    assert_eq!(f.mutation(&keys_only), ("a".to_string(), "\"a\"".to_string(), false));
}
