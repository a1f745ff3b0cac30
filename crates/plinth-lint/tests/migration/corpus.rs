//! The shared corpus: found by walking up from the crate (a missing corpus
//! is a failure, never a skip).

use std::path::{Path, PathBuf};

pub fn corpus() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for up in here.ancestors() {
        for c in [up.join("shared/corpus"), up.join("../shared/corpus")] {
            if c.is_dir() {
                return c;
            }
        }
    }
    panic!("the corpus (shared/corpus) was not found above {}", here.display());
}

/// A crates.io migration: folder name, `up.sql`, and whether Diesel runs it
/// outside a transaction (`run_in_transaction = false` in metadata.toml).
/// (Shared with the parity test, which reads every field.)
#[allow(dead_code)]
pub struct Migration {
    pub name: String,
    pub sql: String,
    pub no_transaction: bool,
}

/// The crates.io migrations in Diesel's order.
pub fn crates_io() -> Vec<Migration> {
    let dir = corpus().join("migrations/crates-io");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("crates-io migrations")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("up.sql").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    plinth_postgres::import::diesel_order(&mut names);
    names
        .into_iter()
        .map(|name| {
            let sql = std::fs::read_to_string(dir.join(&name).join("up.sql")).expect("readable up.sql");
            let metadata = std::fs::read_to_string(dir.join(&name).join("metadata.toml")).unwrap_or_default();
            let no_transaction = metadata
                .lines()
                .any(|l| l.replace(' ', "") == "run_in_transaction=false");
            Migration {
                name,
                sql,
                no_transaction,
            }
        })
        .collect()
}
