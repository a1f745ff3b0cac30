//! Importers for schema languages other than SQL: Prisma schema files
//! ([`import_prisma`]) and DBML ([`import_dbml`]).
//!
//! Both are small hand-written parsers over one shared lexer, because
//! neither language has a Rust grammar crate worth depending on and both
//! are line-oriented enough that recovery is easy: a line or block that
//! cannot be read becomes a located [`ImportWarning`] and parsing resumes at
//! the next line or block, so malformed input never panics and nothing is
//! dropped without a word.
//!
//! Names follow what the real tool would create on PostgreSQL (Prisma
//! Migrate's `Post_pkey`, `Post_authorId_fkey`, `User_email_key`; PostgreSQL's
//! own defaults for DBML, which `@dbml/core` leaves unnamed), so that a
//! model imported here compares equal to the database the tool produced.
//!
//! Invariant: pure — no IO, no clock, deterministic output.

mod dbml;
mod lex;
mod prisma;

pub use dbml::import_dbml;
pub use prisma::import_prisma;

use plinth_model::Schema;
use std::ops::Range;

/// Something the importer did not (fully) understand, located exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// Byte range in the source.
    pub span: Range<usize>,
    /// 1-based line and column of `span.start`.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

#[derive(Debug, Clone)]
pub struct ImportResult {
    pub schema: Schema,
    pub warnings: Vec<ImportWarning>,
}

/// Collects warnings with line/column computed from the source.
pub(crate) struct Diagnostics<'a> {
    src: &'a str,
    pub(crate) warnings: Vec<ImportWarning>,
}

impl<'a> Diagnostics<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Diagnostics {
            src,
            warnings: Vec::new(),
        }
    }

    pub(crate) fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        let start = span.start.min(self.src.len());
        let before = &self.src.as_bytes()[..start];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = self.src[line_start..].chars().take_while({
            let mut pos = line_start;
            move |c| {
                let keep = pos < start;
                pos += c.len_utf8();
                keep
            }
        });
        let column = column.count() + 1;
        self.warnings.push(ImportWarning {
            span,
            line,
            column,
            message: message.into(),
        });
    }
}

/// `CREATE SCHEMA` for a namespace other than `public`, kept as an opaque
/// object so the emitter creates it before anything that lives in it.
pub(crate) fn ensure_namespace(schema: &mut Schema, ns: &str) {
    if ns == "public" || schema.opaque.iter().any(|o| o.kind == "schema" && o.name == ns) {
        return;
    }
    schema.opaque.push(plinth_model::OpaqueObject {
        kind: "schema".into(),
        namespace: None,
        name: ns.into(),
        sql: format!("CREATE SCHEMA IF NOT EXISTS {};", plinth_postgres::quote::ident(ns)),
        depends_on: Vec::new(),
        origin: None,
    });
}

/// A serial column as PostgreSQL creates it: an owned sequence
/// `{table}_{column}_seq` and a `nextval` default (what Prisma's
/// `autoincrement()` and DBML's `increment` become on PostgreSQL).
pub(crate) fn make_serial(schema: &mut Schema, ns: Option<&str>, table: &str, col: &mut plinth_model::Column) {
    use plinth_postgres::quote::{ident, literal};
    let seq = format!("{table}_{}_seq", col.name);
    let qualified = match ns {
        Some(ns) => format!("{}.{}", ident(ns), ident(&seq)),
        None => ident(&seq),
    };
    col.default = Some(plinth_model::DefaultExpr::Sql(format!(
        "nextval({}::regclass)",
        literal(&qualified)
    )));
    col.nullable = false;
    schema.sequences.push(plinth_model::Sequence {
        namespace: ns.map(str::to_string),
        name: seq,
        data_type: col.physical.clone(),
        start: None,
        increment: None,
        min_value: None,
        max_value: None,
        cache: None,
        cycle: false,
        owned_by: Some((table.to_string(), col.name.clone())),
        origin: col.origin,
    });
}
