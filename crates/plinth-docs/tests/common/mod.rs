//! Helpers shared by the plinth-docs tests: the examples, designed.

#![allow(dead_code)]

use plinth_model::Schema;
use std::path::PathBuf;

/// Designs a spec given as text; panics with rendered diagnostics if invalid.
pub fn design(src: &str) -> Schema {
    let checked = plinth_spec::check(src);
    match checked.spec {
        Some(spec) => plinth_design::design(&spec),
        None => panic!(
            "{}",
            plinth_spec::render(&checked.diagnostics, "test.plinth", src, false)
        ),
    }
}

/// (`task-tracker`, schema) for every `examples/*.plinth`, sorted by name.
pub fn examples() -> Vec<(String, Schema)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "plinth"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "at least three examples");
    files
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            (name, design(&std::fs::read_to_string(p).unwrap()))
        })
        .collect()
}

/// One example by name.
pub fn example(name: &str) -> Schema {
    examples()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s)
        .unwrap_or_else(|| panic!("no example {name}"))
}
