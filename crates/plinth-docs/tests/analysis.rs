//! The shared facts: the creation order agrees with the emitter, the
//! examples pass the review checklist, a deliberately bad model fails
//! exactly the items it breaks, and relationships, indexes and queries say
//! what the design decided.

mod common;

use plinth_docs::analysis::{self, Cardinality, CheckStatus, Serves, StepKind, Tenancy};
use plinth_model::{
    Column, ColumnRole, DialectKind, FkAction, ForeignKey, Index, IndexPurpose, LogicalType, PhysicalType, Predicate,
    PrimaryKey, Schema, Table, Target, UniqueConstraint,
};

#[test]
fn creation_order_is_the_emitters_statement_order() {
    for (name, schema) in common::examples() {
        let plan: Vec<String> = analysis::creation_order(&schema)
            .into_iter()
            .map(|s| s.object)
            .collect();
        let emitted: Vec<String> = plinth_postgres::emit(&schema).into_iter().map(|s| s.object).collect();
        assert_eq!(plan, emitted, "{name}");
    }
}

fn target() -> Target {
    Target {
        dialect: DialectKind::Postgres,
        version: 15,
    }
}

fn col(name: &str, physical: PhysicalType) -> Column {
    Column::new(name, LogicalType::Other(String::new()), physical)
}

fn keyed(name: &str) -> Table {
    let mut t = Table::new(name);
    t.columns.push(col("id", PhysicalType::Uuid));
    t.primary_key = Some(PrimaryKey {
        name: format!("{name}_pkey"),
        columns: vec!["id".into()],
    });
    t
}

#[test]
fn a_reference_cycle_is_closed_after_every_table_exists() {
    let mut s = Schema::new(target());
    let mut a = keyed("a");
    a.columns.push(col("b_id", PhysicalType::Uuid));
    a.foreign_keys.push(ForeignKey::new(
        "a_b_id_fkey".into(),
        vec!["b_id".into()],
        "b".into(),
        vec!["id".into()],
        FkAction::SetNull,
    ));
    let mut b = keyed("b");
    b.columns.push(col("a_id", PhysicalType::Uuid));
    b.foreign_keys.push(ForeignKey::new(
        "b_a_id_fkey".into(),
        vec!["a_id".into()],
        "a".into(),
        vec!["id".into()],
        FkAction::Cascade,
    ));
    s.tables = vec![a, b];
    let plan = analysis::creation_order(&s);
    let kinds: Vec<(StepKind, &str)> = plan.iter().map(|p| (p.kind, p.object.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (StepKind::Table, "table a"),
            (StepKind::Table, "table b"),
            (StepKind::DeferredForeignKey, "foreign key a_b_id_fkey"),
        ]
    );
    let emitted: Vec<String> = plinth_postgres::emit(&s).into_iter().map(|s| s.object).collect();
    assert_eq!(plan.iter().map(|p| p.object.clone()).collect::<Vec<_>>(), emitted);
}

#[test]
fn every_example_passes_every_applicable_checklist_item() {
    for (name, schema) in common::examples() {
        let items = analysis::checklist(&schema);
        assert!(items.len() >= 12, "{name}: {} items", items.len());
        for item in &items {
            assert_ne!(item.status, CheckStatus::Fail, "{name}: {item:?}");
            assert!(item.failures.is_empty());
        }
    }
    let tt = analysis::checklist(&common::example("task-tracker"));
    let status = |id: &str| tt.iter().find(|i| i.id == id).unwrap().status;
    assert_eq!(status("rls-tenant-tables"), CheckStatus::Pass);
    assert_eq!(status("tenant-leads-uniques"), CheckStatus::Pass);
    let shop = analysis::checklist(&common::example("shop"));
    let status = |id: &str| shop.iter().find(|i| i.id == id).unwrap().status;
    assert_eq!(status("rls-tenant-tables"), CheckStatus::NotApplicable);
    assert_eq!(status("no-float-money"), CheckStatus::Pass);
}

/// A schema an importer might bring in: every item it breaks must fail,
/// naming the offending object, and nothing else may.
fn bad_schema() -> Schema {
    let mut s = Schema::new(target());
    // No primary key at all.
    let mut events = Table::new("events");
    events.columns.push(col("payload", PhysicalType::Other("json".into())));
    events.columns.push(col(
        "happened_at",
        PhysicalType::Other("timestamp without time zone".into()),
    ));

    let mut customers = keyed("customers");
    customers.columns.push(col("tenant_id", PhysicalType::Uuid));
    customers.columns.push(col("email", PhysicalType::Text));
    customers.columns.push(col("deleted_at", PhysicalType::Timestamptz));
    customers.tenant_column = Some("tenant_id".into());
    // Unique without the tenant, counting deleted rows; no RLS.
    customers.uniques.push(UniqueConstraint {
        name: "customers_email_key".into(),
        columns: vec!["email".into()],
        nulls_not_distinct: false,
        origin: None,
    });

    let mut orders = keyed("orders");
    orders.traits.timestamps = true; // ...but no created_at / updated_at
    orders.traits.versioned = true; // ...but no version trigger
    orders.columns.push(col("customer_id", PhysicalType::Uuid));
    orders.columns.push(col("customer_email", PhysicalType::Text));
    orders
        .columns
        .push(Column::new("total", LogicalType::Money, PhysicalType::Double));
    orders.columns.push(col("status", PhysicalType::Text));
    orders.columns.push(col("placed_at", PhysicalType::Timestamptz));
    orders.columns.push(col(&"x".repeat(70), PhysicalType::Text));
    // Not indexed: no index leads with customer_id.
    orders.foreign_keys.push(ForeignKey::new(
        "orders_customer_id_fkey".into(),
        vec!["customer_id".into()],
        "customers".into(),
        vec!["id".into()],
        FkAction::Restrict,
    ));
    // Indexed, but pointing at a column that is no key.
    orders.foreign_keys.push(ForeignKey::new(
        "orders_customer_email_fkey".into(),
        vec!["customer_email".into()],
        "customers".into(),
        vec!["email_lower".into()],
        FkAction::Restrict,
    ));
    orders.indexes.push(Index::btree(
        "orders_customer_email_idx",
        &["customer_email"],
        IndexPurpose::Imported,
    ));
    // (status) is a prefix of (status, placed_at).
    orders
        .indexes
        .push(Index::btree("orders_status_idx", &["status"], IndexPurpose::Imported));
    orders.indexes.push(Index::btree(
        "orders_status_placed_at_idx",
        &["status", "placed_at"],
        IndexPurpose::Imported,
    ));
    s.tables = vec![events, customers, orders];
    s
}

#[test]
fn a_bad_schema_fails_exactly_the_items_it_breaks() {
    let items = analysis::checklist(&bad_schema());
    let failed: Vec<&str> = items
        .iter()
        .filter(|i| i.status == CheckStatus::Fail)
        .map(|i| i.id)
        .collect();
    assert_eq!(
        failed,
        [
            "primary-key",
            "timestamps",
            "fk-indexed",
            "fk-targets-key",
            "no-float-money",
            "jsonb-only",
            "timestamptz-only",
            "rls-tenant-tables",
            "tenant-leads-uniques",
            "soft-delete-uniques",
            "identifier-length",
            "no-prefix-redundant-index",
            "trait-triggers",
        ]
    );
    let failures = |id: &str| items.iter().find(|i| i.id == id).unwrap().failures.join("\n");
    assert!(failures("primary-key").contains("`events`"));
    assert!(!failures("primary-key").contains("orders"));
    assert!(failures("fk-indexed").contains("orders_customer_id_fkey"));
    assert!(!failures("fk-indexed").contains("orders_customer_email_fkey"));
    assert!(failures("fk-targets-key").contains("orders_customer_email_fkey"));
    assert!(failures("no-float-money").contains("`orders.total` is double precision"));
    assert!(failures("jsonb-only").contains("`events.payload`"));
    assert!(failures("timestamptz-only").contains("`events.happened_at`"));
    assert!(!failures("timestamptz-only").contains("placed_at"));
    assert!(failures("rls-tenant-tables").contains("`customers`"));
    assert!(failures("tenant-leads-uniques").contains("customers_email_key"));
    assert!(failures("soft-delete-uniques").contains("customers_email_key"));
    assert!(failures("identifier-length").contains("70 bytes"));
    assert!(failures("no-prefix-redundant-index")
        .contains("`orders_status_idx` is a prefix of `orders_status_placed_at_idx`"));
    assert!(failures("trait-triggers").contains("`orders` is versioned"));
    assert!(failures("timestamps").contains("`orders` lacks created_at"));
}

#[test]
fn fixing_one_problem_passes_its_item() {
    let mut s = bad_schema();
    let orders = s.table_mut("orders").unwrap();
    orders.indexes.push(Index::btree(
        "orders_customer_id_idx",
        &["customer_id"],
        IndexPurpose::Imported,
    ));
    orders.indexes.retain(|i| i.name != "orders_status_idx");
    let items = analysis::checklist(&s);
    let status = |id: &str| items.iter().find(|i| i.id == id).unwrap().status;
    assert_eq!(status("fk-indexed"), CheckStatus::Pass);
    assert_eq!(status("no-prefix-redundant-index"), CheckStatus::Pass);
    // A partial index does not serve a foreign key (it misses rows).
    let orders = s.table_mut("orders").unwrap();
    orders.indexes.retain(|i| i.name != "orders_customer_id_idx");
    let mut partial = Index::btree("orders_customer_id_idx", &["customer_id"], IndexPurpose::Imported);
    partial.predicate = Some(Predicate::IsNull("deleted_at".into()));
    orders.indexes.push(partial);
    let items = analysis::checklist(&s);
    assert_eq!(
        items.iter().find(|i| i.id == "fk-indexed").unwrap().status,
        CheckStatus::Fail
    );
}

#[test]
fn relationships_carry_cardinality_on_delete_and_the_reason() {
    let s = common::example("task-tracker");
    let rels = analysis::relationships(&s);
    let parent = rels.iter().find(|r| r.constraint == "tasks_parent_id_fkey").unwrap();
    assert_eq!(parent.ref_table, "tasks");
    assert_eq!(parent.label, "parent");
    assert!(parent.optional);
    assert_eq!(parent.on_delete_text, "SET NULL (parent_id)");
    assert!(parent.reason.as_deref().unwrap().starts_with("ON DELETE SET NULL"));
    let tenant = rels.iter().find(|r| r.constraint == "tasks_workspace_id_fkey").unwrap();
    assert!(tenant.tenant && tenant.label == "tenant" && tenant.reason.is_some());
    let link = rels
        .iter()
        .find(|r| r.constraint == "task_assignees_assignee_id_fkey")
        .unwrap();
    assert!(link.junction && link.identifying);
    assert!(link.reason.as_deref().unwrap().contains("many-to-many"));
    assert!(
        rels.iter().all(|r| r.reason.is_some()),
        "every designed FK has a reason"
    );

    let m2m = analysis::many_to_many(&s);
    assert!(m2m
        .iter()
        .any(|m| m.junction == "task_assignees" && m.left == "tasks" && m.right == "users"));

    let one_to_one = common::design(
        "settings { dialect = postgres 15 }\nentity User { email email @unique }\nentity Profile { user -> User @unique\n bio text? }\n",
    );
    let rels = analysis::relationships(&one_to_one);
    let r = rels.iter().find(|r| r.table == "profiles").unwrap();
    assert_eq!(r.cardinality, Cardinality::OneToOne);
    assert_eq!(r.cardinality.label(), "1:1");
}

#[test]
fn every_foreign_key_is_served_by_some_index_plan_row() {
    for (name, s) in common::examples() {
        let plan = analysis::index_plan(&s);
        for t in &s.tables {
            for fk in &t.foreign_keys {
                assert!(
                    plan.iter().any(|row| row.table == t.name
                        && row
                            .serves
                            .iter()
                            .any(|sv| matches!(sv, Serves::ForeignKey { constraint, .. } if *constraint == fk.name))),
                    "{name}: {} is served by nothing",
                    fk.name
                );
            }
        }
    }
}

#[test]
fn queries_name_tables_volumes_and_their_index() {
    let s = common::example("task-tracker");
    let q = analysis::queries(&s);
    let board = q.iter().find(|q| q.name == "board").unwrap();
    assert_eq!(board.tables, ["tasks"]);
    assert_eq!(board.table_rows(), Some(10_000_000));
    assert_eq!(board.limit, Some(50));
    assert_eq!(
        board.indexes,
        [(
            "tasks".to_string(),
            "tasks_workspace_id_project_id_status_created_at_idx".to_string()
        )]
    );
    let mine = q.iter().find(|q| q.name == "my_open_tasks").unwrap();
    assert_eq!(mine.tables, ["tasks", "task_assignees"]);
}

#[test]
fn entities_show_tenancy_owner_and_lifecycle() {
    let s = common::example("task-tracker");
    let e = analysis::entities(&s);
    let row = |t: &str| e.iter().find(|r| r.table == t).unwrap();
    assert_eq!(row("workspaces").tenancy, Tenancy::Root);
    assert_eq!(row("users").tenancy, Tenancy::Global);
    assert_eq!(row("tasks").tenancy, Tenancy::Scoped("workspace_id".into()));
    assert_eq!(row("tasks").owner.as_deref(), Some("projects"));
    assert_eq!(
        row("tasks").lifecycle[0].states,
        ["todo", "in_progress", "blocked", "done"]
    );
    assert_eq!(row("tasks").lifecycle[0].initial.as_deref(), Some("todo"));
    assert!(row("tasks").traits.contains(&"versioned"));
    assert_eq!(row("tasks").group.as_deref(), Some("planning"));
    assert_eq!(row("comments").volume, Some(40_000_000));
    let o = analysis::overview(&s);
    assert_eq!(o.tables, s.tables.len());
    assert_eq!(o.target, "PostgreSQL 15");
    assert!(o.facts.iter().any(|f| f.contains("Multi-tenant")));
}

#[test]
fn field_rows_mark_keys_and_de_emphasise_convention_columns() {
    let s = common::example("task-tracker");
    let tasks = s.table("tasks").unwrap();
    let rows = analysis::fields(tasks);
    let row = |c: &str| rows.iter().find(|r| r.column == c).unwrap();
    assert!(row("id").primary_key);
    assert!(row("project_id").foreign_key);
    assert!(row("project_id").constraints.iter().any(|c| c.contains("→ projects")));
    assert!(row("workspace_id").de_emphasised && row("created_at").de_emphasised);
    assert!(!row("title").de_emphasised);
    assert_eq!(row("title").ty, "string(200) → text");
    assert!(row("title")
        .constraints
        .iter()
        .any(|c| c == "CHECK (char_length(title) <= 200)"));
    assert!(row("priority")
        .constraints
        .iter()
        .any(|c| c.contains("BETWEEN 1 AND 5")));
    assert_eq!(row("version").role, ColumnRole::Version);
    let slug = analysis::fields(s.table("workspaces").unwrap());
    assert!(slug
        .iter()
        .any(|r| r.column == "slug" && r.unique && r.constraints.contains(&"UNIQUE (live rows)".to_string())));
}
