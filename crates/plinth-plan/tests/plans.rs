//! Snapshots of plans (plinth's up.sql and down.sql) for representative
//! scenarios of the suite in crates/plinth-cli/tests/plan_scenarios/cases
//! (which runs every one of them on real PostgreSQL), and the structural
//! promises every plan keeps.

use plinth_diff::{diff_with, Hints, Options};
use plinth_plan::{plan, render, Format, Lock, Phase, Plan};
use std::path::PathBuf;

fn scenario(name: &str) -> (plinth_model::Schema, plinth_model::Schema, Vec<String>) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../plinth-cli/tests/plan_scenarios/cases/{name}.sql"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut parts: std::collections::BTreeMap<&str, String> = Default::default();
    let mut cur = "";
    for line in text.lines() {
        match line.trim() {
            "-- from" | "-- to" | "-- rows" | "-- hints" | "-- skip-checksum" => cur = line.trim(),
            _ if !cur.is_empty() => {
                let p = parts.entry(cur).or_default();
                p.push_str(line);
                p.push('\n');
            }
            _ => {}
        }
    }
    let import = |s: &str| plinth_postgres::import_sql(s, &plinth_postgres::ImportOptions::default()).schema;
    let hints = parts
        .get("-- hints")
        .map(|h| h.lines().map(String::from).collect())
        .unwrap_or_default();
    (import(&parts["-- from"]), import(&parts["-- to"]), hints)
}

fn planned(name: &str) -> Plan {
    let (from, to, extra) = scenario(name);
    let mut hints = Hints::from_schema(&to);
    for line in extra {
        let rest = line.trim_start_matches("value:");
        let (old, new) = rest.split_once('=').unwrap();
        let (ty, old) = old.split_once('.').unwrap();
        hints.enum_values.insert((ty.into(), new.into()), old.into());
    }
    let options = Options {
        normalize_expr: Some(plinth_postgres::import::normalize_expr),
    };
    let changes = diff_with(&from, &to, &hints, &options);
    plan(&from, &to, &changes, &plinth_plan::Options::default())
}

fn files(p: &Plan) -> String {
    render(p, Format::Sql, "20261122090000", "change")
        .into_iter()
        .map(|f| format!("==> {} <==\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

macro_rules! snapshot_plans {
    ($($test:ident => $case:literal,)*) => {$(
        #[test]
        fn $test() {
            let p = planned($case);
            insta::assert_snapshot!(files(&p));
        }
    )*};
}

snapshot_plans! {
    create_table => "01_create_table",
    drop_table => "02_drop_table",
    rename_table => "03_rename_table",
    add_required_column => "06_add_required_column",
    add_column_volatile_default => "07_add_column_volatile_default",
    rename_column => "09_rename_column",
    varchar_widen => "10_varchar_widen",
    int_to_bigint_not_null => "13_int_to_bigint_not_null",
    set_not_null => "18_set_not_null",
    add_foreign_key => "20_add_foreign_key",
    add_unique => "24_add_unique",
    primary_key_change => "26_primary_key_change",
    change_index => "29_change_index",
    enum_add_value => "30_enum_add_value",
    enum_remove_value => "32_enum_remove_value",
    soft_delete_added => "34_soft_delete_added",
    partition_table => "37_partition_table",
    row_security => "38_row_security",
}

/// Promises every plan of the suite keeps.
#[test]
fn every_plan_is_phased_guarded_and_reversible() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../plinth-cli/tests/plan_scenarios/cases");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        let p = planned(name);
        assert!(!p.up.is_empty(), "{name}");
        assert_eq!(p.pairs.len(), p.up.len(), "{name}: every up step has its downs");
        assert!(
            p.pairs.iter().all(|pair| !pair.down.is_empty()),
            "{name}: an up step without a down"
        );
        assert!(
            p.up.windows(2).all(|w| w[0].phase <= w[1].phase),
            "{name}: phases out of order"
        );
        for s in &p.up {
            let sql = s.statements.join("\n");
            if s.lock == Lock::AccessExclusive && !s.batched {
                assert!(
                    sql.contains("SET lock_timeout"),
                    "{name}: {} takes ACCESS EXCLUSIVE without lock_timeout",
                    s.name
                );
            }
            if sql.contains("CONCURRENTLY") {
                assert!(
                    !s.transactional,
                    "{name}: {} runs CONCURRENTLY in a transaction",
                    s.name
                );
            }
            if s.batched {
                assert_eq!(s.statements.len(), 1, "{name}: a batched step has one statement");
                assert_eq!(s.phase, Phase::Backfill, "{name}");
            }
            // Existing tables never get a plain CREATE INDEX or a validating ADD.
            if !name.contains("create_table") && !name.contains("drop_table") {
                assert!(
                    !sql.contains("CREATE INDEX orders") && !sql.contains("CREATE UNIQUE INDEX orders"),
                    "{name}: {sql}"
                );
                if sql.contains("ADD CONSTRAINT") && (sql.contains("CHECK") || sql.contains("FOREIGN KEY")) {
                    assert!(sql.contains("NOT VALID"), "{name}: {sql}");
                }
            }
        }
        // Plans are deterministic.
        assert_eq!(files(&p), files(&planned(name)), "{name}");
    }
}

#[test]
fn new_tables_get_plain_ddl() {
    let p = planned("01_create_table");
    assert_eq!(p.up.len(), 1);
    assert!(p.up[0].statements[0].starts_with("CREATE TABLE customers"));
    assert!(p.up[0].transactional);
}
