//! SQLite SQL → [`Schema`], statement by statement, in order (a script that
//! drops and recreates a table ends with the last definition).
//!
//! Invariant: nothing is silently lost. Tables, columns, keys, uniques,
//! checks, foreign keys and indexes become the model; views and triggers
//! are kept as named opaque objects with their SQL (as SQLite stores it);
//! what the model cannot hold (PRAGMA, ATTACH, virtual tables, temporary
//! objects, ON CONFLICT clauses, unparsable statements) becomes a located
//! [`ImportWarning`] and, for statements, an opaque object. Data (INSERT,
//! UPDATE, DELETE, SELECT) is not schema: skipped and counted in one
//! warning. Transaction control (BEGIN, COMMIT) changes nothing.

mod objects;

use crate::ddl::{parse_index, parse_table, Cursor, ParseError};
use crate::lexer::{line_col, tokenize, Tok};
use crate::lower;
use crate::split::{split, Statement};
use plinth_model::{DialectKind, OpaqueObject, Schema, SourceRef, Target};
use std::collections::BTreeMap;
use std::ops::Range;

/// Something the importer did not (fully) understand, located exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// 0-based statement number.
    pub statement: usize,
    /// Byte range in the script.
    pub span: Range<usize>,
    /// 1-based line and column (characters) of the span's start.
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl std::fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Counts of what was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub statements: usize,
    /// Data statements skipped, by kind (`INSERT`, ...).
    pub data_skipped: BTreeMap<String, usize>,
}

#[derive(Debug, Clone)]
pub struct ImportResult {
    pub schema: Schema,
    pub warnings: Vec<ImportWarning>,
    pub summary: ImportSummary,
}

/// The SQLite version the model targets (3.x; the minor release that
/// brought the newest syntax the emitter uses: STRICT tables, 3.37).
pub const VERSION: u32 = 3;

/// Imports one SQLite script.
pub fn import_sql(sql: &str) -> ImportResult {
    let mut imp = Importer {
        src: sql,
        schema: Schema::new(Target {
            dialect: DialectKind::Sqlite,
            version: VERSION,
        }),
        warnings: Vec::new(),
        summary: ImportSummary::default(),
        statement: 0,
        span: 0..0,
        first_data: None,
        pk_desc: Vec::new(),
        declared: BTreeMap::new(),
    };
    let tokens = tokenize(sql);
    for (i, st) in split(&tokens).iter().enumerate() {
        imp.statement = i;
        imp.span = st.span.clone();
        imp.summary.statements += 1;
        imp.run(st);
    }
    imp.finish()
}

pub(crate) struct Importer<'s> {
    pub(crate) src: &'s str,
    pub(crate) schema: Schema,
    warnings: Vec<ImportWarning>,
    summary: ImportSummary,
    statement: usize,
    pub(crate) span: Range<usize>,
    first_data: Option<(usize, Range<usize>)>,
    /// Tables whose key was written `PRIMARY KEY DESC` on the column.
    pub(crate) pk_desc: Vec<String>,
    /// Declared types as written, by (table, column) in lower case.
    pub(crate) declared: BTreeMap<(String, String), String>,
}

impl Importer<'_> {
    pub(crate) fn warn(&mut self, message: impl Into<String>) {
        self.warn_at(self.span.clone(), message);
    }

    pub(crate) fn warn_at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, col) = line_col(self.src, span.start);
        self.warnings.push(ImportWarning {
            statement: self.statement,
            span,
            line,
            col,
            message: message.into(),
        });
    }

    /// The current statement's text.
    pub(crate) fn sql(&self) -> &str {
        &self.src[self.span.clone()]
    }

    pub(crate) fn origin(&self) -> Option<SourceRef> {
        Some(SourceRef {
            start: self.span.start,
            end: self.span.end,
        })
    }

    /// Keeps the current statement verbatim as an opaque object.
    pub(crate) fn keep_opaque(&mut self, kind: &str, name: &str, sql: String, depends_on: Vec<String>) {
        self.schema
            .opaque
            .retain(|o| !(o.kind == kind && o.name.eq_ignore_ascii_case(name)));
        self.schema.opaque.push(OpaqueObject {
            kind: kind.to_string(),
            namespace: None,
            name: name.to_string(),
            sql,
            depends_on,
            origin: self.origin(),
        });
    }

    /// Warns and keeps the statement: the model cannot hold it.
    pub(crate) fn unsupported(&mut self, kind: &str, name: &str, why: &str) {
        self.warn(format!("{why}; kept verbatim as {kind} `{name}`"));
        let sql = self.sql().to_string();
        self.keep_opaque(kind, name, sql, Vec::new());
    }

    fn parse_error(&mut self, e: ParseError) {
        self.warn_at(
            e.span,
            format!("not understood: {}; the statement is kept verbatim", e.message),
        );
        let name = format!("statement {}", self.statement + 1);
        let sql = self.sql().to_string();
        self.keep_opaque("unparsed", &name, sql, Vec::new());
    }

    fn run(&mut self, st: &Statement<'_>) {
        if let Some(bad) = st.tokens.iter().find(|t| matches!(t.tok, Tok::Bad(_))) {
            let Tok::Bad(why) = &bad.tok else { unreachable!() };
            let e = ParseError {
                span: bad.span.clone(),
                message: why.clone(),
            };
            return self.parse_error(e);
        }
        let first = &st.tokens[0];
        let second = st.tokens.get(1);
        let word = |t: Option<&crate::lexer::Token>, w: &str| t.is_some_and(|t| t.is(w));
        let mut c = Cursor::new(self.src, st.tokens);
        if first.is("CREATE") {
            let (temp, kind_at) = if word(second, "TEMP") || word(second, "TEMPORARY") {
                (true, 2)
            } else {
                (false, 1)
            };
            let kind = st.tokens.get(kind_at);
            if word(kind, "TABLE") {
                if temp {
                    return self.named_unsupported(
                        st,
                        "temporary table",
                        kind_at + 1,
                        "a temporary table is not part of the schema file",
                    );
                }
                match parse_table(&mut c) {
                    Ok(p) if p.as_select => self.named_unsupported(
                        st,
                        "table as select",
                        kind_at + 1,
                        "CREATE TABLE … AS SELECT takes its columns from a query",
                    ),
                    Ok(p) => self.create_table(p),
                    Err(e) => self.parse_error(e),
                }
            } else if word(kind, "INDEX") || (word(kind, "UNIQUE") && word(st.tokens.get(kind_at + 1), "INDEX")) {
                match parse_index(&mut c) {
                    Ok(ix) => self.create_index(ix),
                    Err(e) => self.parse_error(e),
                }
            } else if word(kind, "VIEW") || word(kind, "TRIGGER") {
                let k = if word(kind, "VIEW") { "view" } else { "trigger" };
                if temp {
                    return self.named_unsupported(
                        st,
                        &format!("temporary {k}"),
                        kind_at + 1,
                        "a temporary object is not part of the schema file",
                    );
                }
                self.create_view_or_trigger(st, k, kind_at + 1);
            } else if word(kind, "VIRTUAL") {
                self.create_virtual(st);
            } else {
                self.unsupported(
                    "statement",
                    &format!("statement {}", self.statement + 1),
                    "this CREATE is not SQLite DDL the model knows",
                );
            }
        } else if first.is("DROP") {
            self.drop(st);
        } else if first.is("ALTER") {
            self.alter(st);
        } else if ["INSERT", "REPLACE", "UPDATE", "DELETE", "SELECT", "WITH", "VALUES"]
            .iter()
            .any(|w| first.is(w))
        {
            let kind = first.name().unwrap_or_default().to_ascii_uppercase();
            *self.summary.data_skipped.entry(kind).or_default() += 1;
            self.first_data.get_or_insert((self.statement, self.span.clone()));
        } else if ["BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"]
            .iter()
            .any(|w| first.is(w))
        {
            // Transaction control: the schema is the same either way.
        } else {
            let kind = first.name().unwrap_or("statement").to_ascii_lowercase();
            let name = match (kind.as_str(), second.and_then(|t| t.name())) {
                ("pragma" | "attach" | "detach", Some(n)) => n.to_string(),
                _ => format!("statement {}", self.statement + 1),
            };
            let why = match kind.as_str() {
                "pragma" => "PRAGMA sets a connection or file property, not schema",
                "attach" | "detach" => "ATTACH/DETACH changes the connection, not this schema",
                _ => "not a statement the schema model holds",
            };
            self.unsupported(&kind, &name, why);
        }
    }

    /// Warns and keeps a CREATE whose object name is at token `at`.
    fn named_unsupported(&mut self, st: &Statement<'_>, kind: &str, at: usize, why: &str) {
        let mut c = Cursor::new(self.src, st.tokens);
        c.pos = at;
        if c.eat("IF") {
            c.pos += 2;
        }
        let name = c
            .qualified_name()
            .map(|(_, n)| n)
            .unwrap_or_else(|_| format!("statement {}", self.statement + 1));
        self.unsupported(kind, &name, why);
    }

    fn finish(mut self) -> ImportResult {
        if let Some((statement, span)) = self.first_data.take() {
            let total: usize = self.summary.data_skipped.values().sum();
            let kinds = self
                .summary
                .data_skipped
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect::<Vec<_>>()
                .join(", ");
            self.statement = statement;
            self.warn_at(
                span,
                format!("skipped {total} data statement(s): {kinds}; data is not schema (first one here)"),
            );
        }
        let desc = std::mem::take(&mut self.pk_desc);
        let declared = std::mem::take(&mut self.declared);
        for t in &mut self.schema.tables {
            let table = t.name.to_ascii_lowercase();
            let of = |c: &str| declared.get(&(table.clone(), c.to_ascii_lowercase())).cloned();
            let pk_desc = desc.contains(&t.name);
            lower::mark_rowid_alias(t, pk_desc, &of);
        }
        lower::finish_schema(&mut self.schema);
        self.warnings.sort_by_key(|w| (w.span.start, w.statement));
        ImportResult {
            schema: self.schema,
            warnings: self.warnings,
            summary: self.summary,
        }
    }
}
