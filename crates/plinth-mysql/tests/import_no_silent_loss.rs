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
    assert!(has("18:1: CREATE TABLE BROKEN"), "{warnings:#?}");
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
