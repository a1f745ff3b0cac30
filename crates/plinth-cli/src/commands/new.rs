//! `plinth new NAME`: a starter spec that passes `check` and shows the
//! main constructs.

use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::PathBuf;

const STARTER: &str = include_str!("starter.plinth");

pub fn run(name: &str, force: bool) -> u8 {
    let valid = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if !valid {
        eprintln!(
            "error: `{name}` is not a usable name\n  help: use letters, digits, `-` and `_`, e.g. `plinth new shop`"
        );
        return EXIT_INPUT;
    }
    let path = PathBuf::from(format!("{name}.plinth"));
    if path.exists() && !force {
        eprintln!(
            "error: {} already exists\n  help: pick another name or pass --force to overwrite it",
            path.display()
        );
        return EXIT_INPUT;
    }
    if let Err(e) = files::write_atomic(&path, STARTER) {
        eprintln!("{e}");
        return EXIT_INPUT;
    }
    eprintln!(
        "wrote {}\nnext: plinth check {0} && plinth design {0} --out build/",
        path.display()
    );
    EXIT_OK
}
