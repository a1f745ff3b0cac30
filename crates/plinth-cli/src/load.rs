//! Reading and validating a spec, with diagnostics printed to stderr.

use crate::EXIT_INPUT;
use plinth_spec::{Severity, ValidSpec};
use std::path::Path;

/// A validated spec and the text it came from.
pub struct Loaded {
    pub spec: ValidSpec,
    pub source: String,
    pub name: String,
}

/// Reads and checks `path`; prints every diagnostic. Err carries the exit code.
pub fn load(path: &Path, color: bool) -> Result<Loaded, u8> {
    let source = crate::files::read(path).map_err(|e| {
        eprintln!("{e}");
        EXIT_INPUT
    })?;
    let name = path.display().to_string();
    let checked = plinth_spec::check(&source);
    if !checked.diagnostics.is_empty() {
        eprint!(
            "{}",
            plinth_spec::render(&checked.diagnostics, &name, &source, color)
        );
    }
    let errors = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match checked.spec {
        Some(spec) if errors == 0 => Ok(Loaded { spec, source, name }),
        _ => {
            eprintln!(
                "error: {name}: {errors} error{} found; nothing was written",
                if errors == 1 { "" } else { "s" }
            );
            Err(EXIT_INPUT)
        }
    }
}
