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
        eprint!("{}", plinth_spec::render(&checked.diagnostics, &name, &source, color));
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

/// Decisions worth a warning: the design could not do what the spec asked.
const WARN_RULES: &[(&str, &str)] = &[(
    "query-not-indexed",
    "check the table and column names in the SQL; indexes are derived from FROM, WHERE and ORDER BY",
)];

/// Runs the design passes and prints the decisions that deserve a warning,
/// located at the spec item they are about.
pub fn design(loaded: &Loaded, color: bool) -> plinth_model::Schema {
    let schema = plinth_design::design(&loaded.spec);
    let warnings: Vec<plinth_spec::Diagnostic> = schema
        .decisions
        .iter()
        .filter_map(|d| {
            let (_, help) = WARN_RULES.iter().find(|(rule, _)| *rule == d.rule)?;
            let origin = d.origin?;
            Some(plinth_spec::Diagnostic {
                severity: Severity::Warning,
                code: "design::query-not-indexed",
                message: format!("{}: {}", d.subject, d.why),
                span: plinth_spec::ast::Span::new(origin.start, origin.end),
                label: "declared here".into(),
                help: (*help).to_string(),
                related: vec![],
            })
        })
        .collect();
    if !warnings.is_empty() {
        eprint!(
            "{}",
            plinth_spec::render(&warnings, &loaded.name, &loaded.source, color)
        );
    }
    schema
}
