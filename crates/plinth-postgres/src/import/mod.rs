//! PostgreSQL SQL → [`Schema`], on the real PostgreSQL grammar (pg_query).
//!
//! Statements are applied in order to one model, the way the server would
//! apply them: a dump that adds its constraints with ALTER TABLE at the end,
//! or a folder of migrations replayed in order, yields the final schema.
//!
//! Invariant: nothing is silently lost. What the model interprets becomes
//! tables, columns, constraints, indexes, enums, sequences, policies;
//! objects it does not interpret (views, functions, triggers, extensions,
//! domains, ...) become [`OpaqueObject`]s with their SQL and dependencies;
//! anything else becomes a located [`ImportWarning`] and an opaque object.
//! Data (INSERT, COPY, ...) is not schema: it is skipped and counted in one
//! summary warning. Session settings (`SET client_encoding`, BEGIN/COMMIT)
//! and ownership (`OWNER TO`) do not change the schema and are ignored.

mod alter;
mod canonical;
mod constraints;
mod drop;
mod exprs;
mod hints;
mod indexes;
pub(crate) mod nodes;
mod opaque;
mod rename;
mod sequences;
pub(crate) mod split;
mod tables;
pub(crate) mod types;

pub use canonical::normalize_expr;
pub use types::{logical_for, physical_from_text};

/// The byte ranges of a script's statements, cut at top-level semicolons the
/// way psql reads it (dollar quotes, strings, quoted identifiers and comments
/// respected; leading comments trimmed). For runners that execute a script
/// statement by statement, e.g. `plinth migrate`.
pub fn statement_spans(script: &str) -> Vec<std::ops::Range<usize>> {
    split::split(script).statements
}

use pg_query::NodeEnum;
use plinth_model::{DialectKind, OpaqueObject, Schema, SourceRef, Target};
use std::collections::BTreeMap;
use std::ops::Range;

/// How to read the SQL.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The search path in force when the script starts (`SET search_path`
    /// in the script changes it). Unqualified names resolve against it;
    /// `public` is the model's default namespace.
    pub search_path: Vec<String>,
    /// PostgreSQL major version the schema is for.
    pub version: u32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            search_path: vec!["public".into()],
            version: 15,
        }
    }
}

/// Something the importer did not (fully) understand, located exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// Which script (0 for [`import_sql`]; the position in the list for
    /// [`import_scripts`]).
    pub script: usize,
    /// 0-based statement number within the script.
    pub statement: usize,
    /// Byte range of the statement (or meta-command) in the script.
    pub span: Range<usize>,
    pub message: String,
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "script {} statement {} (bytes {}..{}): {}",
            self.script, self.statement, self.span.start, self.span.end, self.message
        )
    }
}

/// Counts of what was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub statements: usize,
    /// Data statements skipped, by kind (`INSERT`, `COPY`, ...).
    pub data_skipped: BTreeMap<String, usize>,
    /// Rows of COPY data blocks skipped.
    pub copy_rows_skipped: usize,
}

#[derive(Debug, Clone)]
pub struct ImportResult {
    pub schema: Schema,
    pub warnings: Vec<ImportWarning>,
    pub summary: ImportSummary,
}

/// One script of a sequence (a migration's `up.sql`).
#[derive(Debug, Clone, Copy)]
pub struct Script<'a> {
    pub name: &'a str,
    pub sql: &'a str,
}

/// Imports one SQL script.
pub fn import_sql(sql: &str, options: &ImportOptions) -> ImportResult {
    import_scripts(&[Script { name: "", sql }], options)
}

/// Imports scripts in order into one schema (a dump split in files, or
/// migrations replayed up). The search path carries over between scripts.
pub fn import_scripts(scripts: &[Script<'_>], options: &ImportOptions) -> ImportResult {
    let mut imp = Importer {
        schema: Schema::new(Target {
            dialect: DialectKind::Postgres,
            version: options.version,
        }),
        warnings: Vec::new(),
        summary: ImportSummary::default(),
        search_path: options.search_path.clone(),
        script: 0,
        statement: 0,
        span: 0..0,
        sql: String::new(),
        first_data: None,
    };
    for (i, s) in scripts.iter().enumerate() {
        imp.script = i;
        imp.run(s.sql);
    }
    imp.finish()
}

/// Orders Diesel migration folder names the way Diesel runs them: by the
/// version before the first `_` with its dashes removed
/// (`2017-09-23-182408` → `20170923182408`), so that both naming styles
/// interleave by date; folder names compared lexically would not.
pub fn diesel_order<S: AsRef<str>>(names: &mut [S]) {
    names.sort_by_key(|n| {
        let n = n.as_ref();
        let version = n.split('_').next().unwrap_or(n).replace('-', "");
        (version, n.to_string())
    });
}

pub(crate) struct Importer {
    pub(crate) schema: Schema,
    warnings: Vec<ImportWarning>,
    summary: ImportSummary,
    pub(crate) search_path: Vec<String>,
    script: usize,
    statement: usize,
    span: Range<usize>,
    /// The current statement's text, as written.
    pub(crate) sql: String,
    first_data: Option<(usize, usize, Range<usize>)>,
}

impl Importer {
    fn run(&mut self, src: &str) {
        let sp = split::split(src);
        for (span, text) in &sp.meta {
            // Numbered like the statement that follows it.
            self.statement = sp.statements.iter().filter(|s| s.start < span.start).count();
            self.span = span.clone();
            self.warn(format!("psql meta-command `{text}` is not SQL; skipped"));
        }
        for (span, rows) in &sp.copy_data {
            self.summary.copy_rows_skipped += rows;
            self.note_data(span.clone());
        }
        let pieces = crate::parser::parse_statements(&sp);
        let mut prev_end = 0;
        for (i, (span, node)) in pieces.into_iter().enumerate() {
            self.statement = i;
            self.summary.statements += 1;
            self.sql = src[span.clone()].trim_end_matches(';').trim_end().to_string();
            self.span = span.clone();
            let before = std::mem::replace(&mut prev_end, span.end);
            match node {
                Ok(node) => {
                    self.statement(&node);
                    if let NodeEnum::CreateStmt(s) = &node {
                        if let Some(rv) = &s.relation {
                            self.rename_hints(src, before, &span, &rv.relname);
                        }
                    }
                }
                Err(e) => {
                    self.warn(format!("not valid PostgreSQL: {e}; kept verbatim"));
                    self.keep_opaque("unparsed", &format!("statement {}", self.statement));
                }
            }
        }
    }

    fn finish(mut self) -> ImportResult {
        if let Some((script, statement, span)) = self.first_data.take() {
            let total: usize = self.summary.data_skipped.values().sum();
            let kinds = self
                .summary
                .data_skipped
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect::<Vec<_>>()
                .join(", ");
            let rows = match self.summary.copy_rows_skipped {
                0 => String::new(),
                n => format!(" ({n} COPY rows)"),
            };
            self.warnings.push(ImportWarning {
                script,
                statement,
                span,
                message: format!(
                    "skipped {total} data statement(s): {kinds}{rows}; data is not schema (first one here)"
                ),
            });
        }
        ImportResult {
            schema: self.schema,
            warnings: self.warnings,
            summary: self.summary,
        }
    }

    pub(crate) fn origin(&self) -> SourceRef {
        SourceRef {
            start: self.span.start,
            end: self.span.end,
        }
    }

    pub(crate) fn current_script(&self) -> usize {
        self.script
    }

    pub(crate) fn current_statement(&self) -> usize {
        self.statement
    }

    pub(crate) fn warn(&mut self, message: String) {
        self.warnings.push(ImportWarning {
            script: self.script,
            statement: self.statement,
            span: self.span.clone(),
            message,
        });
    }

    fn note_data(&mut self, span: Range<usize>) {
        if self.first_data.is_none() {
            self.first_data = Some((self.script, self.statement, span));
        }
    }

    fn skip_data(&mut self, kind: &str) {
        *self.summary.data_skipped.entry(kind.to_string()).or_default() += 1;
        self.note_data(self.span.clone());
    }

    /// Keeps the current statement verbatim as an opaque object.
    pub(crate) fn keep_opaque(&mut self, kind: &str, name: &str) {
        self.keep_opaque_in(kind, None, name);
    }

    /// Keeps the current statement verbatim as an opaque object in `namespace`.
    pub(crate) fn keep_opaque_in(&mut self, kind: &str, namespace: Option<String>, name: &str) {
        let name = name.to_string();
        let mut depends_on = opaque::dependencies(&self.sql);
        depends_on.retain(|d| *d != name && Some(d.as_str()) != name.split('(').next());
        self.schema.opaque.push(OpaqueObject {
            kind: kind.to_string(),
            namespace,
            name,
            sql: self.sql.clone(),
            depends_on,
            origin: Some(self.origin()),
        });
    }

    /// The namespace a new object goes into: its own qualifier, else the
    /// first schema of the search path.
    pub(crate) fn create_ns(&self, schema: &str) -> Option<String> {
        if !schema.is_empty() {
            return types::norm_ns(schema);
        }
        self.search_path
            .iter()
            .find(|s| !s.starts_with('$') && *s != "pg_catalog")
            .and_then(|s| types::norm_ns(s))
    }

    /// Namespaces of the search path, in order, with `public` as None.
    pub(crate) fn path_namespaces(&self) -> Vec<Option<String>> {
        let mut v: Vec<Option<String>> = self
            .search_path
            .iter()
            .filter(|s| !s.starts_with('$') && *s != "pg_catalog")
            .map(|s| types::norm_ns(s))
            .collect();
        if v.is_empty() {
            v.push(None);
        }
        v
    }

    /// A table by (possibly empty) schema and name, resolved on the path.
    pub(crate) fn find_table(&self, schema: &str, name: &str) -> Option<usize> {
        let found = |ns: Option<&str>| {
            self.schema
                .tables
                .iter()
                .position(|t| t.name == name && t.namespace.as_deref() == ns)
        };
        if !schema.is_empty() {
            return found(types::norm_ns(schema).as_deref());
        }
        self.path_namespaces().into_iter().find_map(|ns| found(ns.as_deref()))
    }

    fn statement(&mut self, node: &NodeEnum) {
        match node {
            NodeEnum::CreateStmt(s) => self.create_table(s),
            NodeEnum::IndexStmt(s) => self.create_index(s),
            NodeEnum::AlterTableStmt(s) => self.alter_table(s),
            NodeEnum::CreateEnumStmt(s) => self.create_enum(s, self.origin()),
            NodeEnum::AlterEnumStmt(s) => self.alter_enum(s),
            NodeEnum::CreateSeqStmt(s) => self.create_sequence(s),
            NodeEnum::AlterSeqStmt(s) => self.alter_sequence(s),
            NodeEnum::CommentStmt(s) => self.comment(s),
            NodeEnum::CreatePolicyStmt(s) => self.create_policy(s),
            NodeEnum::AlterPolicyStmt(s) => self.alter_policy(s),
            NodeEnum::RenameStmt(s) => self.rename(s),
            NodeEnum::DropStmt(s) => self.drop(s),
            NodeEnum::VariableSetStmt(s) => self.set(s),
            NodeEnum::TransactionStmt(_)
            | NodeEnum::AlterOwnerStmt(_)
            | NodeEnum::VariableShowStmt(_)
            | NodeEnum::CheckPointStmt(_)
            | NodeEnum::VacuumStmt(_)
            | NodeEnum::ClusterStmt(_)
            | NodeEnum::ReindexStmt(_)
            | NodeEnum::LockStmt(_)
            | NodeEnum::DiscardStmt(_) => {}
            NodeEnum::InsertStmt(_) => self.skip_data("INSERT"),
            NodeEnum::CopyStmt(_) => self.skip_data("COPY"),
            NodeEnum::UpdateStmt(_) => self.skip_data("UPDATE"),
            NodeEnum::DeleteStmt(_) => self.skip_data("DELETE"),
            NodeEnum::TruncateStmt(_) => self.skip_data("TRUNCATE"),
            NodeEnum::MergeStmt(_) => self.skip_data("MERGE"),
            NodeEnum::SelectStmt(s) => self.select(s),
            NodeEnum::CreatedbStmt(_) | NodeEnum::DropdbStmt(_) | NodeEnum::AlterDatabaseStmt(_) => {
                self.warn("a statement about a whole database is not part of a schema; skipped".into());
            }
            other => self.opaque_statement(other),
        }
    }
}
