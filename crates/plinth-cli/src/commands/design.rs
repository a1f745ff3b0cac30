//! `plinth design SOURCE --out DIR`: the artifacts of a spec's design, or of
//! an existing schema (`.sql`, `.prisma`, `.dbml`, `--db URL`) read as it is.

use crate::source::SqlDialect;
use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

/// Every file `design` writes, by name: the DDL, the design document that
/// explains it, and the diagram in each text format.
pub fn artifacts(schema: &plinth_model::Schema) -> Vec<(&'static str, String)> {
    vec![
        ("schema.sql", schema_sql(schema)),
        ("DESIGN.md", plinth_docs::design_doc::render(schema)),
        ("erd.mmd", plinth_docs::erd::mermaid::render(schema)),
        ("erd.dbml", plinth_docs::erd::dbml::render(schema)),
        ("erd.dot", plinth_docs::erd::dot::render(schema)),
        ("erd.svg", plinth_docs::erd::svg::render(schema)),
    ]
}

/// The DDL in the schema's own dialect.
fn schema_sql(schema: &plinth_model::Schema) -> String {
    match schema.target.dialect {
        plinth_model::DialectKind::Sqlite => plinth_sqlite::emit_script(schema),
        plinth_model::DialectKind::MySql => plinth_mysql::emit_script(schema),
        _ => plinth_postgres::emit_script(schema),
    }
}

pub fn run(source: Option<&Path>, db: Option<&str>, dialect: Option<SqlDialect>, out: &Path, color: bool) -> u8 {
    match crate::source::read_as(source, db, dialect, color) {
        Ok(read) => finish(out, &artifacts(&read.schema)),
        Err(code) => code,
    }
}

/// `plinth design --from-prose FILE --out DIR`: draft, then design; the
/// drafted spec is written beside the artifacts as `draft.plinth`.
pub fn run_from_prose(prose: &str, out: &Path, color: bool) -> u8 {
    let draft = match crate::commands::draft::draft_from(prose) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let Some(spec) = plinth_spec::check(&draft.spec).spec else {
        eprintln!("error: the drafted spec does not pass plinth check (a bug in plinth draft); nothing was written");
        return EXIT_INPUT;
    };
    let loaded = crate::load::Loaded {
        spec,
        source: draft.spec.clone(),
        name: "draft.plinth".into(),
    };
    let schema = crate::load::design(&loaded, color);
    let mut files = artifacts(&schema);
    files.push(("draft.plinth", draft.spec));
    finish(out, &files)
}

fn finish(out: &Path, files: &[(&str, String)]) -> u8 {
    if let Err(e) = files::write_all_atomic(out, files) {
        eprintln!("{e}");
        return EXIT_INPUT;
    }
    for (name, _) in files {
        eprintln!("wrote {}", out.join(name).display());
    }
    EXIT_OK
}
