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

/// The PostgreSQL corpus schemas the importer reads: import → spec →
/// check → design again, with the differences counted by kind.
///
/// Named gaps (what the spec language cannot say, so the redesign differs):
/// - `primary-key`: a key the spec cannot declare (one with the tenant
///   column, on a `<->` side or the tenant entity) becomes `@unique` and the
///   design adds its own `id`; other keys are written `@id` / `@@id`;
/// - `foreign-key`: a foreign key to a composite key, or one closing a cycle
///   of required relations, stays plain columns;
/// - `fk-index`: the redesign indexes every foreign key (`only in redesign: index`);
/// - `types`: varchar(n)/char(n) → text + length CHECK, timestamp → timestamptz,
///   domains and arrays → text;
/// - `opaque`: views, functions, triggers, domains, sequences, partitions;
/// - `indexes`: expression, partial and non-btree indexes;
/// - `routine`: the redesign's uuidv7 helper routine.
///
/// The ceilings below are the measured counts; lower them as gaps close.
#[test]
fn corpus_imports_write_specs_that_check() {
    // shared/ sits beside the repository (or above it): walk up to find it.
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = here
        .ancestors()
        .flat_map(|up| [up.join("shared/corpus/schemas"), up.join("../shared/corpus/schemas")])
        .find(|c| c.is_dir())
        .unwrap_or_else(|| panic!("the corpus (shared/corpus) was not found above {}", here.display()));
    let files = [
        "pagila/pagila-schema-pg15.sql",
        "sakila/postgres-sakila-schema.sql",
        "chinook/Chinook_PostgreSql.sql",
        "northwind/northwind.sql",
    ];
    let ceilings = [76, 139, 73, 125];
    let mut report = String::new();
    for (f, ceiling) in files.into_iter().zip(ceilings) {
        let sql = std::fs::read_to_string(corpus.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        let imported = plinth_postgres::import::import_sql(&sql, &Default::default()).schema;
        let written = spec_from_model(&imported);
        let (file, _) = plinth_spec::parse(&written.text);
        assert_eq!(plinth_spec::format(&file), written.text, "{f}: not canonical");
        let redesigned = design(&written.text);
        let diffs = compare(&imported, &redesigned, &opts(false));
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for d in &diffs {
            *kinds.entry(kind(d)).or_default() += 1;
        }
        report.push_str(&format!(
            "{f}: {} tables, {} notes, {} differences\n",
            imported.tables.len(),
            written.notes.len(),
            diffs.len()
        ));
        for (k, n) in kinds {
            report.push_str(&format!("  {n:5}  {k}\n"));
        }
        assert!(diffs.len() <= ceiling, "{f}: {} differences > {ceiling}", diffs.len());
        if f.starts_with("chinook") {
            insta::assert_snapshot!("chinook_spec", written.text);
        }
    }
    eprintln!("{report}");
}
