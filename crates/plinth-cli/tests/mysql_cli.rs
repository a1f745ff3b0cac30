//! MySQL/MariaDB SQL on the command line: `plinth import FILE.sql --dialect
//! mysql` (and its alias `mariadb`) turns the corpus's MySQL files into
//! specs that pass `plinth check`; what the importer keeps verbatim is
//! reported with file:line:col.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn plinth(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plinth"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("plinth runs")
}

fn corpus_file(rel: &str) -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .flat_map(|up| [up.join("shared/corpus/schemas").join(rel), up.join("../shared/corpus/schemas").join(rel)])
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("corpus file {rel} not found above {}", here.display()))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// (file, dialect spelling, tables it has, entities the spec must name)
const FILES: &[(&str, &str, usize, &[&str])] = &[
    ("sakila/mysql-sakila-schema.sql", "mysql", 16, &["entity Actor", "entity FilmActor", "entity Rental"]),
    ("chinook/Chinook_MySql.sql", "mariadb", 11, &["Album", "InvoiceLine", "PlaylistTrack"]),
];

#[test]
fn mysql_corpus_files_import_to_specs_that_check() {
    let dir = tempfile::tempdir().unwrap();
    for (rel, dialect, tables, entities) in FILES {
        let file = corpus_file(rel);
        let out = dir.path().join(format!("{dialect}.plinth"));
        let run = plinth(
            &["import", file.to_str().unwrap(), "--dialect", dialect, "--out", out.to_str().unwrap()],
            dir.path(),
        );
        let stderr = text(&run.stderr);
        assert!(run.status.success(), "import {rel} failed:\n{stderr}");
        assert!(stderr.contains(&format!("imported {tables} tables")), "{rel}: {stderr}");
        let spec = std::fs::read_to_string(&out).unwrap();
        for e in *entities {
            assert!(spec.contains(e), "{rel}: the spec lacks {e}:\n{spec}");
        }
        let check = plinth(&["check", out.to_str().unwrap()], dir.path());
        assert!(
            check.status.success(),
            "{rel}: the imported spec does not check:\n{}\n{spec}",
            text(&check.stderr)
        );
    }
}

#[test]
fn what_the_importer_keeps_verbatim_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let file = corpus_file("sakila/mysql-sakila-schema.sql");
    let run = plinth(&["import", file.to_str().unwrap(), "--dialect", "mysql"], dir.path());
    let stderr = text(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    // The FULLTEXT index of film_text, at its CREATE TABLE (line 171).
    assert!(stderr.contains("FULLTEXT index idx_title_description"), "{stderr}");
    assert!(stderr.contains("mysql-sakila-schema.sql:171:1"), "{stderr}");
}
