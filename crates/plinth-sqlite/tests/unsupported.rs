//! A script mixing what the model holds with what it cannot: every
//! unsupported statement is a warning at its line:col and an opaque object
//! (nothing silently lost); views and triggers are named opaque objects
//! with their SQL; bad input never panics.

use plinth_sqlite::{emit, import_sql};
use rusqlite::Connection;

const MIXED: &str = "PRAGMA foreign_keys = ON;
ATTACH DATABASE 'other.db' AS other;
CREATE TABLE item (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE ON CONFLICT REPLACE
);
  CREATE VIRTUAL TABLE item_search USING fts5(name);
CREATE TEMP TABLE scratch (x);
CREATE TABLE copy AS SELECT * FROM item;
CREATE VIEW named_items AS SELECT name FROM item WHERE name <> '';
CREATE TRIGGER item_guard BEFORE DELETE ON item
BEGIN
  SELECT RAISE(ABORT, 'no; never') WHERE old.id = 1;
END;
INSERT INTO item (name) VALUES ('a; b');
VACUUM;
CREATE TABLE broken (a INT CHECK);
DETACH other;
CREATE TABLE tagged (name TEXT, UNIQUE (name COLLATE NOCASE));
";

#[test]
fn every_unsupported_statement_is_a_located_warning_and_an_opaque_object() {
    let r = import_sql(MIXED);
    let found: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    let text = found.join("\n");
    // (line, col, words the message must contain)
    let expected: &[(usize, usize, &str)] = &[
        (1, 1, "PRAGMA"),
        (2, 1, "ATTACH"),
        (3, 1, "ON CONFLICT"),
        (7, 3, "virtual table `item_search` (module fts5)"),
        (8, 1, "temporary table `scratch`"),
        (9, 1, "AS SELECT"),
        (15, 1, "skipped 1 data statement(s): 1 INSERT"),
        (16, 1, "vacuum"),
        (17, 33, "not understood"),
        (18, 1, "ATTACH/DETACH"),
        (19, 1, "UNIQUE (name COLLATE NOCASE) is not modelled"),
    ];
    for (line, col, words) in expected {
        assert!(
            r.warnings
                .iter()
                .any(|w| w.line == *line && w.col == *col && w.message.contains(words)),
            "no warning at {line}:{col} containing `{words}`; warnings:\n{text}"
        );
    }
    assert_eq!(r.warnings.len(), expected.len(), "{text}");

    // Each unsupported statement is kept, with its text.
    let kept = |kind: &str, name: &str| {
        r.schema
            .opaque
            .iter()
            .find(|o| o.kind == kind && o.name == name)
            .unwrap_or_else(|| panic!("no opaque {kind} {name}: {:#?}", r.schema.opaque))
    };
    assert_eq!(kept("pragma", "foreign_keys").sql, "PRAGMA foreign_keys = ON");
    assert!(kept("attach", "DATABASE").sql.contains("'other.db'"));
    assert!(kept("virtual table", "item_search")
        .sql
        .starts_with("CREATE VIRTUAL TABLE item_search USING fts5"));
    assert!(kept("temporary table", "scratch").sql.contains("(x)"));
    assert!(kept("table as select", "copy").sql.contains("SELECT * FROM item"));
    assert_eq!(kept("vacuum", "statement 10").sql, "VACUUM");
    assert!(kept("unparsed", "statement 11").sql.contains("CHECK"));
    assert!(kept("detach", "other").sql.contains("DETACH"));
    // Views and triggers: named, with their SQL as SQLite stores it (the
    // trigger body keeps its inner semicolons, even inside a string).
    assert_eq!(
        kept("view", "named_items").sql,
        "CREATE VIEW named_items AS SELECT name FROM item WHERE name <> ''"
    );
    let trigger = kept("trigger", "item_guard");
    assert!(trigger.sql.ends_with("END"), "{}", trigger.sql);
    assert!(trigger.sql.contains("'no; never'"));
    assert_eq!(trigger.depends_on, vec!["item".to_string()]);
    // The table itself is in the model, unique kept (without ON CONFLICT).
    let item = r.schema.table("item").expect("table item");
    assert_eq!(item.uniques.len(), 1);
    assert!(r.schema.table("copy").is_none() && r.schema.table("scratch").is_none());

    // The emitted DDL runs on SQLite: what SQLite cannot hold in a schema is
    // written as comments, the rest (view, trigger, virtual table) runs.
    let db = Connection::open_in_memory().unwrap();
    for st in emit(&r.schema) {
        db.execute_batch(&st.sql).unwrap_or_else(|e| panic!("{e}\n{}", st.sql));
    }
    let names: Vec<String> = db
        .prepare("SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'item_search_%' ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        names,
        [
            "index sqlite_autoindex_item_1",
            "index sqlite_autoindex_tagged_1",
            "table item",
            "table item_search",
            "table tagged",
            "trigger item_guard",
            "view named_items"
        ]
    );
}

#[test]
fn hostile_input_never_panics() {
    for src in [
        "",
        ";;;",
        "CREATE",
        "CREATE TABLE",
        "CREATE TABLE t (",
        "CREATE TABLE t (a INT DEFAULT",
        "CREATE TABLE t (a INT REFERENCES)",
        "CREATE INDEX i ON",
        "CREATE TRIGGER t BEGIN",
        "CREATE TABLE 't' ('unterminated",
        "CREATE TABLE [x (a)",
        "/* open comment",
        "DROP",
        "ALTER TABLE nope ADD COLUMN x",
        "CREATE TABLE t (a) WITHOUT",
        "CREATE VIRTUAL",
        "\u{feff}CREATE TABLE é (ü TEXT)",
    ] {
        let r = import_sql(src);
        for w in &r.warnings {
            assert!(w.line >= 1 && w.col >= 1 && w.span.end <= src.len(), "{src}: {w}");
        }
        // Whatever was kept re-emits without panicking.
        let _ = emit(&r.schema);
    }
}

/// Every prefix of a real file (cut mid-statement, mid-string, mid-comment)
/// imports without panicking, and every warning points inside the text.
#[test]
fn every_prefix_of_a_real_file_imports_without_panicking() {
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
    let cuts: Vec<usize> = (0..text.len())
        .step_by(37)
        .filter(|i| text.is_char_boundary(*i))
        .collect();
    assert!(cuts.len() > 300);
    for cut in cuts {
        let prefix = &text[..cut];
        let r = import_sql(prefix);
        for w in &r.warnings {
            assert!(w.span.end <= prefix.len(), "cut {cut}: {w}");
        }
        let _ = emit(&r.schema);
    }
}
