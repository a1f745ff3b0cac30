//! `plinth erd SOURCE --format mermaid|dbml|dot|svg [--out FILE]`: the
//! entity-relationship diagram of the designed schema, on standard output
//! or written atomically to a file.

use crate::{files, EXIT_INPUT, EXIT_OK};
use std::path::Path;

/// The diagram formats `plinth erd` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Mermaid `erDiagram` (renders in GitHub Markdown).
    Mermaid,
    /// DBML, for dbdiagram.io and the DBML tools.
    Dbml,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// SVG drawn by plinth itself, no external program.
    Svg,
}

/// The diagram text.
pub fn render(schema: &plinth_model::Schema, format: Format) -> String {
    match format {
        Format::Mermaid => plinth_docs::erd::mermaid::render(schema),
        Format::Dbml => plinth_docs::erd::dbml::render(schema),
        Format::Dot => plinth_docs::erd::dot::render(schema),
        Format::Svg => plinth_docs::erd::svg::render(schema),
    }
}

pub fn run(source: Option<&Path>, db: Option<&str>, format: Format, out: Option<&Path>, color: bool) -> u8 {
    let read = match crate::source::read(source, db, color) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let text = render(&read.schema, format);
    let Some(out) = out else {
        print!("{text}");
        return EXIT_OK;
    };
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return EXIT_INPUT;
        }
    }
    if let Err(e) = files::write_atomic(out, &text) {
        eprintln!("{e}");
        return EXIT_INPUT;
    }
    eprintln!("wrote {}", out.display());
    EXIT_OK
}
