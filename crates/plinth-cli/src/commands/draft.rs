//! `plinth draft [FILE|-|"text"] [--out app.plinth]`: a first spec from an
//! English description, every inference commented, open questions listed.

use crate::{files, EXIT_INPUT, EXIT_OK};
use std::io::Read as _;
use std::path::Path;

/// Reads the description: an existing file, `-` for stdin, else the text itself.
pub fn read_input(input: &str) -> Result<(String, String), String> {
    if input == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("error: cannot read standard input: {e}"))?;
        return Ok((s, "<stdin>".into()));
    }
    let path = Path::new(input);
    if path.is_file() {
        return files::read(path).map(|s| (s, path.display().to_string()));
    }
    Ok((input.to_string(), "<text>".into()))
}

/// Drafts from `input`; prints the error and returns the exit code on failure.
pub fn draft_from(input: &str) -> Result<plinth_prose::Draft, u8> {
    let (text, name) = read_input(input).map_err(|e| {
        eprintln!("{e}");
        EXIT_INPUT
    })?;
    plinth_prose::draft(&text).map_err(|e| {
        eprintln!("error: {name}: {}", e.message);
        eprintln!("help: {}", e.hint);
        EXIT_INPUT
    })
}

pub fn run(input: &str, out: Option<&Path>) -> u8 {
    let draft = match draft_from(input) {
        Ok(d) => d,
        Err(code) => return code,
    };
    match out {
        Some(path) => {
            if let Err(e) = files::write_atomic(path, &draft.spec) {
                eprintln!("{e}");
                return EXIT_INPUT;
            }
            eprintln!(
                "wrote {} ({} entities, {} inferences, {} open questions)",
                path.display(),
                draft.entities.len(),
                draft.inferences.len(),
                draft.questions.len()
            );
        }
        None => print!("{}", draft.spec),
    }
    EXIT_OK
}
