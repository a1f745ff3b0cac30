//! Every example is designed, applied to a real PostgreSQL started by the
//! sandbox, and every convention probe passes. A missing PostgreSQL fails
//! these tests; it never skips them.

use plinth_sandbox::{apply, run_probes, Sandbox};
use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    specs_in("examples")
}

fn specs_in(folder: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(folder);
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
        .collect();
    v.sort();
    v
}

fn sandbox() -> Sandbox {
    Sandbox::shared().unwrap_or_else(|e| panic!("PostgreSQL is required for this test and could not be started: {e}"))
}

#[test]
fn every_example_applies_cleanly_and_passes_every_probe() {
    let sandbox = sandbox();
    let mut ran = 0;
    for path in examples() {
        let src = std::fs::read_to_string(&path).unwrap();
        let spec = plinth_spec::check(&src)
            .spec
            .unwrap_or_else(|| panic!("{} is invalid", path.display()));
        let schema = plinth_design::design(&spec);
        let statements = plinth_postgres::emit(&schema);
        let db = sandbox.fresh_database().unwrap();
        let report =
            apply(&mut db.client().unwrap(), &statements).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(report.applied, statements.len());
        let probes = run_probes(&db, &schema);
        assert!(probes.passed(), "{}:\n{probes}", path.display());
        ran += 1;
    }
    assert!(ran >= 3);
}

#[test]
fn the_task_tracker_proves_every_convention_it_uses() {
    let sandbox = sandbox();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/task-tracker.plinth");
    let spec = plinth_spec::check(&std::fs::read_to_string(path).unwrap())
        .spec
        .unwrap();
    let schema = plinth_design::design(&spec);
    let db = sandbox.fresh_database().unwrap();
    apply(&mut db.client().unwrap(), &plinth_postgres::emit(&schema)).unwrap();
    let probes = run_probes(&db, &schema);
    for probe in [
        plinth_sandbox::UPDATED_AT,
        plinth_sandbox::SOFT_DELETE_UNIQUE,
        plinth_sandbox::TENANT_ISOLATION,
        plinth_sandbox::AUDIT,
        plinth_sandbox::OPTIMISTIC_LOCK,
    ] {
        assert!(!probes.of(probe).is_empty(), "probe {probe} did not run:\n{probes}");
    }
    // Every tenant-scoped table is covered by the isolation probe.
    for t in schema.tables.iter().filter(|t| t.tenant_column.is_some()) {
        assert!(
            probes
                .get(plinth_sandbox::TENANT_ISOLATION, &t.name)
                .is_some_and(|r| r.passed),
            "{}:\n{probes}",
            t.name
        );
    }
    assert!(probes.passed(), "{probes}");
}

/// Designs, applies and probes one spec text; panics with the reason.
fn apply_and_probe(sandbox: &Sandbox, label: &str, src: &str) -> usize {
    let checked = plinth_spec::check(src);
    let spec = checked.spec.unwrap_or_else(|| {
        panic!(
            "{label}: {}",
            plinth_spec::render(&checked.diagnostics, label, src, false)
        )
    });
    let schema = plinth_design::design(&spec);
    let db = sandbox.fresh_database().unwrap();
    apply(&mut db.client().unwrap(), &plinth_postgres::emit(&schema)).unwrap_or_else(|e| panic!("{label}: {e}"));
    let probes = run_probes(&db, &schema);
    assert!(probes.passed(), "{label}:\n{probes}");
    probes.results.len()
}

#[test]
fn every_valid_test_spec_applies_and_passes_its_probes() {
    let sandbox = sandbox();
    let specs = specs_in("tests/specs/valid");
    assert!(specs.len() >= 8);
    for path in specs {
        apply_and_probe(
            &sandbox,
            &path.display().to_string(),
            &std::fs::read_to_string(&path).unwrap(),
        );
    }
}

#[test]
fn a_generated_150_entity_spec_applies_and_passes_its_probes() {
    let sandbox = sandbox();
    let probes = apply_and_probe(&sandbox, "synthetic-150", &plinth_spec::synthetic::spec(150));
    assert!(probes > 150, "only {probes} probes ran");
}

#[test]
fn the_emitted_uuidv7_function_makes_version_7_time_ordered_ids() {
    let sandbox = sandbox();
    let spec = plinth_spec::check("settings {\n  dialect = postgres 15\n}\n\nentity Note {\n  body text\n}\n")
        .spec
        .unwrap();
    let schema = plinth_design::design(&spec);
    let db = sandbox.fresh_database().unwrap();
    let mut client = db.client().unwrap();
    apply(&mut client, &plinth_postgres::emit(&schema)).unwrap();
    let rows = client
        .query(
            "SELECT plinth_uuidv7()::text FROM generate_series(1, 50) g, pg_sleep(0.001) s",
            &[],
        )
        .unwrap();
    let ids: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    for id in &ids {
        assert_eq!(&id[14..15], "7", "version nibble of {id}");
        assert!("89ab".contains(&id[19..20]), "variant of {id}");
    }
    // The first 48 bits are milliseconds since the epoch: close to now, never decreasing.
    let ms = |id: &str| u64::from_str_radix(&id.replace('-', "")[..12], 16).unwrap();
    let now_ms: i64 = client
        .query_one("SELECT (extract(epoch FROM now()) * 1000)::bigint", &[])
        .unwrap()
        .get(0);
    assert!((ms(&ids[0]) as i64 - now_ms).abs() < 60_000);
    assert!(ids.windows(2).all(|w| ms(&w[0]) <= ms(&w[1])), "{ids:?}");
}
