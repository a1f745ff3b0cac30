//! The corpus round trip (A == B == C) on generated schemas: a fixed-seed
//! generator combines SQLite's column types, constraints, quoting, table
//! options and indexes in ways no corpus file does. A schema SQLite itself
//! refuses is skipped (and counted); every accepted one must round-trip.

use plinth_model::equality::{compare, CompareOptions, Report};
use plinth_sqlite::{emit, import_sql, inspect};
use rusqlite::Connection;

mod common;
use common::stored_rows;

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TYPES: &[&str] = &[
    "INT",
    "INTEGER",
    "integer",
    "BIGINT",
    "TINYINT",
    "TEXT",
    "VARCHAR(20)",
    "NVARCHAR ( 40 )",
    "CHAR(3)",
    "DECIMAL(10,2)",
    "NUMERIC(5, 1)",
    "REAL",
    "DOUBLE",
    "FLOAT",
    "BLOB",
    "",
    "BOOLEAN",
    "DATETIME",
    "DATE",
    "BLOB SUB_TYPE TEXT",
    "ANY",
    "JSON",
];
const STRICT_TYPES: &[&str] = &["INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"];
const NAMES: &[&str] = &[
    "id",
    "Name",
    "order",
    "first name",
    "x1",
    "Value",
    "group",
    "ts",
    "amount",
    "[odd]",
];
const DEFAULTS: &[&str] = &[
    "0",
    "-1",
    "1.5",
    "'x'",
    "'it''s'",
    "NULL",
    "CURRENT_TIMESTAMP",
    "(1 + 2)",
    "(lower('A'))",
    "TRUE",
    "X'00'",
];

/// Values of every storage class, some that convert under an affinity.
const VALUES: &[&str] = &[
    "12",
    "'12'",
    "1.5",
    "'1.50'",
    "'abc'",
    "X'0A'",
    "NULL",
    "-7",
    "'2024-01-01'",
];

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn schema(rng: &mut Rng) -> String {
    let mut sql = String::new();
    let tables = 1 + rng.below(3);
    for ti in 0..tables {
        let strict = rng.chance(20);
        let without_rowid = rng.chance(20);
        let ncols = 1 + rng.below(5);
        let mut cols: Vec<String> = Vec::new();
        let mut lines: Vec<String> = Vec::new();
        let mut has_pk = false;
        for ci in 0..ncols {
            let name = format!("{}{ci}", rng.pick(NAMES));
            let ty = if strict {
                rng.pick(STRICT_TYPES)
            } else {
                rng.pick(TYPES)
            };
            let mut l = format!("{} {ty}", quoted(&name));
            if ci == 0 && rng.chance(50) {
                has_pk = true;
                l.push_str(rng.pick(&[" PRIMARY KEY", " PRIMARY KEY DESC", " CONSTRAINT pk PRIMARY KEY"]));
                if ty.eq_ignore_ascii_case("INTEGER") && !without_rowid && rng.chance(30) && !l.ends_with("DESC") {
                    l.push_str(" AUTOINCREMENT");
                }
            }
            if rng.chance(40) {
                l.push_str(" NOT NULL");
            }
            if rng.chance(40) {
                l.push_str(&format!(" DEFAULT {}", rng.pick(DEFAULTS)));
            }
            if rng.chance(15) {
                l.push_str(rng.pick(&[" COLLATE NOCASE", " COLLATE rtrim", " COLLATE BINARY"]));
            }
            if rng.chance(15) {
                l.push_str(" UNIQUE");
            }
            if rng.chance(15) {
                l.push_str(&format!(" CHECK ({} IS NOT NULL OR 1)", quoted(&name)));
            }
            if ti > 0 && rng.chance(20) {
                l.push_str(&format!(" REFERENCES t{} ON DELETE CASCADE", ti - 1));
            }
            cols.push(name);
            lines.push(l);
        }
        if !has_pk && (without_rowid || rng.chance(30)) {
            let n = 1 + rng.below(cols.len().min(2));
            let key: Vec<String> = cols[..n].iter().map(|c| quoted(c)).collect();
            lines.push(format!("PRIMARY KEY ({})", key.join(", ")));
        }
        if cols.len() > 1 && rng.chance(30) {
            lines.push(format!(
                "CONSTRAINT u{ti} UNIQUE ({}, {})",
                quoted(&cols[1]),
                quoted(&cols[0])
            ));
        }
        if rng.chance(20) {
            lines.push(format!("CHECK (length({}) < 100)", quoted(&cols[0])));
        }
        let mut options = Vec::new();
        if without_rowid {
            options.push("WITHOUT ROWID");
        }
        if strict {
            options.push("STRICT");
        }
        sql.push_str(&format!(
            "CREATE TABLE t{ti} (\n  {}\n) {};\n",
            lines.join(",\n  "),
            options.join(", ")
        ));
        if rng.chance(60) {
            let c = quoted(&cols[rng.below(cols.len())]);
            let el = rng.pick(&["{c}", "{c} DESC", "lower({c})", "{c} COLLATE NOCASE", "abs({c}) DESC"]);
            let unique = if rng.chance(30) { "UNIQUE " } else { "" };
            let pred = if rng.chance(30) {
                format!(" WHERE {c} IS NOT NULL")
            } else {
                String::new()
            };
            sql.push_str(&format!(
                "CREATE {unique}INDEX t{ti}_i ON t{ti} ({}){pred};\n",
                el.replace("{c}", &c)
            ));
        }
    }
    sql
}

#[test]
fn generated_schemas_round_trip() {
    let mut rng = Rng(0x5eed_5eed);
    let opts = CompareOptions {
        index_names: true,
        column_order: true,
        ..CompareOptions::default()
    };
    let (mut accepted, mut refused, mut rows) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in 0..1000 {
        let sql = schema(&mut rng);
        let db_a = Connection::open_in_memory().unwrap();
        if db_a.execute_batch(&sql).is_err() {
            refused += 1;
            continue;
        }
        accepted += 1;
        let a = inspect(&db_a).unwrap_or_else(|e| panic!("case {case}: {e}\n{sql}"));
        let imported = import_sql(&sql);
        assert!(
            imported.warnings.is_empty(),
            "case {case}: {:?}\n{sql}",
            imported.warnings
        );
        let b = imported.schema;
        let db_c = Connection::open_in_memory().unwrap();
        for st in emit(&b) {
            if let Err(e) = db_c.execute_batch(&st.sql) {
                panic!(
                    "case {case}: emitted {} refused: {e}\n{}\nfrom\n{sql}",
                    st.object, st.sql
                );
            }
        }
        let c = inspect(&db_c).unwrap();
        // The same rows behave alike: refused by both or stored alike.
        for t in &a.tables {
            for row in 0..VALUES.len() {
                let cols: Vec<String> = t
                    .columns
                    .iter()
                    .filter(|c| c.generated.is_none())
                    .map(|c| quoted(&c.name))
                    .collect();
                let vals: Vec<&str> = (0..cols.len()).map(|i| VALUES[(row + i) % VALUES.len()]).collect();
                let insert = format!(
                    "INSERT OR IGNORE INTO {} ({}) VALUES ({})",
                    quoted(&t.name),
                    cols.join(", "),
                    vals.join(", ")
                );
                let (ra, rc) = (db_a.execute_batch(&insert), db_c.execute_batch(&insert));
                if ra.is_ok() != rc.is_ok() {
                    failures.push(format!("case {case}: `{insert}`: A {ra:?}, C {rc:?}\n{sql}"));
                }
            }
            if stored_rows(&db_a, t) != stored_rows(&db_c, t) {
                failures.push(format!("case {case}: table {} stores rows differently\n{sql}", t.name));
            }
            rows += stored_rows(&db_a, t).len();
        }
        for (what, x, y) in [("A vs B", &a, &b), ("A vs C", &a, &c), ("B vs C", &b, &c)] {
            let d = compare(x, y, &opts);
            if !d.is_empty() {
                failures.push(format!("case {case} {what}: {}\n{sql}", Report(&d)));
            }
        }
    }
    eprintln!(
        "{accepted} generated schemas round-tripped ({rows} rows stored alike), {refused} refused by SQLite and skipped"
    );
    assert!(rows > 1000, "too few rows stored ({rows}) to compare storage");
    assert!(
        accepted >= 200,
        "too few accepted schemas ({accepted}) for the test to mean much"
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
