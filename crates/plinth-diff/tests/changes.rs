//! Snapshots of change sets: every scenario of the planner's suite
//! (crates/plinth-cli/tests/plan_scenarios/cases, SQL read by the
//! PostgreSQL importer) and spec-to-spec diffs (renames from
//! `@renamed_from`, soft delete and tenancy gained).

use plinth_diff::{diff_with, ChangeSet, Hints, Options};
use std::path::PathBuf;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../plinth-cli/tests/plan_scenarios/cases")
}

/// (FROM, TO, hints) of a scenario file.
fn scenario(path: &std::path::Path) -> (String, String, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
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
    let hints = parts
        .get("-- hints")
        .map(|h| h.lines().map(String::from).collect())
        .unwrap_or_default();
    (parts["-- from"].clone(), parts["-- to"].clone(), hints)
}

fn import(sql: &str) -> plinth_model::Schema {
    plinth_postgres::import_sql(sql, &plinth_postgres::ImportOptions::default()).schema
}

fn render(c: &ChangeSet) -> String {
    let mut out = String::new();
    for ch in &c.changes {
        out.push_str(&format!(
            "{:<20} {:<28} {}{}\n",
            ch.kind(),
            ch.subject(),
            ch.describe(),
            if ch.destructive() { " [destructive]" } else { "" }
        ));
    }
    for q in &c.questions {
        out.push_str(&format!("? {}\n", q.text));
    }
    out
}

fn options() -> Options {
    Options {
        normalize_expr: Some(plinth_postgres::import::normalize_expr),
    }
}

#[test]
fn every_scenario_change_set() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 30);
    let mut out = String::new();
    for f in &files {
        let (from, to, hints) = scenario(f);
        let (a, b) = (import(&from), import(&to));
        let mut h = Hints::from_schema(&b);
        for line in hints {
            // value:type.old=new
            let rest = line.trim_start_matches("value:");
            let (old, new) = rest.split_once('=').unwrap();
            let (ty, old) = old.split_once('.').unwrap();
            h.enum_values.insert((ty.into(), new.into()), old.into());
        }
        let c = diff_with(&a, &b, &h, &options());
        assert!(!c.is_empty(), "{}: no change", f.display());
        // Diffing a schema with itself finds nothing.
        assert!(diff_with(&b, &b, &Hints::default(), &options()).is_empty());
        out.push_str(&format!(
            "== {}\n{}\n",
            f.file_stem().unwrap().to_string_lossy(),
            render(&c)
        ));
    }
    insta::assert_snapshot!(out);
}

fn design(src: &str) -> plinth_model::Schema {
    let checked = plinth_spec::check(src);
    let spec = checked.spec.unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
    plinth_design::design(&spec)
}

#[test]
fn spec_renames_come_from_renamed_from() {
    let a = design("entity Project {\n  title text\n  budget int\n}\n");
    let b = design(
        "entity Venture @renamed_from(\"Project\") {\n  name text @renamed_from(\"title\")\n  budget bigint\n}\n",
    );
    let c = diff_with(&a, &b, &Hints::from_schema(&b), &options());
    insta::assert_snapshot!(render(&c));
    assert_eq!(c.destructive().count(), 0);
}

#[test]
fn without_a_hint_a_rename_is_a_question_and_a_drop() {
    let a = design("entity Project {\n  title text\n}\n");
    let b = design("entity Project {\n  name text\n}\n");
    let c = diff_with(&a, &b, &Hints::from_schema(&b), &options());
    assert_eq!(c.questions.len(), 1, "{c:?}");
    assert!(c.questions[0].text.contains("@renamed_from(\"title\")"));
    assert_eq!(c.destructive().count(), 1);
}

#[test]
fn soft_delete_and_tenancy_gained_are_named() {
    let a = design("entity Workspace {\n  name text\n}\nentity Project @global {\n  title text @unique\n}\n");
    let b = design(
        "settings {\n  tenant = Workspace\n}\nentity Workspace {\n  name text\n}\nentity Project @soft_delete {\n  title text @unique\n}\n",
    );
    let c = diff_with(&a, &b, &Hints::from_schema(&b), &options());
    let kinds: Vec<&str> = c.changes.iter().map(|c| c.kind()).collect();
    assert!(kinds.contains(&"soft_delete_added"), "{kinds:?}");
    assert!(kinds.contains(&"tenant_column_added"), "{kinds:?}");
    insta::assert_snapshot!(render(&c));
}
