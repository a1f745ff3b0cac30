//! `plinth check SPEC`

use crate::load::load;
use crate::EXIT_OK;
use std::path::Path;

pub fn run(spec: &Path, color: bool) -> u8 {
    match load(spec, color) {
        Ok(l) => {
            let schema = crate::load::design(&l, color);
            eprintln!(
                "ok: {} ({} tables, {} decisions)",
                l.name,
                schema.tables.len(),
                schema.decisions.len()
            );
            EXIT_OK
        }
        Err(code) => code,
    }
}
