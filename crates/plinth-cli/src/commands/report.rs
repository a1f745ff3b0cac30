//! `plinth report SOURCE --out report.html`: the design as one self-contained
//! HTML page (diagram with pan and zoom, searchable tables, index plan,
//! queries, checklist, decisions) that opens offline in any browser.

use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

pub fn run(source: Option<&Path>, db: Option<&str>, out: &Path, color: bool) -> u8 {
    let read = match crate::source::read(source, db, color) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let html = plinth_docs::report::render(&read.schema, &read.title);
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return EXIT_INPUT;
        }
    }
    if let Err(e) = files::write_atomic(out, &html) {
        eprintln!("{e}");
        return EXIT_INPUT;
    }
    eprintln!("wrote {}", out.display());
    EXIT_OK
}
