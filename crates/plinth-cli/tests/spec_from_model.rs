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
/// import → spec (canonical, checks) → design → compared with the import;
/// the differences are counted by kind into `report` and must stay within
/// `ceiling`. Returns the spec text.
fn round_trip(name: &str, imported: &Schema, ceiling: usize, report: &mut String) -> String {
    let written = spec_from_model(imported);
    let (file, _) = plinth_spec::parse(&written.text);
    assert_eq!(plinth_spec::format(&file), written.text, "{name}: not canonical");
    let redesigned = design(&written.text);
    let diffs = compare(imported, &redesigned, &opts(false));
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for d in &diffs {
        *kinds.entry(kind(d)).or_default() += 1;
    }
    report.push_str(&format!(
        "{name}: {} tables, {} notes, {} differences\n",
        imported.tables.len(),
        written.notes.len(),
        diffs.len()
    ));
    for (k, n) in kinds {
        report.push_str(&format!("  {n:5}  {k}\n"));
    }
    assert!(
        diffs.len() <= ceiling,
        "{name}: {} differences > {ceiling}\n{report}",
        diffs.len()
    );
    written.text
}

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
        let written = round_trip(f, &imported, ceiling, &mut report);
        if f.starts_with("chinook") {
            insta::assert_snapshot!("chinook_spec", written);
        }
    }
    eprintln!("{report}");
}

/// The multi-file corpus entries: MusicBrainz in its load order and the
/// crates.io migrations replayed in order. The spec puts every table in the
/// default schema (a note per table), so MusicBrainz's `musicbrainz.` tables
/// come back unqualified; those differences are counted, not hidden.
#[test]
fn multi_file_corpus_imports_write_specs_that_check() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = here
        .ancestors()
        .flat_map(|up| [up.join("shared/corpus"), up.join("../shared/corpus")])
        .find(|c| c.is_dir())
        .unwrap_or_else(|| panic!("the corpus (shared/corpus) was not found above {}", here.display()));
    let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mb = [
        "Extensions.sql",
        "CreateCollations.sql",
        "CreateSearchConfiguration.sql",
        "CreateTypes.sql",
        "CreateTables.sql",
        "CreateFunctions.sql",
        "CreatePrimaryKeys.sql",
        "CreateFKConstraints.sql",
        "CreateIndexes.sql",
    ];
    let mb_texts: Vec<(String, String)> = mb
        .iter()
        .map(|f| (f.to_string(), read(corpus.join("schemas/musicbrainz").join(f))))
        .collect();
    let mut scripts = vec![plinth_postgres::import::Script {
        name: "setup",
        sql: "CREATE SCHEMA musicbrainz;",
    }];
    scripts.extend(
        mb_texts
            .iter()
            .map(|(n, t)| plinth_postgres::import::Script { name: n, sql: t }),
    );
    let options = plinth_postgres::import::ImportOptions {
        search_path: vec!["musicbrainz".into(), "public".into()],
        version: 15,
    };
    let mut report = String::new();
    let mut musicbrainz = plinth_postgres::import::import_scripts(&scripts, &options).schema;
    // Named gap `namespace`: the spec has no schema setting, so its tables
    // come back in the default schema; compare them there.
    for t in &mut musicbrainz.tables {
        t.namespace = None;
        for f in &mut t.foreign_keys {
            f.ref_namespace = None;
        }
    }
    for e in &mut musicbrainz.enums {
        e.namespace = None;
    }
    round_trip("musicbrainz", &musicbrainz, MUSICBRAINZ_CEILING, &mut report);

    let dir = corpus.join("migrations/crates-io");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("up.sql").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    plinth_postgres::import::diesel_order(&mut names);
    let texts: Vec<(String, String)> = names
        .iter()
        .map(|n| (n.clone(), read(dir.join(n).join("up.sql"))))
        .collect();
    let scripts: Vec<_> = texts
        .iter()
        .map(|(n, t)| plinth_postgres::import::Script { name: n, sql: t })
        .collect();
    let crates_io = plinth_postgres::import::import_scripts(&scripts, &Default::default()).schema;
    round_trip("crates-io-migrations", &crates_io, CRATES_IO_CEILING, &mut report);
    eprintln!("{report}");
}

/// Measured ceilings for the multi-file entries; lower them as gaps close.
/// MusicBrainz's differences are mostly its expression and partial indexes
/// (`indexes`) and unique indexes that the spec writes as `@unique`
/// constraints (`only in import: index` / `only in redesign: unique`).
const MUSICBRAINZ_CEILING: usize = 1402;
const CRATES_IO_CEILING: usize = 208;
