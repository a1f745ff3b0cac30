//! The registry and the engine: every rule documented and tested, ids
//! stable, configuration honoured.

use plinth_lint::migration::RULES;
use plinth_lint::{RuleKind, Severity};
use std::path::Path;

const GROUPS: &[&str] = &[
    "column",
    "compat",
    "constraint",
    "data",
    "enum",
    "idempotent",
    "index",
    "lock",
    "mysql",
    "opaque",
    "partition",
    "rewrite",
    "rls",
    "sqlite",
    "syntax",
    "tx",
];

#[test]
fn at_least_thirty_rules_each_documented_in_its_own_file_with_a_snapshot() {
    assert!(RULES.len() >= 30, "{} migration rules", RULES.len());
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.meta.id).collect();
    let sorted = {
        let mut s = ids.clone();
        s.sort();
        s
    };
    assert_eq!(ids, sorted, "the registry is in id order");
    ids.dedup();
    assert_eq!(ids.len(), RULES.len(), "ids are unique");
    for r in RULES {
        let m = &r.meta;
        assert_eq!(m.kind, RuleKind::Migration);
        assert!(
            m.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !m.id.ends_with('-'),
            "{} is not kebab-case",
            m.id
        );
        assert!(GROUPS.contains(&m.group()), "{}: unknown group {}", m.id, m.group());
        for (field, text) in [
            ("summary", m.summary),
            ("what", m.what),
            ("why", m.why),
            ("example", m.example),
            ("fix", m.fix),
        ] {
            assert!(text.trim().len() > 10, "{}: {field} is missing", m.id);
        }
        let file = here
            .join("src/migration")
            .join(format!("{}.rs", m.id.replace('-', "_")));
        assert!(file.is_file(), "{}: no file {}", m.id, file.display());
        let snaps = here.join("tests/migration/snapshots");
        let snapshot = ["migration__", "migration__dialects__"]
            .iter()
            .any(|prefix| snaps.join(format!("{prefix}{}.snap", m.id)).is_file());
        assert!(snapshot, "{}: no firing test snapshot in {}", m.id, snaps.display());
    }
    // Migration ids never collide with schema rule ids.
    for s in plinth_lint::schema::RULES {
        assert!(RULES.iter().all(|r| r.meta.id != s.meta.id), "{} is both", s.meta.id);
    }
}

#[test]
fn configured_severities_win_and_disabled_rules_stay_silent() {
    let sql = "ALTER TABLE users DROP COLUMN legacy;";
    let mut s = super::pg(16);
    s.overrides.insert("data-drop-column".into(), Some(Severity::Error));
    let f = super::lint(sql, &s);
    assert_eq!(super::of("data-drop-column", &f)[0].severity, Severity::Error);
    s.overrides.insert("data-drop-column".into(), None);
    assert!(super::of("data-drop-column", &super::lint(sql, &s)).is_empty());
}

#[test]
fn findings_carry_their_file_and_statement_span() {
    let a = plinth_postgres::lint_ops::migration_file("CREATE TABLE t (id bigint);");
    let b_sql = "SET lock_timeout = '1s';\nALTER TABLE t DROP COLUMN id;";
    let b = plinth_postgres::lint_ops::migration_file(b_sql);
    let f = super::lint_files(&[a, b], &super::pg(16));
    let drop = super::of("data-drop-column", &f);
    assert_eq!(drop.len(), 1, "{f:#?}");
    assert_eq!(drop[0].file, Some(1));
    let span = drop[0].span.unwrap();
    assert_eq!(&b_sql[span.start..span.end], "ALTER TABLE t DROP COLUMN id");
}

#[test]
fn a_table_created_in_an_earlier_file_holds_data_in_the_next() {
    let a = plinth_postgres::lint_ops::migration_file("CREATE TABLE t (id bigint);\nCREATE INDEX t_id ON t (id);");
    let b = plinth_postgres::lint_ops::migration_file("CREATE INDEX t_id2 ON t (id);");
    let f = super::lint_files(&[a, b], &super::pg(16));
    let idx = super::of("index-not-concurrent", &f);
    assert_eq!(idx.len(), 1);
    assert_eq!(idx[0].file, Some(1));
}
