//! `plinth erd SPEC --format mermaid|dbml|dot|svg [--out FILE]`: the
//! entity-relationship diagram of the designed schema, on standard output
//! or written atomically to a file.

use crate::load::load;
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

/// The built-in SVG renderer is written alongside; until it lands, `svg`
/// is a clear usage error rather than an empty or partial file.
const SVG_UNAVAILABLE: &str = "--format svg is not yet available in this build; use mermaid, dbml or dot \
     (e.g. `plinth erd SPEC --format dot | dot -Tsvg`)";

/// Why a format cannot be drawn by this build, if it cannot.
pub fn unavailable(format: Format) -> Option<&'static str> {
    (format == Format::Svg).then_some(SVG_UNAVAILABLE)
}

/// The diagram text, or why this format cannot be drawn.
pub fn render(schema: &plinth_model::Schema, format: Format) -> Result<String, String> {
    match format {
        Format::Mermaid => Ok(plinth_docs::erd::mermaid::render(schema)),
        Format::Dbml => Ok(plinth_docs::erd::dbml::render(schema)),
        Format::Dot => Ok(plinth_docs::erd::dot::render(schema)),
        Format::Svg => Err(SVG_UNAVAILABLE.into()),
    }
}

pub fn run(spec: &Path, format: Format, out: Option<&Path>, color: bool) -> u8 {
    // A format that cannot be drawn is a usage error: say so before any work.
    if let Some(why) = unavailable(format) {
        eprintln!("error: {why}");
        return EXIT_INPUT;
    }
    let loaded = match load(spec, color) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let schema = crate::load::design(&loaded, color);
    let text = match render(&schema, format) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INPUT;
        }
    };
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
