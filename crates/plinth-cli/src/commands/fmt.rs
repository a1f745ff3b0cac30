//! `plinth fmt [--check|--write] SPEC`

use crate::{files, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use plinth_spec::Severity;
use std::path::Path;

pub fn run(spec: &Path, check: bool, write: bool, color: bool) -> u8 {
    let source = match files::read(spec) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
    };
    let name = spec.display().to_string();
    // Formatting needs a complete tree: refuse on syntax errors rather than
    // print a spec with parts missing.
    let (file, diagnostics) = plinth_spec::parse(&source);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        eprint!("{}", plinth_spec::render(&diagnostics, &name, &source, color));
        eprintln!("error: {name} has syntax errors; not formatted");
        return EXIT_INPUT;
    }
    let formatted = plinth_spec::format(&file);
    if check {
        if formatted == source {
            EXIT_OK
        } else {
            eprintln!("{name} is not in canonical form (run `plinth fmt --write {name}`)");
            EXIT_FINDINGS
        }
    } else if write {
        if formatted != source {
            if let Err(e) = files::write_atomic(spec, &formatted) {
                eprintln!("{e}");
                return EXIT_INPUT;
            }
        }
        EXIT_OK
    } else {
        print!("{formatted}");
        EXIT_OK
    }
}
