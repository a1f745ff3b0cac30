//! Back to a spec: model → `.plinth` → design again, compared with
//! `plinth_model::equality::compare`.

use plinth_model::equality::{compare, CompareOptions, Difference};
use plinth_model::Schema;
use plinth_spec::from_model::spec_from_model;
use std::collections::BTreeMap;

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn design(src: &str) -> Schema {
    let checked = plinth_spec::check(src);
    let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "spec does not check: {errors:#?}\n{src}");
    plinth_design::design(&checked.spec.unwrap())
}

fn opts(constraint_names: bool) -> CompareOptions {
    CompareOptions {
        constraint_names,
        normalize_expr: Some(plinth_postgres::import::normalize_expr),
        ..CompareOptions::default()
    }
}

/// Kind of a difference, for counting: `only in A: column`, `changed: type`.
fn kind(d: &Difference) -> String {
    let what = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        // `table x column y` / `table x foreign key (..)` / `table x`
        match words.as_slice() {
            ["table", _, "foreign", "key", ..] => "foreign key".to_string(),
            ["table", _, k, ..] => k.to_string(),
            [k, ..] => k.to_string(),
            [] => String::new(),
        }
    };
    match d {
        Difference::OnlyInA(s) => format!("only in import: {}", what(s)),
        Difference::OnlyInB(s) => format!("only in redesign: {}", what(s)),
        Difference::Changed { property, object, .. } => format!("changed {}: {property}", what(object)),
    }
}

#[test]
fn every_example_round_trips_through_a_spec() {
    let mut paths: Vec<_> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let mut failures = String::new();
    for p in paths {
        let a = design(&std::fs::read_to_string(&p).unwrap());
        let written = spec_from_model(&a);
        let (file, _) = plinth_spec::parse(&written.text);
        assert_eq!(plinth_spec::format(&file), written.text, "not canonical");
        let b = design(&written.text);
        let diffs = compare(&a, &b, &opts(true));
        if !diffs.is_empty() {
            failures.push_str(&format!(
                "{}:\n{}\n--- spec ---\n{}\n",
                p.display(),
                plinth_model::equality::Report(&diffs),
                written.text
            ));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
