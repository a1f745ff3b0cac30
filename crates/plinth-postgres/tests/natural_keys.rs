//! Declared primary keys (`@id`, `@@id`): no surrogate `id`, references use
//! the key's columns and types, tenancy adds the tenant column once.

mod common;

use common::{design, sql_and_decisions};

#[test]
fn single_natural_key_is_the_primary_key_and_referenced_by_its_type() {
    let src = r#"
settings {
  dialect = postgres 16
  timestamps = false
}
entity Book {
  isbn  string(13) @id
  title text
}
entity Review {
  book  -> Book
  stars smallint
}
entity Country {
  id   string(3) @id
  name text
}
entity Address {
  country -> Country?
  street  text
}
"#;
    let schema = design(src);
    let books = schema.table("books").unwrap();
    assert!(!books.has_column("id"));
    assert_eq!(books.primary_key.as_ref().unwrap().columns, ["isbn"]);
    let reviews = schema.table("reviews").unwrap();
    let fk = &reviews.foreign_keys[0];
    assert_eq!(
        (fk.columns.as_slice(), fk.ref_columns.as_slice()),
        (&["book_isbn".to_string()][..], &["isbn".to_string()][..])
    );
    assert_eq!(
        reviews.column("book_isbn").unwrap().physical,
        books.column("isbn").unwrap().physical
    );
    // A key column named `id` keeps the `<field>_id` naming.
    let addresses = schema.table("addresses").unwrap();
    assert!(addresses.has_column("country_id"));
    assert_eq!(
        schema.table("countries").unwrap().primary_key.as_ref().unwrap().columns,
        ["id"]
    );
    assert!(schema
        .decisions
        .iter()
        .any(|d| d.rule == "natural-key" && d.subject == "books"));
    insta::assert_snapshot!(sql_and_decisions(src));
}

#[test]
fn composite_keys_are_referenced_column_by_column_and_tenant_once() {
    let src = r#"
settings {
  dialect = postgres 16
  tenant = Workspace
  timestamps = false
}
entity Workspace { name text }
entity Order {
  code string(20) @id
}
entity OrderLine {
  order   -> Order @on_delete(cascade)
  line_no int
  @@id(order, line_no)
}
entity Shipment {
  line -> OrderLine?
}
entity Ledger {
  code text
  @@id(workspace, code)
}
entity Entry {
  ledger -> Ledger
  amount money
}
"#;
    let schema = design(src);
    let lines = schema.table("order_lines").unwrap();
    assert_eq!(lines.primary_key.as_ref().unwrap().columns, ["order_code", "line_no"]);
    let to_orders = lines.foreign_keys.iter().find(|f| f.ref_table == "orders").unwrap();
    assert_eq!(to_orders.columns, ["workspace_id", "order_code"]);
    assert_eq!(to_orders.ref_columns, ["workspace_id", "code"]);
    let shipments = schema.table("shipments").unwrap();
    let to_lines = shipments
        .foreign_keys
        .iter()
        .find(|f| f.ref_table == "order_lines")
        .unwrap();
    assert_eq!(to_lines.columns, ["workspace_id", "line_order_code", "line_line_no"]);
    assert_eq!(to_lines.ref_columns, ["workspace_id", "order_code", "line_no"]);
    assert_eq!(
        to_lines.set_null_columns.as_deref(),
        Some(&["line_order_code".to_string(), "line_line_no".to_string()][..])
    );
    // The tenant is already in Ledger's key: no second tenant column, no
    // extra UNIQUE (tenant, key).
    let entries = schema.table("entries").unwrap();
    assert_eq!(
        entries.columns.iter().filter(|c| c.name.contains("workspace")).count(),
        1
    );
    let to_ledger = entries.foreign_keys.iter().find(|f| f.ref_table == "ledgers").unwrap();
    assert_eq!(to_ledger.columns, ["workspace_id", "ledger_code"]);
    assert_eq!(to_ledger.ref_columns, ["workspace_id", "code"]);
    assert!(schema.table("ledgers").unwrap().uniques.is_empty());
    insta::assert_snapshot!(sql_and_decisions(src));
}
