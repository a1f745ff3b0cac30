//! Specs with declared primary keys (`@id`, `@@id`) are designed, applied
//! to a real PostgreSQL started by the sandbox, and every convention probe
//! passes. A missing PostgreSQL fails these tests; it never skips them.

use plinth_sandbox::{apply, run_probes, Sandbox};
use std::path::PathBuf;

fn sandbox() -> Sandbox {
    Sandbox::shared().unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"))
}

/// Single, composite (through a relation), referenced, tenant-scoped and
/// global keys, with every lifecycle convention on.
const BODY: &str = r#"
entity Workspace {
  name text
}

entity Book {
  isbn  string(13) @id
  title text @unique
}

entity Order @versioned {
  code   string(20) @id
  placed timestamp = now()
}

entity OrderLine {
  order    -> Order @on_delete(cascade)
  line_no  int
  book     -> Book
  quantity int = 1
  @@id(order, line_no)
  @@index(book, quantity)
}

entity Shipment {
  line    -> OrderLine?
  carrier text?
}

entity Ledger {
  code text
  @@id(workspace, code)
}

entity Entry @append_only {
  ledger -> Ledger
  amount money
}

entity Country @global {
  id   string(3) @id
  name text @unique
}

entity Address {
  country -> Country
  street  text
}
"#;

fn check_applies(name: &str, src: &str, sandbox: &Sandbox) {
    let checked = plinth_spec::check(src);
    let spec = checked.spec.unwrap_or_else(|| {
        panic!(
            "{name} is invalid:\n{}",
            plinth_spec::render(&checked.diagnostics, name, src, false)
        )
    });
    let schema = plinth_design::design(&spec);
    let statements = plinth_postgres::emit(&schema);
    let db = sandbox.fresh_database().unwrap();
    let report = apply(&mut db.client().unwrap(), &statements).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(report.applied, statements.len(), "{name}");
    let probes = run_probes(&db, &schema);
    assert!(probes.passed(), "{name}:\n{probes}");
    for t in schema.tables.iter().filter(|t| t.tenant_column.is_some()) {
        assert!(
            probes
                .get(plinth_sandbox::TENANT_ISOLATION, &t.name)
                .is_some_and(|r| r.passed),
            "{name}: {} not proven isolated:\n{probes}",
            t.name
        );
    }
}

#[test]
fn declared_keys_apply_and_pass_every_probe_under_each_ids_setting() {
    let sandbox = sandbox();
    for (ids, version) in [("uuidv7", 15), ("cuid2", 16), ("bigint_identity", 15)] {
        let src = format!(
            "settings {{\n  dialect = postgres {version}\n  ids = {ids}\n  tenant = Workspace\n  timestamps = true\n  soft_delete = true\n  audit = true\n}}\n{BODY}"
        );
        check_applies(&format!("natural-keys-{ids}.plinth"), &src, &sandbox);
    }
}

#[test]
fn declared_keys_without_tenancy_apply() {
    let sandbox = sandbox();
    let body = BODY
        .replace("  @@id(workspace, code)\n", "  @@id(code)\n")
        .replace(" @global", "");
    let src = format!("settings {{\n  dialect = postgres 15\n  soft_delete = false\n}}\n{body}");
    check_applies("natural-keys-single-tenant.plinth", &src, &sandbox);
}

#[test]
fn the_valid_natural_keys_spec_applies() {
    let sandbox = sandbox();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/specs/valid/natural-keys.plinth");
    let src = std::fs::read_to_string(&path).unwrap();
    check_applies("natural-keys.plinth", &src, &sandbox);
}

#[test]
fn on_update_cascade_keeps_referencing_rows_in_step_with_a_changed_natural_key() {
    let src = "settings {\n  timestamps = false\n  soft_delete = false\n}\n\
               entity Book {\n  isbn string(13) @id\n}\n\
               entity Review {\n  book -> Book @on_update(cascade)\n  stars int\n}\n\
               entity Loan {\n  book -> Book\n}\n";
    let checked = plinth_spec::check(src);
    let spec = checked.spec.unwrap_or_else(|| panic!("{:#?}", checked.diagnostics));
    let schema = plinth_design::design(&spec);
    let sandbox = sandbox();
    let db = sandbox.fresh_database().unwrap();
    let mut client = db.client().unwrap();
    apply(&mut client, &plinth_postgres::emit(&schema)).unwrap();
    client
        .batch_execute(
            "INSERT INTO books (isbn) VALUES ('978-0'), ('978-1');\n\
             INSERT INTO reviews (book_isbn, stars) VALUES ('978-0', 5);\n\
             INSERT INTO loans (book_isbn) VALUES ('978-1');\n\
             UPDATE books SET isbn = '978-9' WHERE isbn = '978-0';",
        )
        .unwrap();
    let moved: String = client.query_one("SELECT book_isbn FROM reviews", &[]).unwrap().get(0);
    assert_eq!(moved, "978-9", "ON UPDATE CASCADE carried the new key");
    // Without @on_update the key of a referenced book cannot change.
    let refused = client.batch_execute("UPDATE books SET isbn = '978-8' WHERE isbn = '978-1'");
    assert!(refused.is_err(), "a referenced key changed without @on_update");
}
