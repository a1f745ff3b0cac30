//! `plinth verify SPEC`: design, emit, apply to a fresh database on a real
//! PostgreSQL (throwaway cluster or `--database-url`), then probe the
//! conventions on real rows.

use crate::load::load;
use crate::{EXIT_FINDINGS, EXIT_OK};
use plinth_model::SourceRef;
use plinth_sandbox::{apply, run_probes, Sandbox};
use plinth_spec::ast::Span;
use plinth_spec::{Diagnostic, Severity};
use std::path::Path;

pub fn run(spec: &Path, database_url: Option<&str>, color: bool) -> u8 {
    let loaded = match load(spec, color) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let schema = crate::load::design(&loaded, color);
    let statements = plinth_postgres::emit(&schema);

    let sandbox = match Sandbox::connect(database_url) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: verification could not start a database: {e}\n  help: install the PostgreSQL server binaries (Debian: apt-get install postgresql), set PG_BIN, or pass --database-url");
            return EXIT_FINDINGS;
        }
    };
    if let Ok(v) = sandbox.server_version() {
        if v < schema.target.version {
            eprintln!(
                "warning: the spec targets PostgreSQL {}, the server is {v}; statements newer than {v} may fail",
                schema.target.version
            );
        }
    }
    let db = match sandbox.fresh_database() {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: cannot create a scratch database on {}: {e}", sandbox.describe());
            return EXIT_FINDINGS;
        }
    };
    let mut client = match db.client() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: cannot connect to the scratch database: {e}");
            return EXIT_FINDINGS;
        }
    };
    match apply(&mut client, &statements) {
        Ok(report) => eprintln!(
            "applied {} statements on {} in {} ms",
            report.applied,
            sandbox.describe(),
            report.total.as_millis()
        ),
        Err(e) => {
            let origin = refine_origin(&schema, &e).or(e.origin);
            let span = origin.map(|o| Span::new(o.start, o.end)).unwrap_or_default();
            let diagnostic = Diagnostic {
                severity: Severity::Error,
                code: "verify::statement-failed",
                message: format!("PostgreSQL rejected statement {} ({}): {}", e.index + 1, e.object, e.message),
                span,
                label: format!("this asked for {}", e.object),
                help: e.hint.clone().unwrap_or_else(|| "the statement and the server's detail follow; this is a plinth bug if the spec is valid, please report it".into()),
                related: vec![],
            };
            eprint!(
                "{}",
                plinth_spec::render(&[diagnostic], &loaded.name, &loaded.source, color)
            );
            eprintln!("{e}");
            return EXIT_FINDINGS;
        }
    }
    drop(client);
    let report = run_probes(&db, &schema);
    println!("{report}");
    if report.passed() {
        EXIT_OK
    } else {
        eprintln!("error: {} probe(s) failed", report.failures().len());
        EXIT_FINDINGS
    }
}

/// The server often says where in a statement it failed. When that line of a
/// CREATE TABLE is one column or constraint, point at the spec field or
/// attribute behind it rather than at the whole entity.
fn refine_origin(schema: &plinth_model::Schema, e: &plinth_sandbox::ApplyError) -> Option<SourceRef> {
    let (line, _) = e.line_col()?;
    let text = e.statement.lines().nth(line - 1)?.trim_start();
    let table = schema.tables.iter().find(|t| e.object == format!("table {}", t.name))?;
    if let Some(rest) = text.strip_prefix("CONSTRAINT ") {
        let name = rest.split_whitespace().next()?;
        let unquoted = name.trim_matches('"').replace("\"\"", "\"");
        return table
            .checks
            .iter()
            .find(|c| c.name == unquoted)
            .and_then(|c| c.origin)
            .or_else(|| {
                table
                    .foreign_keys
                    .iter()
                    .find(|f| f.name == unquoted)
                    .and_then(|f| f.origin)
            })
            .or_else(|| table.uniques.iter().find(|u| u.name == unquoted).and_then(|u| u.origin));
    }
    let first = text.split_whitespace().next()?;
    let column = first.trim_matches('"').replace("\"\"", "\"");
    table.column(&column).and_then(|c| c.origin)
}
