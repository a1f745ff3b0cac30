//! `plinth import SOURCE [--out app.plinth]`: read an existing schema
//! (PostgreSQL SQL, a Prisma schema or DBML) into the model and write it back as a
//! `.plinth` spec, so an existing project can adopt plinth. What the spec
//! cannot express is listed in its header; what the importer could not read
//! is printed as located warnings (and kept in the model, never dropped).

use crate::{files, EXIT_INPUT, EXIT_OK};
use plinth_spec::ast::Span;
use plinth_spec::{Diagnostic, Severity};
use std::path::Path;

/// The model and the importer's warnings as (byte range, message).
type Imported = (plinth_model::Schema, Vec<(std::ops::Range<usize>, String)>);

fn import(source: &Path, text: &str) -> Result<Imported, String> {
    match source.extension().and_then(|e| e.to_str()) {
        Some("sql") => {
            let r = plinth_postgres::import::import_sql(text, &plinth_postgres::import::ImportOptions::default());
            Ok((r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect()))
        }
        Some("prisma") => {
            let r = plinth_import::import_prisma(text);
            Ok((r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect()))
        }
        Some("dbml") => {
            let r = plinth_import::import_dbml(text);
            Ok((r.schema, r.warnings.into_iter().map(|w| (w.span, w.message)).collect()))
        }
        _ => Err(format!(
            "error: cannot tell what {} is\n  help: plinth import reads PostgreSQL `.sql` files, Prisma `.prisma` schemas and `.dbml` files",
            source.display()
        )),
    }
}

pub fn run(source: &Path, out: Option<&Path>, color: bool) -> u8 {
    let text = match files::read(source) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
    };
    let (schema, warnings) = match import(source, &text) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return EXIT_INPUT;
        }
    };
    let name = source.display().to_string();
    let diagnostics: Vec<Diagnostic> = warnings
        .iter()
        .map(|(span, message)| Diagnostic {
            severity: Severity::Warning,
            code: "import::kept-verbatim",
            message: message.clone(),
            span: Span::new(span.start, span.end),
            label: "not fully understood".into(),
            help: "the statement is kept verbatim in the model and listed in the spec's header".into(),
            related: vec![],
        })
        .collect();
    if !diagnostics.is_empty() {
        eprint!("{}", plinth_spec::render(&diagnostics, &name, &text, color));
    }
    let spec = plinth_spec::from_model::spec_from_model(&schema);
    match out {
        Some(path) => {
            if let Err(e) = files::write_atomic(path, &spec.text) {
                eprintln!("{e}");
                return EXIT_INPUT;
            }
            eprintln!("wrote {}", path.display());
        }
        None => print!("{}", spec.text),
    }
    eprintln!(
        "imported {} tables from {name}: {} warnings, {} things the spec cannot express (listed in its header)",
        schema.tables.len(),
        diagnostics.len(),
        spec.notes.len()
    );
    EXIT_OK
}
