//! `plinth report SPEC --out report.html`: the design as one self-contained
//! HTML page (diagram with pan and zoom, searchable tables, index plan,
//! queries, checklist, decisions) that opens offline in any browser.

use crate::load::load;
use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

pub fn run(spec: &Path, out: &Path, color: bool) -> u8 {
    let loaded = match load(spec, color) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let schema = crate::load::design(&loaded, color);
    let title = spec
        .file_stem()
        .map_or_else(|| loaded.name.clone(), |s| s.to_string_lossy().into_owned());
    let html = plinth_docs::report::render(&schema, &title);
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
