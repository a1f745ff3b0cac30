//! Focused cases, one or more per design pass: the emitted SQL and the
//! decision log are snapshotted, and the property each pass promises is
//! asserted directly so a wrong snapshot cannot be accepted by accident.

mod common;

use common::{design, sql_and_decisions};
use plinth_model::{FkAction, IndexPurpose, Predicate};

#[test]
fn naming_inflects_overrides_keeps_quoted_and_fits_long_names() {
    let src = r#"
settings {
  dialect = postgres 15
  timestamps = false
}
entity Person { name text }
entity Category { name text }
entity Status { label text }
entity Media { url url }
entity OrderItem { qty int }
entity "Order ""Line""" { qty int }
entity ThisIsAnExtraordinarilyLongEntityNameThatGoesOnAndOnPastTheLimit { value int }
"#;
    let s = design(src);
    let names: Vec<&str> = s.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        &names[..6],
        [
            "people",
            "categories",
            "statuses",
            "media",
            "order_items",
            "Order \"Line\""
        ]
    );
    assert!(names[6].len() <= 63, "{}", names[6]);
    insta::assert_snapshot!(sql_and_decisions(src));
}

#[test]
fn types_are_exact_and_checked() {
    let src = r#"
settings { timestamps = false }
entity Sample {
  title    string(120)
  contact  email
  handle   slug
  homepage url?
  price    money
  share    percent
  ratio    float
  at       timestamp
  meta     json
  state    enum(draft, live) = draft
  span     duration?
  blob     bytes?
  exact    decimal(10, 3)
}
"#;
    let sql = sql_and_decisions(src);
    assert!(sql.contains("price    numeric(19,4) NOT NULL"), "{sql}");
    assert!(sql.contains("at       timestamptz NOT NULL"), "{sql}");
    assert!(sql.contains("meta     jsonb NOT NULL"), "{sql}");
    assert!(sql.contains("char_length(title) <= 120"), "{sql}");
    let ddl = plinth_postgres::emit_script(&design(src));
    assert!(!ddl.contains("varchar"), "{ddl}");
    insta::assert_snapshot!(sql);
}

#[test]
fn native_enums_when_asked() {
    let src = r#"
settings { enums = native
  timestamps = false }
enum Mood { happy, sad }
entity Diary { mood Mood = happy }
"#;
    let sql = sql_and_decisions(src);
    assert!(sql.contains("CREATE TYPE mood AS ENUM ('happy', 'sad');"), "{sql}");
    insta::assert_snapshot!(sql);
}

#[test]
fn keys_follow_the_ids_setting_and_version() {
    for (ids, version) in [("uuidv7", 15), ("uuidv7", 18), ("cuid2", 16), ("bigint_identity", 13)] {
        let src = format!("settings {{\n  dialect = postgres {version}\n  ids = {ids}\n  timestamps = false\n}}\nentity Note {{ body text }}\n");
        let sql = sql_and_decisions(&src);
        match (ids, version) {
            ("uuidv7", 15) => {
                assert!(sql.contains("DEFAULT plinth_uuidv7()") && sql.contains("CREATE FUNCTION plinth_uuidv7()"))
            }
            ("uuidv7", 18) => {
                assert!(sql.contains("DEFAULT uuidv7()") && !sql.contains("CREATE FUNCTION plinth_uuidv7"))
            }
            ("cuid2", _) => {
                assert!(sql.contains("id   text NOT NULL,") || sql.contains("id text NOT NULL"))
            }
            _ => assert!(sql.contains("GENERATED ALWAYS AS IDENTITY")),
        }
        insta::assert_snapshot!(format!("keys_{ids}_pg{version}"), sql);
    }
}

const TENANT_SPEC: &str = r#"
settings {
  dialect = postgres 15
  tenant = Team
  timestamps = false
}
entity Team @global { name text }
entity User @global { email email @unique }
entity Board { title text }
entity Card {
  board    -> Board
  parent   -> Card?
  owner    -> User
  title    text
  tags     <-> Tag
}
entity Tag { name text @unique }
"#;

#[test]
fn tenancy_puts_the_tenant_first_and_in_every_fk_between_tenant_tables() {
    let s = design(TENANT_SPEC);
    let card = s.table("cards").unwrap();
    assert_eq!(card.columns[1].name, "team_id");
    let board_fk = card.foreign_keys.iter().find(|f| f.ref_table == "boards").unwrap();
    assert_eq!(board_fk.columns, ["team_id", "board_id"]);
    assert_eq!(board_fk.on_delete, FkAction::Cascade);
    let parent_fk = card
        .foreign_keys
        .iter()
        .find(|f| f.columns.contains(&"parent_id".to_string()))
        .unwrap();
    assert_eq!(
        parent_fk.set_null_columns.as_deref(),
        Some(&["parent_id".to_string()][..])
    );
    let owner_fk = card.foreign_keys.iter().find(|f| f.ref_table == "users").unwrap();
    assert_eq!(
        owner_fk.columns,
        ["owner_id"],
        "global targets are referenced by id alone"
    );
    assert_eq!(
        owner_fk.on_delete,
        FkAction::Restrict,
        "a second required relation is a reference"
    );
    let tag = s.table("tags").unwrap();
    assert!(
        tag.uniques.iter().any(|u| u.columns == ["team_id", "name"]),
        "unique per tenant"
    );
    let junction = s.table("card_tags").unwrap();
    assert_eq!(
        junction.primary_key.as_ref().unwrap().columns,
        ["team_id", "card_id", "tag_id"]
    );
    assert!(s
        .tables
        .iter()
        .filter(|t| t.tenant_column.is_some())
        .all(|t| t.row_security.as_ref().is_some_and(|r| r.enabled && r.forced)));
    insta::assert_snapshot!(sql_and_decisions(TENANT_SPEC));
}

#[test]
fn before_postgres_15_optional_tenant_links_fall_back_to_id_only() {
    let src = TENANT_SPEC.replace("postgres 15", "postgres 14");
    let s = design(&src);
    let card = s.table("cards").unwrap();
    let parent_fk = card
        .foreign_keys
        .iter()
        .find(|f| f.columns.contains(&"parent_id".to_string()))
        .unwrap();
    assert_eq!(parent_fk.columns, ["parent_id"]);
    assert!(s.decisions.iter().any(|d| d.rule == "tenant-fk-set-null-fallback"));
}

#[test]
fn relations_choose_on_delete_on_purpose() {
    let src = r#"
settings { timestamps = false }
entity Customer { name text }
entity Product { name text }
entity Order {
  customer -> Customer
  note     text?
}
entity OrderLine {
  order   -> Order
  product -> Product
  gift_for -> Customer?
  qty     int
}
entity Profile {
  customer -> Customer @unique
  bio      text?
}
entity Event @append_only {
  order -> Order
  kind  text
}
entity Node {
  parent -> Node?
  label  text
}
"#;
    let s = design(src);
    let fk = |t: &str, c: &str| {
        s.table(t)
            .unwrap()
            .foreign_keys
            .iter()
            .find(|f| f.columns.last().unwrap() == c)
            .unwrap()
            .on_delete
    };
    assert_eq!(fk("order_lines", "order_id"), FkAction::Cascade);
    assert_eq!(fk("order_lines", "product_id"), FkAction::Restrict);
    assert_eq!(fk("order_lines", "gift_for_id"), FkAction::SetNull);
    assert_eq!(fk("events", "order_id"), FkAction::Restrict);
    assert_eq!(fk("nodes", "parent_id"), FkAction::SetNull);
    assert_eq!(
        s.table("profiles").unwrap().uniques[0].columns,
        ["customer_id"],
        "1:1 via a unique FK"
    );
    insta::assert_snapshot!(sql_and_decisions(src));
}

#[test]
fn fk_cycles_are_closed_with_alter_table() {
    let src = r#"
settings { timestamps = false }
entity Department {
  head -> Employee?
  name text
}
entity Employee {
  department -> Department
  name       text
}
"#;
    let sql = sql_and_decisions(src);
    let alter = sql
        .find("ALTER TABLE departments ADD CONSTRAINT departments_head_id_fkey")
        .expect("deferred FK");
    let create_emp = sql.find("CREATE TABLE employees").unwrap();
    assert!(create_emp < alter, "{sql}");
    insta::assert_snapshot!(sql);
}

#[test]
fn lifecycle_columns_and_triggers() {
    let src = r#"
settings {
  soft_delete = true
  audit = true
}
entity Account @versioned { handle slug @unique }
entity Ledger @append_only { amount money }
entity Setting @soft_delete(false) @audit(false) @timestamps(false) { key text @unique }
"#;
    let s = design(src);
    let account = s.table("accounts").unwrap();
    let cols: Vec<&str> = account.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        cols,
        [
            "id",
            "handle",
            "created_at",
            "updated_at",
            "deleted_at",
            "version",
            "created_by",
            "updated_by"
        ]
    );
    let unique = account.indexes.iter().find(|i| i.unique).unwrap();
    assert_eq!(unique.predicate, Some(Predicate::IsNull("deleted_at".into())));
    let ledger = s.table("ledgers").unwrap();
    assert!(ledger.triggers.iter().any(|t| t.routine == "plinth_reject_change"));
    assert!(!ledger.has_column("updated_at") && !ledger.has_column("deleted_at"));
    let setting = s.table("settings").unwrap();
    assert_eq!(setting.columns.len(), 2);
    assert_eq!(setting.uniques.len(), 1);
    assert!(s.table("audit_log").is_some());
    insta::assert_snapshot!(sql_and_decisions(src));
}

#[test]
fn indexes_cover_fks_serve_queries_and_drop_prefixes() {
    let src = r#"
settings {
  tenant = Shop
  soft_delete = true
}
entity Shop @global { name text }
entity Product {
  name  text
  sku   string(32) @unique
  price money
  @@index(name)
}
entity Review {
  product -> Product
  stars   int
}
query by_product "reviews of a product, newest first" {
  sql  = "SELECT * FROM reviews WHERE product_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC"
  rate = 100/s
}
query cheap "products under a price" {
  sql = "SELECT * FROM products WHERE price < $1"
}
query unknown "a table that does not exist" {
  sql = "SELECT * FROM nowhere WHERE x = 1"
}
"#;
    let s = design(src);
    let reviews = s.table("reviews").unwrap();
    let q = reviews
        .indexes
        .iter()
        .find(|i| i.purposes.contains(&IndexPurpose::Query("by_product".into())))
        .unwrap();
    assert_eq!(q.leading_columns(), ["shop_id", "product_id", "created_at"]);
    assert!(q.elements[2].descending);
    assert_eq!(q.predicate, Some(Predicate::IsNull("deleted_at".into())));
    // The FK (shop_id, product_id) needs a full index: the query index is partial.
    assert!(reviews
        .indexes
        .iter()
        .any(|i| i.predicate.is_none() && i.leading_columns() == ["shop_id", "product_id"]));
    // Every FK leads some full index or constraint.
    for t in &s.tables {
        for fk in &t.foreign_keys {
            let covered = t.indexes.iter().filter(|i| i.predicate.is_none()).any(|i| {
                i.leading_columns()
                    .starts_with(&fk.columns.iter().map(String::as_str).collect::<Vec<_>>())
            }) || t
                .primary_key
                .iter()
                .map(|p| &p.columns)
                .chain(t.uniques.iter().map(|u| &u.columns))
                .any(|c| c.starts_with(&fk.columns));
            assert!(covered, "{}: {:?} not indexed", t.name, fk.columns);
        }
    }
    assert!(s
        .decisions
        .iter()
        .any(|d| d.rule == "query-not-indexed" && d.subject == "query unknown"));
    insta::assert_snapshot!(sql_and_decisions(src));
}

#[test]
fn prefix_redundant_declared_index_is_dropped() {
    let src = r#"
settings { timestamps = false }
entity Event {
  kind text
  at   timestamp
  @@index(kind)
  @@index(kind, at)
}
"#;
    let s = design(src);
    let events = s.table("events").unwrap();
    assert_eq!(events.indexes.len(), 1);
    assert_eq!(events.indexes[0].leading_columns(), ["kind", "at"]);
    assert!(s.decisions.iter().any(|d| d.rule == "no-prefix-redundant-index"));
}
