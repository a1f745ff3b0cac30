//! Snapshot of the DDL for every example spec, and byte-for-byte determinism.

mod common;

use std::path::PathBuf;

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "at least three examples");
    files
}

#[test]
fn every_example_emits_the_snapshotted_sql() {
    for path in examples() {
        let src = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("example_{name}"), common::sql_and_decisions(&src));
    }
}

#[test]
fn emitting_twice_gives_identical_bytes() {
    for path in examples() {
        let src = std::fs::read_to_string(&path).unwrap();
        let a = plinth_postgres::emit_script(&common::design(&src));
        let b = plinth_postgres::emit_script(&common::design(&src));
        assert_eq!(a, b, "{}", path.display());
    }
}
