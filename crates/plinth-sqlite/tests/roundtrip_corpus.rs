//! Round trip of the SQLite schemas of the real-world corpus
//! (`../shared/corpus`, see its README) on a real SQLite (rusqlite, bundled):
//!
//! (a) execute the original in a fresh database, introspect it → A;
//! (b) import the SQL text → B;
//! (c) emit B, execute it in another fresh database, introspect → C;
//!
//! and A == B == C under semantic equality (`plinth_model::equality`).
//! Every exception is a named, justified gap below; a difference no gap
//! explains fails the test.

use plinth_model::equality::{compare, CompareOptions, Difference, Report};
use plinth_model::Schema;
use plinth_sqlite::{emit, import_sql, inspect};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

mod common;
use common::stored_rows;

fn corpus() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for up in here.ancestors() {
        for c in [up.join("shared/corpus"), up.join("../shared/corpus")] {
            if c.is_dir() {
                return c;
            }
        }
    }
    panic!("the corpus (shared/corpus) was not found above {}", here.display());
}

/// A difference the round trip cannot remove, with the reason.
#[derive(Clone, Copy)]
struct Gap {
    /// Applies when the difference's text contains this.
    matches: &'static str,
    why: &'static str,
}

/// Gaps that hold for every file (none today: keep the list honest).
const COMMON_GAPS: &[Gap] = &[];

/// What the importer and the inspector claim to read that the two corpus
/// files do not exercise, in one script of the same round trip.
pub const KITCHEN_SINK: &str = r#"
-- Settings are not schema; the importer warns and keeps them (not run in C).
CREATE TABLE account (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  handle TEXT NOT NULL COLLATE NOCASE UNIQUE,
  email TEXT CONSTRAINT account_email_key UNIQUE,
  score INT DEFAULT (abs(-3)) CHECK (score >= 0),
  ratio REAL DEFAULT -1.5,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  doubled INTEGER GENERATED ALWAYS AS (score * 2) VIRTUAL,
  label TEXT AS (upper(handle)) STORED,
  CHECK (length(handle) BETWEEN 2 AND 40),
  CHECK (email IS NULL OR email LIKE '%@%')
);
CREATE TABLE "order" (
  "order id" INTEGER NOT NULL,
  account_id INTEGER REFERENCES account ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  "when" DATETIME,
  total NUMERIC(10,2) NOT NULL DEFAULT 0,
  PRIMARY KEY ("order id")
);
CREATE TABLE tag (name TEXT PRIMARY KEY, note BLOB) WITHOUT ROWID;
CREATE TABLE reading (at INTEGER NOT NULL, value REAL, kind TEXT NOT NULL DEFAULT 'x') STRICT;
CREATE TABLE pairs (a INT, b INT, PRIMARY KEY (a DESC, b)) WITHOUT ROWID, STRICT;
CREATE TABLE legacy (k INTEGER PRIMARY KEY DESC, v ANY);
CREATE TABLE intkey (k INT PRIMARY KEY, v TEXT CONSTRAINT only_a_name, CONSTRAINT lone);
CREATE TABLE order_tag (
  order_id INTEGER NOT NULL,
  tag TEXT NOT NULL,
  FOREIGN KEY (order_id) REFERENCES "order" ("order id") ON UPDATE SET NULL,
  CONSTRAINT order_tag_tag FOREIGN KEY (tag) REFERENCES tag (name) ON DELETE RESTRICT,
  UNIQUE (order_id, tag)
);
CREATE INDEX account_lower_handle ON account (lower(handle) DESC, email COLLATE RTRIM);
CREATE UNIQUE INDEX IF NOT EXISTS order_open ON "order" (account_id, "when" DESC) WHERE total > 0;
CREATE INDEX reading_kind ON reading (kind COLLATE NOCASE);
CREATE VIEW big_orders AS SELECT * FROM "order" WHERE total > 100;
CREATE TRIGGER account_touch AFTER UPDATE ON account
BEGIN
  UPDATE account SET score = CASE WHEN new.score > 10 THEN 10 ELSE new.score END WHERE id = new.id;
END;
CREATE VIRTUAL TABLE notes USING fts5(title, body);
CREATE TABLE scratch (a INT, b TEXT);
ALTER TABLE scratch ADD COLUMN c TEXT DEFAULT 'c' NOT NULL;
ALTER TABLE scratch RENAME TO kept;
ALTER TABLE kept RENAME COLUMN b TO bee;
CREATE TABLE doomed (x);
DROP TABLE doomed;
-- Rows, to compare how each database stores them (affinity, defaults,
-- generated columns, rowid aliases).
INSERT INTO account (handle, email, score) VALUES ('Ann', 'ann@example.com', '7'), ('bob', NULL, 2.0);
INSERT INTO "order" ("order id", account_id, "when", total) VALUES (10, 1, '2024-01-01', '12.50');
INSERT INTO tag VALUES ('x', X'00FF');
INSERT INTO reading VALUES (1, 2, 'k');
INSERT INTO intkey VALUES ('5', 5), (NULL, 'n');
INSERT INTO legacy (v) VALUES (1.0);
"#;

struct Case {
    name: &'static str,
    sql: String,
    gaps: Vec<Gap>,
}

fn cases() -> Vec<Case> {
    let s = corpus().join("schemas");
    let read = |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    vec![
        Case {
            name: "kitchen-sink",
            sql: KITCHEN_SINK.to_string(),
            gaps: vec![],
        },
        Case {
            name: "sakila-sqlite",
            sql: read(s.join("sakila/sqlite-sakila-schema.sql")),
            gaps: vec![],
        },
        Case {
            name: "chinook-sqlite",
            sql: read(s.join("chinook/Chinook_Sqlite.sql")),
            gaps: vec![],
        },
    ]
}

struct Counts {
    tables: usize,
    columns: usize,
    indexes: usize,
    constraints: usize,
    opaque: usize,
}

fn counts(s: &Schema) -> Counts {
    let t = &s.tables;
    Counts {
        tables: t.len(),
        columns: t.iter().map(|t| t.columns.len()).sum(),
        indexes: t.iter().map(|t| t.indexes.len()).sum(),
        constraints: t
            .iter()
            .map(|t| t.primary_key.iter().count() + t.foreign_keys.len() + t.uniques.len() + t.checks.len())
            .sum(),
        opaque: s.opaque.len(),
    }
}

fn unexplained(diffs: Vec<Difference>, gaps: &[Gap]) -> Vec<Difference> {
    diffs
        .into_iter()
        .filter(|d| {
            let text = d.to_string();
            !gaps.iter().any(|g| text.contains(g.matches))
        })
        .collect()
}

fn run(case: &Case) -> Result<String, String> {
    // (a) the original, executed by SQLite.
    let db_a = Connection::open_in_memory().unwrap();
    db_a.execute_batch(&case.sql)
        .map_err(|e| format!("{}: SQLite refused the original: {e}", case.name))?;
    let a = inspect(&db_a).map_err(|e| format!("{}: inspecting A: {e}", case.name))?;

    // (b) the text, imported.
    let imported = import_sql(&case.sql);
    let b = imported.schema;

    // (c) B emitted, executed, introspected.
    let db_c = Connection::open_in_memory().unwrap();
    for st in emit(&b) {
        db_c.execute_batch(&st.sql)
            .map_err(|e| format!("{}: applying emitted {}: {e}\n{}", case.name, st.object, st.sql))?;
    }
    let c = inspect(&db_c).map_err(|e| format!("{}: inspecting C: {e}", case.name))?;

    // The original's rows, inserted into C too, are stored exactly as in A:
    // same values, same storage classes (affinity), same generated ids.
    let tokens = plinth_sqlite::lexer::tokenize(&case.sql);
    let mut rows_compared = 0;
    for st in plinth_sqlite::split::split(&tokens) {
        if st.tokens[0].is("INSERT") {
            db_c.execute_batch(&case.sql[st.span.clone()])
                .map_err(|e| format!("{}: the original's rows do not fit C: {e}", case.name))?;
        }
    }
    for t in &a.tables {
        let a_rows = stored_rows(&db_a, t);
        let c_rows = stored_rows(&db_c, t);
        if a_rows != c_rows {
            return Err(format!(
                "{}: table {} stores rows differently\nA: {:?}\nC: {:?}",
                case.name,
                t.name,
                a_rows.iter().take(3).collect::<Vec<_>>(),
                c_rows.iter().take(3).collect::<Vec<_>>()
            ));
        }
        rows_compared += a_rows.len();
    }

    let gaps: Vec<Gap> = COMMON_GAPS.iter().chain(&case.gaps).copied().collect();
    let source_vs_catalog = CompareOptions {
        index_names: true,
        constraint_names: true,
        column_order: true,
        // SQLite stores a view or trigger from its name on (`CREATE VIEW v
        // …`, without IF NOT EXISTS); A and C both come from the catalog.
        opaque_bodies: true,
        ..CompareOptions::default()
    };
    // The comparison is not vacuous: one changed column is one difference.
    let mut changed = b.clone();
    if let Some(col) = changed.tables.iter_mut().flat_map(|t| t.columns.iter_mut()).next() {
        col.nullable = !col.nullable;
        let diffs = compare(&b, &changed, &source_vs_catalog);
        assert_eq!(diffs.len(), 1, "{}", Report(&diffs));
    }
    let ab = unexplained(compare(&a, &b, &source_vs_catalog), &gaps);
    let ac = unexplained(compare(&a, &c, &source_vs_catalog), &gaps);
    let bc = unexplained(compare(&b, &c, &source_vs_catalog), &gaps);
    let k = counts(&a);
    let mut report = format!(
        "{}: {} tables, {} columns, {} indexes, {} constraints, {} opaque objects compared; {rows_compared} rows \
         stored alike; import warnings {}, data statements skipped {:?}\n",
        case.name,
        k.tables,
        k.columns,
        k.indexes,
        k.constraints,
        k.opaque,
        imported.warnings.len(),
        imported.summary.data_skipped,
    );
    for w in &imported.warnings {
        report.push_str(&format!("  warning {w}\n"));
    }
    for g in &gaps {
        report.push_str(&format!("  gap \"{}\": {}\n", g.matches, g.why));
    }
    if k.tables == 0 || k.columns == 0 {
        return Err(format!("{report}nothing was introspected"));
    }
    if ab.is_empty() && ac.is_empty() && bc.is_empty() {
        Ok(report)
    } else {
        Err(format!(
            "{report}A (database) vs B (import): {}\nA vs C (emitted B, executed): {}\nB vs C: {}",
            Report(&ab),
            Report(&ac),
            Report(&bc)
        ))
    }
}

#[test]
fn every_sqlite_corpus_schema_round_trips() {
    let only = std::env::var("ROUNDTRIP_ONLY").ok();
    let mut failures = Vec::new();
    for case in cases() {
        if only.as_deref().is_some_and(|o| o != case.name) {
            continue;
        }
        match run(&case) {
            Ok(r) => eprint!("{r}"),
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
