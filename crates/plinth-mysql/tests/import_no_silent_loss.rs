//! A MySQL file mixing what the model reads with what it does not: every
//! statement the importer does not apply comes back as a located warning
//! (line:col) and an opaque object, and views, triggers, procedures and
//! functions are named opaque objects with their SQL. Nothing is lost.

use plinth_mysql::{import_sql, ImportOptions};

const MIXED: &str = "/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE t (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  body TEXT,
  FULLTEXT KEY ft_body (body)
) ENGINE=MyISAM;
CREATE TABLE p (a INT NOT NULL, KEY (a)) PARTITION BY HASH(a) PARTITIONS 4;
GRANT SELECT ON t TO 'someone'@'%';
CREATE VIEW v AS SELECT id FROM t;
DELIMITER $$
CREATE TRIGGER t_ins BEFORE INSERT ON t FOR EACH ROW BEGIN
  SET NEW.body = TRIM(NEW.body);
END $$
CREATE PROCEDURE touch(IN x INT) BEGIN UPDATE t SET body = body WHERE id = x; END $$
CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2 $$
DELIMITER ;
ALTER TABLE t ADD COLUMN n INT, RENAME TO t2;
CREATE TABLE broken (a INT NOT NULL GARBAGE);
INSERT INTO t (body) VALUES ('x');
";

#[test]
fn unsupported_statements_are_located_warnings_and_opaque_objects() {
    let r = import_sql(MIXED, &ImportOptions::default());
    let warnings: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    let has = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    // Each located at its statement's first character.
    assert!(has("2:1: FULLTEXT index ft_body on t"), "{warnings:#?}");
    assert!(
        has("7:1: table p: PARTITION BY is kept as a table option"),
        "{warnings:#?}"
    );
    assert!(has("8:1: GRANT SELECT ON"), "{warnings:#?}");
    assert!(has("17:1: ALTER TABLE T"), "{warnings:#?}");
    // A statement the grammar rejects is located at the offending token.
    assert!(has("18:37: CREATE TABLE BROKEN"), "{warnings:#?}");
    assert!(has("found: GARBAGE at 18:37"), "{warnings:#?}");
    assert!(has("skipped 1 INSERT"), "{warnings:#?}");

    let opaque = |kind: &str, name: &str| {
        r.schema
            .opaque
            .iter()
            .find(|o| o.kind == kind && o.name == name)
            .unwrap_or_else(|| panic!("no {kind} {name} in {:#?}", r.schema.opaque))
    };
    assert!(opaque("view", "v").sql.starts_with("CREATE VIEW v AS SELECT id FROM t"));
    let trigger = opaque("trigger", "t_ins");
    assert!(
        trigger.sql.contains("SET NEW.body = TRIM(NEW.body);"),
        "{}",
        trigger.sql
    );
    assert_eq!(trigger.depends_on, vec!["t".to_string()]);
    assert!(opaque("procedure", "touch").sql.contains("UPDATE t SET body"));
    assert!(opaque("function", "twice").sql.contains("RETURN x * 2"));
    assert!(opaque("fulltext index", "t.ft_body")
        .sql
        .contains("FULLTEXT INDEX ft_body ON t (body)"));
    assert!(opaque("statement", "line 8:1").sql.starts_with("GRANT SELECT"));
    assert!(opaque("statement", "line 17:1").sql.contains("RENAME TO t2"));
    assert!(opaque("statement", "line 18:1").sql.contains("GARBAGE"));

    // What the model reads is read.
    let t = r.schema.table("t").expect("table t");
    assert!(t.options.contains(&"ENGINE=MyISAM".to_string()), "{:?}", t.options);
    assert!(t.column("n").is_some(), "the supported part of the ALTER is applied");
    let p = r.schema.table("p").expect("table p");
    assert!(
        p.options.iter().any(|o| o.starts_with("PARTITION BY HASH(a)")),
        "{:?}",
        p.options
    );
    assert!(r.schema.table("broken").is_none());
}

/// Bad input never panics: every prefix of a real file (cut anywhere, even
/// inside a string, a comment or a DELIMITER block) and odd bytes import to
/// some model with warnings.
#[test]
fn truncated_and_odd_input_never_panics() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sakila = here
        .ancestors()
        .flat_map(|up| {
            [
                up.join("shared/corpus/schemas/sakila/mysql-sakila-schema.sql"),
                up.join("../shared/corpus/schemas/sakila/mysql-sakila-schema.sql"),
            ]
        })
        .find(|p| p.is_file())
        .expect("the corpus's sakila MySQL file");
    let text = std::fs::read_to_string(sakila).unwrap();
    let mut cuts = 0;
    for end in (0..text.len()).step_by(37).filter(|e| text.is_char_boundary(*e)) {
        let _ = import_sql(&text[..end], &ImportOptions::default());
        cuts += 1;
    }
    assert!(cuts > 500, "{cuts}");
    for odd in [
        "CREATE TABLE",
        "CREATE TABLE t (a ENUM('é', 'ü''x'), b VARCHAR(3) BINARY",
        "DELIMITER",
        "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END",
        "/*!50001 CREATE TABLE x (a int",
        "CREATE FULLTEXT INDEX",
        "ALTER TABLE missing ADD COLUMN a INT;",
        "CREATE TABLE t (a INT) PARTITION BY",
        "`unterminated",
        "CREATE VIEW",
        "USE",
        "CREATE DATABASE",
        "\u{feff}CREATE TABLE ü (ä INT PRIMARY KEY);",
    ] {
        let r = import_sql(odd, &ImportOptions::default());
        assert!(r
            .warnings
            .iter()
            .all(|w| w.line >= 1 && w.col >= 1 && !w.to_string().is_empty()));
    }
}
