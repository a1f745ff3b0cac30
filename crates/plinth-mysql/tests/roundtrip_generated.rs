//! Round trip of generated MySQL schemas on a real, throwaway MariaDB: each
//! schema (a deterministic pseudo-random mix of column types, defaults,
//! charsets and collations, keys, indexes, checks, engines, table options,
//! quoted names, foreign keys, views, triggers, later ALTER TABLE / CREATE
//! INDEX / DROP INDEX / DROP TABLE) is applied with the `mariadb` client and
//! introspected (A), imported (B), emitted and applied to a fresh database
//! and introspected (C); A == B == C with every name and the column order
//! compared. No gaps: any difference fails.

use plinth_model::equality::{compare, CompareOptions, Report};
use plinth_model::Schema;
use plinth_mysql::inspect::{catalog_queries, from_catalog};
use plinth_mysql::{emit_script, import_sql, normalize_expr, ImportOptions};
use plinth_sandbox::{shared_mariadb, MariaDb};

const SCHEMAS: u64 = 80;

/// A small deterministic generator (no dependency, same schemas every run).
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

/// (type, a default that fits it or "", can be indexed whole, is text)
const TYPES: &[(&str, &str, bool, bool)] = &[
    ("INT", "7", true, false),
    ("INT UNSIGNED", "'42'", true, false),
    ("TINYINT", "-3", true, false),
    ("TINYINT(1)", "1", true, false),
    ("BOOLEAN", "FALSE", true, false),
    ("SMALLINT UNSIGNED", "0", true, false),
    ("MEDIUMINT", "12", true, false),
    ("BIGINT", "9000000000", true, false),
    ("DECIMAL(7,2)", "0", true, false),
    ("DECIMAL(10,0)", "15", true, false),
    ("FLOAT", "1.5", true, false),
    ("DOUBLE", "2.25", true, false),
    ("VARCHAR(30)", "'x''y'", true, true),
    ("CHAR(4)", "'ab'", true, true),
    ("NVARCHAR(12)", "'n'", true, true),
    ("TEXT", "", false, true),
    ("MEDIUMTEXT", "", false, true),
    ("DATE", "'2024-02-29'", true, false),
    ("DATETIME", "CURRENT_TIMESTAMP", true, false),
    ("DATETIME(3)", "", true, false),
    ("TIMESTAMP", "CURRENT_TIMESTAMP", true, false),
    ("TIME", "'12:30:00'", true, false),
    ("YEAR", "2024", true, false),
    ("ENUM('a','B c','it''s')", "'B c'", true, true),
    ("SET('x','y','z')", "'x,z'", true, true),
    ("BLOB", "", false, false),
    ("VARBINARY(16)", "", true, false),
    ("JSON", "", false, false),
    ("BIT(3)", "", true, false),
];

const NAMES: &[&str] = &[
    "order", "Key", "zip code", "status", "x1", "Über", "group", "value", "note", "a$b",
];
const COLLATIONS: &[&str] = &[
    "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
    "CHARACTER SET latin1",
    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
    "CHARACTER SET utf8",
];

fn quote(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// One generated schema: the SQL that creates database `db` and its tables.
fn generate(seed: u64, db: &str) -> String {
    let mut r = Rng(seed.wrapping_mul(7919).wrapping_add(17));
    let mut sql = format!(
        "CREATE DATABASE {db}{};\nUSE {db};\n",
        if r.chance(30) { " CHARACTER SET latin1" } else { "" }
    );
    let tables = 1 + r.below(4);
    let mut innodb: Vec<String> = Vec::new();
    for t in 0..tables {
        let name = format!("{}_{t}", r.pick(NAMES));
        let engine = if r.chance(20) { "MyISAM" } else { "InnoDB" };
        let mut items = vec!["id INT NOT NULL AUTO_INCREMENT".to_string()];
        let mut indexable = Vec::new();
        let mut ints = Vec::new();
        for c in 0..(1 + r.below(7)) {
            let (ty, default, whole, text) = TYPES[r.below(TYPES.len())];
            let col = format!("{}{c}", r.pick(NAMES));
            let mut def = format!("{} {ty}", quote(&col));
            // NVARCHAR has its character set already; a bare COLLATE must fit the table's.
            let national = ty.starts_with('N');
            if text && !national && r.chance(40) {
                def.push_str(&format!(" {}", r.pick(COLLATIONS)));
            }
            let not_null = r.chance(50);
            if not_null {
                def.push_str(" NOT NULL");
            }
            if !default.is_empty() && r.chance(60) {
                def.push_str(&format!(" DEFAULT {default}"));
            }
            if ty == "TIMESTAMP" && r.chance(50) {
                def.push_str(" ON UPDATE CURRENT_TIMESTAMP");
            }
            if r.chance(15) {
                def.push_str(" COMMENT 'about ''it'''");
            }
            items.push(def);
            if whole {
                indexable.push(col.clone());
            }
            if ty == "INT" || ty == "MEDIUMINT" {
                ints.push(col);
            }
        }
        if let Some(ref_table) = innodb.last().filter(|_| engine == "InnoDB" && r.chance(70)) {
            items.push(format!("parent_id INT{}", if r.chance(50) { " NOT NULL" } else { "" }));
            let named = if r.chance(50) {
                format!("CONSTRAINT {} ", quote(&format!("fk_{name}")))
            } else {
                String::new()
            };
            let on_delete = r.pick(&["", " ON DELETE CASCADE", " ON DELETE SET NULL", " ON DELETE NO ACTION"]);
            let on_delete = if on_delete == " ON DELETE SET NULL" && items.last().unwrap().contains("NOT NULL") {
                ""
            } else {
                on_delete
            };
            items.push(format!(
                "{named}FOREIGN KEY (parent_id) REFERENCES {} (id){on_delete}",
                quote(ref_table)
            ));
        }
        items.push("PRIMARY KEY (id)".into());
        if !indexable.is_empty() && r.chance(60) {
            let c = &indexable[r.below(indexable.len())];
            let kind = if r.chance(30) { "UNIQUE KEY" } else { "KEY" };
            let desc = if r.chance(20) { " DESC" } else { "" };
            let name = if r.chance(50) {
                format!("{} ", quote(&format!("ix_{c}")))
            } else {
                String::new()
            };
            items.push(format!("{kind} {name}({}{desc}, id)", quote(c)));
        }
        if let Some(c) = ints.first().filter(|_| r.chance(40)) {
            items.push(format!("CHECK ({} <> 13)", quote(c)));
        }
        if let Some(c) = ints.last().filter(|_| r.chance(40)) {
            let kind = if r.chance(50) { "VIRTUAL" } else { "STORED" };
            // After the last column definition (they are the quoted items).
            let at = items.iter().rposition(|i| i.starts_with('`')).map_or(1, |i| i + 1);
            items.insert(at, format!("`gen {c}` BIGINT AS ({} * 2 + 1) {kind}", quote(c)));
        }
        let mut options = format!("ENGINE={engine}");
        if r.chance(30) {
            options.push_str(" DEFAULT CHARSET=utf8mb3");
        }
        if r.chance(20) {
            options.push_str(" COMMENT='generated'");
        }
        if r.chance(15) {
            options.push_str(" ROW_FORMAT=DYNAMIC");
        }
        sql.push_str(&format!(
            "CREATE TABLE {} (\n  {}\n) {options};\n",
            quote(&name),
            items.join(",\n  ")
        ));
        if r.chance(25) {
            let view = quote(&format!("v {name}"));
            sql.push_str(&format!(
                "CREATE VIEW {view} AS SELECT id, id * 2 AS twice FROM {} WHERE id > 1;\n",
                quote(&name)
            ));
        }
        if r.chance(25) {
            let trigger = quote(&format!("t {name}"));
            sql.push_str(&format!(
                "DELIMITER ;;\nCREATE TRIGGER {trigger} BEFORE UPDATE ON {} FOR EACH ROW BEGIN\n  SET NEW.id = OLD.id;\nEND;;\nDELIMITER ;\n",
                quote(&name)
            ));
        }
        if r.chance(50) {
            sql.push_str(&alterations(&mut r, &name));
        }
        if engine == "InnoDB" {
            innodb.push(name);
        }
    }
    sql
}

/// Later changes to a table, as migrations make them: added, moved,
/// modified, renamed and dropped columns, indexes created and dropped.
fn alterations(r: &mut Rng, table: &str) -> String {
    let t = quote(table);
    let mut sql = String::new();
    let position = r.pick(&["", " FIRST", " AFTER id"]);
    sql.push_str(&format!(
        "ALTER TABLE {t} ADD COLUMN `added a` INT DEFAULT 5{position}, ADD COLUMN added_b VARCHAR(9);\n"
    ));
    if r.chance(50) {
        sql.push_str(&format!(
            "ALTER TABLE {t} MODIFY COLUMN `added a` BIGINT NOT NULL DEFAULT 6 AFTER added_b;\n"
        ));
    }
    if r.chance(50) {
        sql.push_str(&format!(
            "ALTER TABLE {t} CHANGE COLUMN added_b `renamed b` VARCHAR(12) NOT NULL;\n"
        ));
        sql.push_str(&format!("CREATE INDEX `ix renamed` ON {t} (`renamed b`(4), id);\n"));
        if r.chance(50) {
            sql.push_str(&format!("DROP INDEX `ix renamed` ON {t};\n"));
        }
    } else {
        sql.push_str(&format!(
            "ALTER TABLE {t} ADD UNIQUE KEY (added_b), ADD KEY (`added a`);\n"
        ));
        if r.chance(50) {
            sql.push_str(&format!("ALTER TABLE {t} DROP INDEX added_b, DROP COLUMN added_b;\n"));
        }
    }
    if r.chance(30) {
        sql.push_str(&format!(
            "CREATE TABLE {} (a INT);\nDROP TABLE {};\n",
            quote(&format!("{table} tmp")),
            quote(&format!("{table} tmp"))
        ));
    }
    sql
}

fn introspect(server: &MariaDb, database: &str) -> Schema {
    let lines = server
        .query_lines(None, &catalog_queries(database))
        .unwrap_or_else(|e| panic!("catalog queries on {database}: {e}"));
    from_catalog(database, &lines, 10).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn generated_schemas_round_trip_on_mariadb() {
    let server = shared_mariadb();
    let opts = CompareOptions {
        index_names: true,
        constraint_names: true,
        opaque_bodies: true,
        ignore_opaque_kinds: Vec::new(),
        column_order: true,
        normalize_expr: Some(normalize_expr),
    };
    let (mut tables, mut columns, mut objects, mut failures) = (0, 0, 0, Vec::new());
    for seed in 0..SCHEMAS {
        let db = format!("gen_{seed}");
        let sql = generate(seed, &db);
        if let Err(e) = server.run_script(None, &sql) {
            failures.push(format!("seed {seed}: the generated SQL did not apply: {e}\n{sql}"));
            continue;
        }
        let a = introspect(server, &db);
        let imported = import_sql(&sql, &ImportOptions::default());
        let b = imported.schema;
        let db_c = server.fresh_database().unwrap();
        let script = emit_script(&b);
        if let Err(e) = server.run_script(Some(&db_c), &script) {
            failures.push(format!("seed {seed}: the emitted DDL did not apply: {e}\n{script}"));
            continue;
        }
        let c = introspect(server, &db_c);
        // View and trigger bodies: by name against the file (the server
        // rewrites a view's query), in full between the two catalogs.
        for (pair, x, y, bodies) in [("A-B", &a, &b, false), ("A-C", &a, &c, true), ("B-C", &b, &c, false)] {
            let opts = CompareOptions {
                opaque_bodies: bodies,
                ..opts.clone()
            };
            let d = compare(x, y, &opts);
            if !d.is_empty() {
                failures.push(format!("seed {seed} {pair}: {}\n{sql}", Report(&d)));
            }
        }
        assert!(imported.warnings.is_empty(), "seed {seed}: {:?}", imported.warnings);
        tables += a.tables.len();
        objects += a.opaque.len();
        columns += a.tables.iter().map(|t| t.columns.len()).sum::<usize>();
    }
    println!(
        "{SCHEMAS} generated schemas: {tables} tables, {columns} columns, {objects} views and triggers compared; {} failure(s)",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        tables >= SCHEMAS as usize && columns > tables * 2,
        "{tables} tables, {columns} columns"
    );
}
