//! `plinth design SPEC --out DIR`

use crate::load::load;
use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

/// Every file `design` writes, by name: the DDL, the design document that
/// explains it, and the diagram in each text format.
pub fn artifacts(schema: &plinth_model::Schema) -> Vec<(&'static str, String)> {
    vec![
        ("schema.sql", plinth_postgres::emit_script(schema)),
        ("DESIGN.md", plinth_docs::design_doc::render(schema)),
        ("erd.mmd", plinth_docs::erd::mermaid::render(schema)),
        ("erd.dbml", plinth_docs::erd::dbml::render(schema)),
        ("erd.dot", plinth_docs::erd::dot::render(schema)),
    ]
}

pub fn run(spec: &Path, out: &Path, color: bool) -> u8 {
    let loaded = match load(spec, color) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let schema = crate::load::design(&loaded, color);
    let files = artifacts(&schema);
    if let Err(e) = files::write_all_atomic(out, &files) {
        eprintln!("{e}");
        return EXIT_INPUT;
    }
    for (name, _) in &files {
        eprintln!("wrote {}", out.join(name).display());
    }
    EXIT_OK
}
