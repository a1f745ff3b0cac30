//! `plinth import SOURCE [--out app.plinth]`: read an existing schema
//! (PostgreSQL, SQLite or MySQL/MariaDB SQL, a SQLite database, a Prisma schema
//! or DBML) into the model and write it back as a `.plinth` spec, so an
//! existing project can adopt plinth. What the spec cannot express is listed in
//! its header; what the importer could not read is printed as located warnings
//! (and kept in the model, never dropped).

use crate::source::{self, FileKind, SqlDialect};
use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

pub fn run(
    source: Option<&Path>,
    db: Option<&str>,
    dialect: Option<SqlDialect>,
    out: Option<&Path>,
    color: bool,
) -> u8 {
    let unreadable = |p: &&Path| db.is_none() && matches!(FileKind::detect(p, dialect), Some(FileKind::Spec) | None);
    if let Some(path) = source.filter(unreadable) {
        eprintln!(
            "error: cannot import {}\n  help: plinth import reads PostgreSQL `.sql` files (SQLite ones with --dialect \
             sqlite, MySQL/MariaDB ones with --dialect mysql), SQLite databases (`.db`, `.sqlite`), Prisma \
             `.prisma` schemas, `.dbml` files, or a live database with --db postgres://… or --db sqlite:path",
            path.display()
        );
        return EXIT_INPUT;
    }
    let read = match source::read_as(source, db, dialect, color) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (schema, name) = (read.schema, read.name);
    let spec = plinth_spec::from_model::spec_from_model(&schema);
    match out {
        Some(path) => {
            if let Err(e) = files::write_atomic(path, &spec.text) {
                eprintln!("{e}");
                return EXIT_INPUT;
            }
            eprintln!("wrote {}", path.display());
        }
        None => print!("{}", spec.text),
    }
    eprintln!(
        "imported {} tables from {name}: {} warnings, {} things the spec cannot express (listed in its header)",
        schema.tables.len(),
        read.warnings,
        spec.notes.len()
    );
    EXIT_OK
}
