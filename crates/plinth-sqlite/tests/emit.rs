//! The emitted DDL, as text: constraints inline, names quoted only when
//! needed, deterministic (the same model twice gives the same bytes).

use plinth_sqlite::{emit_script, import_sql};

const FEATURES: &str = r#"
CREATE TABLE "order" (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  "customer name" TEXT NOT NULL COLLATE NOCASE,
  total NUMERIC(10,2) NOT NULL DEFAULT 0 CHECK (total >= 0),
  placed_at TEXT DEFAULT CURRENT_TIMESTAMP,
  code TEXT GENERATED ALWAYS AS ('O-' || id) VIRTUAL,
  parent INTEGER REFERENCES "order" (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
  UNIQUE ("customer name", placed_at)
);
CREATE TABLE kv (k TEXT PRIMARY KEY, v ANY) WITHOUT ROWID, STRICT;
CREATE TABLE legacy (k INTEGER PRIMARY KEY DESC);
CREATE INDEX order_open ON "order" (placed_at DESC, lower("customer name")) WHERE total > 0;
CREATE VIEW big AS SELECT id FROM "order" WHERE total > 100;
PRAGMA journal_mode = WAL;
"#;

#[test]
fn features_emit_as_expected() {
    let schema = import_sql(FEATURES).schema;
    let sql = emit_script(&schema);
    assert_eq!(sql, emit_script(&import_sql(FEATURES).schema), "deterministic");
    insta::assert_snapshot!(sql);
}

#[test]
fn sakila_emits_as_expected() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = here
        .ancestors()
        .flat_map(|up| {
            [
                up.join("shared/corpus/schemas/sakila/sqlite-sakila-schema.sql"),
                up.join("../shared/corpus/schemas/sakila/sqlite-sakila-schema.sql"),
            ]
        })
        .find(|p| p.is_file())
        .expect("the corpus file sakila/sqlite-sakila-schema.sql");
    let text = std::fs::read_to_string(file).unwrap();
    insta::assert_snapshot!(emit_script(&import_sql(&text).schema));
}
