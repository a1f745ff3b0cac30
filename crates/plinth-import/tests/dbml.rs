//! The DBML importer on a realistic shop file: the model, the DDL it
//! emits, and that DDL applied to a real PostgreSQL.

mod common;

use plinth_import::import_dbml;

const SHOP: &str = include_str!("fixtures/shop.dbml");

#[test]
fn shop_imports_without_warnings() {
    let r = import_dbml(SHOP);
    assert!(r.warnings.is_empty(), "{:#?}", r.warnings);
    insta::assert_snapshot!("shop_dbml_model", common::dump(&r.schema));
    insta::assert_snapshot!("shop_dbml_sql", plinth_postgres::emit_script(&r.schema));
}

#[test]
fn shop_applies_on_postgres() {
    common::apply_on_postgres(&import_dbml(SHOP).schema);
}

#[test]
fn truncations_never_panic_and_are_located() {
    common::truncations(SHOP, |s| import_dbml(s).warnings);
}

#[test]
fn unknown_things_are_located_warnings() {
    let r = import_dbml(
        "Table a {\n  id int [pk, frob]\n  x int [ref: > nowhere.id]\n}\nTablePartial p { y int }\nRef: a.id ~ b.id\n",
    );
    let lines: Vec<(usize, &str)> = r.warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
    insta::assert_debug_snapshot!(lines);
}
