//! Reserved words, mixed case and embedded quotes as entity and field names:
//! the SQL applies, and every name comes back from pg_catalog exactly.

use plinth_sandbox::{apply, introspect, Sandbox};

const SPEC: &str = r#"
settings {
  dialect = postgres 15
  tenant  = "group"
  soft_delete = true
  audit = true
}

entity "group" @global {
  "select" text
}

entity User @global {
  "order" int
}

entity Order {
  "user"    -> User
  "from"    text @unique
  "Where Is" text?
}

entity "MixedCase" {
  "CamelField"   text
  "quote""inside" text?
  "table"        -> Order?
  tags           <-> "Tag ""quoted"""
}

entity "Tag ""quoted""" {
  "limit" int = 10
}
"#;

#[test]
fn hostile_names_apply_and_round_trip_exactly() {
    let checked = plinth_spec::check(SPEC);
    let spec = checked.spec.unwrap_or_else(|| {
        panic!(
            "{}",
            plinth_spec::render(&checked.diagnostics, "hostile.plinth", SPEC, false)
        )
    });
    let schema = plinth_design::design(&spec);
    let sandbox = Sandbox::shared().expect("PostgreSQL is required for this test");
    let db = sandbox.fresh_database().unwrap();
    let mut client = db.client().unwrap();
    apply(&mut client, &plinth_postgres::emit(&schema)).unwrap_or_else(|e| panic!("{e}"));
    let catalog = introspect(&mut client, "public").unwrap();

    let mut expected: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    expected.sort_unstable();
    let mut actual = catalog.table_names();
    actual.sort_unstable();
    assert_eq!(actual, expected);
    for name in ["group", "users", "orders", "MixedCase", "Tag \"quoted\""] {
        assert!(expected.contains(&name), "{name} missing from {expected:?}");
    }
    for t in &schema.tables {
        let info = catalog.table(&t.name).unwrap();
        let want: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(info.column_names(), want, "columns of {}", t.name);
        for ix in &t.indexes {
            assert!(info.index(&ix.name).is_some(), "index {} on {}", ix.name, t.name);
        }
        for fk in &t.foreign_keys {
            assert!(info.constraint(&fk.name).is_some(), "fk {} on {}", fk.name, t.name);
        }
    }
    let mixed = catalog.table("MixedCase").unwrap();
    assert!(mixed.column("CamelField").is_some());
    assert!(mixed.column("quote\"inside").is_some());
    assert!(mixed.column("table").is_some());
    assert!(catalog.table("orders").unwrap().column("Where Is").is_some());
}
