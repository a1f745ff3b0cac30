//! MySQL/MariaDB SQL → [`Schema`], on sqlparser's MySQL grammar.
//!
//! The script is split the way the `mariadb` client splits it (`DELIMITER`
//! blocks, comments, `/*!NNNNN ... */` version comments read as code), then
//! each statement is applied in order to one model, as the server would.
//!
//! Invariant: nothing is silently lost. Tables, columns, keys, indexes and
//! table options become the model; views, triggers, procedures, functions
//! and events become named [`OpaqueObject`]s with their SQL; FULLTEXT and
//! SPATIAL indexes become opaque objects too (the model has no such index
//! method) with a warning; `PARTITION BY` is kept as a table option with a
//! warning; anything else the importer cannot read is a located warning
//! (`line:col`) and an opaque object. Data (INSERT, ...) is skipped and
//! counted in one summary warning; session statements (SET, USE, LOCK,
//! START TRANSACTION, ...) change no schema and are skipped.

mod alter;
pub(crate) mod opaque;
pub(crate) mod split;
mod tables;

pub(crate) use tables::index_name;

use crate::canonical::canonicalize;
use plinth_model::{DialectKind, OpaqueObject, Schema, SourceRef, Target};
use sqlparser::dialect::MySqlDialect;
use sqlparser::parser::Parser;
use std::collections::BTreeMap;
use std::ops::Range;

/// How to read the SQL.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The server's default collation (`collation_server`), which tables
    /// get when neither the table nor its database names one. MariaDB as
    /// Debian configures it: `utf8mb4_general_ci`.
    pub server_collation: String,
    /// Major version the schema is for (MariaDB 10, MySQL 8).
    pub version: u32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            server_collation: "utf8mb4_general_ci".into(),
            version: 10,
        }
    }
}

/// Something the importer did not (fully) understand, located exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// Byte range of the statement (or of the part) in the script.
    pub span: Range<usize>,
    /// 1-based line and column of the span's start.
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
    /// Session statements skipped (SET, USE, LOCK TABLES, ...).
    pub session_skipped: usize,
}

#[derive(Debug, Clone)]
pub struct ImportResult {
    pub schema: Schema,
    pub warnings: Vec<ImportWarning>,
    pub summary: ImportSummary,
}

/// Imports one MySQL script.
pub fn import_sql(sql: &str, options: &ImportOptions) -> ImportResult {
    let mut imp = Importer {
        script: sql,
        schema: Schema::new(Target {
            dialect: DialectKind::MySql,
            version: options.version,
        }),
        warnings: Vec::new(),
        summary: ImportSummary::default(),
        current_db: None,
        home_db: None,
        db_collations: BTreeMap::new(),
        server_collation: options.server_collation.clone(),
    };
    for piece in split::split(sql) {
        imp.summary.statements += 1;
        imp.statement(&piece);
    }
    if !imp.summary.data_skipped.is_empty() {
        let what: Vec<String> = imp
            .summary
            .data_skipped
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect();
        imp.warnings.push(ImportWarning {
            span: 0..0,
            line: 1,
            col: 1,
            message: format!("data is not schema: skipped {} statement(s)", what.join(", ")),
        });
    }
    // Table collations are kept unless they are the server's default (a
    // database created with another default passes it on to its tables).
    let collation = imp.server_collation.clone();
    canonicalize(&mut imp.schema, &collation);
    ImportResult {
        schema: imp.schema,
        warnings: imp.warnings,
        summary: imp.summary,
    }
}

pub(crate) struct Importer<'s> {
    script: &'s str,
    pub(crate) schema: Schema,
    warnings: Vec<ImportWarning>,
    summary: ImportSummary,
    /// The database `USE` selected.
    current_db: Option<String>,
    /// The first database the script works in: its objects are the model's
    /// default namespace.
    home_db: Option<String>,
    /// Default collations of databases the script created.
    db_collations: BTreeMap<String, String>,
    server_collation: String,
}

/// A statement being applied: its text (leading comments stripped) and
/// where that text starts in the script.
pub(crate) struct Stmt<'a> {
    pub sql: &'a str,
    pub offset: usize,
    pub end: usize,
}

impl Stmt<'_> {
    pub fn span(&self) -> Range<usize> {
        self.offset..self.end
    }
    pub fn origin(&self) -> Option<SourceRef> {
        Some(SourceRef {
            start: self.offset,
            end: self.end,
        })
    }
}

impl Importer<'_> {
    fn statement(&mut self, piece: &split::Piece) {
        let body = split::strip_leading_comments(&piece.sql);
        let lead = piece.sql.len() - body.len();
        let sql = body.trim_end();
        let st = Stmt {
            sql,
            offset: piece.span.start + lead,
            end: piece.span.start + lead + sql.len(),
        };
        let words = leading_words(sql, 6);
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        match w.as_slice() {
            ["set", ..]
            | ["use", ..]
            | ["lock", ..]
            | ["unlock", ..]
            | ["start", "transaction", ..]
            | ["begin"]
            | ["commit", ..]
            | ["rollback", ..]
            | ["flush", ..] => {
                if let ["use", _, ..] = w.as_slice() {
                    let db = unquote_ident(&leading_words_raw(sql, 2)[1]);
                    self.home_db.get_or_insert_with(|| db.clone());
                    self.current_db = Some(db);
                }
                self.summary.session_skipped += 1;
            }
            ["insert", ..] | ["replace", ..] | ["update", ..] | ["delete", ..] | ["load", ..] | ["select", ..] => {
                *self.summary.data_skipped.entry(w[0].to_ascii_uppercase()).or_default() += 1;
            }
            ["create", "database" | "schema", ..] => self.create_database(&st),
            ["drop", "database" | "schema", ..] => {}
            ["create", "table", ..] | ["create", "temporary", "table", ..] => self.create_table(&st),
            ["alter", "table", ..] | ["alter", "ignore", "table", ..] => self.alter_table(&st),
            ["create", "fulltext" | "spatial", "index", ..] => self.special_index(&st),
            ["create", "index", ..] | ["create", "unique", "index", ..] => self.create_index(&st),
            ["drop", "table", ..] => self.drop_table(&st),
            ["drop", "index", ..] => self.drop_index(&st),
            ["drop", "view" | "trigger" | "procedure" | "function" | "event", ..] => self.drop_opaque(&st, w[1]),
            ["create", ..] => self.create_opaque(&st),
            _ => self.unsupported(&st, "statement not understood by the MySQL importer"),
        }
    }

    /// The collation new tables get in the current database.
    pub(crate) fn current_collation(&self) -> String {
        self.current_db
            .as_ref()
            .and_then(|d| self.db_collations.get(d))
            .cloned()
            .unwrap_or_else(|| self.server_collation.clone())
    }

    fn create_database(&mut self, st: &Stmt<'_>) {
        // `CHARSET=x` and `CHARSET x` alike.
        let spaced = st.sql.replace('=', " ");
        let raw = leading_words_raw(&spaced, 12);
        let words = leading_words(&spaced, 12);
        let mut name = None;
        let mut charset = None;
        let mut collation = None;
        let mut i = 2;
        if words.get(2).map(String::as_str) == Some("if") {
            i = 5;
        }
        if let Some(n) = raw.get(i) {
            name = Some(unquote_ident(n));
        }
        for (k, pair) in words.windows(2).enumerate() {
            match pair[0].as_str() {
                "charset" | "set" if k > i => charset = Some(pair[1].trim_start_matches('=').to_string()),
                "collate" if k > i => collation = Some(pair[1].trim_start_matches('=').to_string()),
                _ => {}
            }
        }
        let coll = collation.filter(|c| !c.is_empty() && c != "=").or_else(|| {
            charset
                .filter(|c| !c.is_empty() && c != "=")
                .map(|c| crate::types::default_collation(&c))
        });
        if let (Some(name), Some(coll)) = (name, coll) {
            self.db_collations
                .insert(name, crate::types::canonical_collation(&coll));
        }
    }

    /// Parses one statement with sqlparser's MySQL dialect.
    pub(crate) fn parse(&mut self, st: &Stmt<'_>, text: &str) -> Option<sqlparser::ast::Statement> {
        match Parser::parse_sql(&MySqlDialect {}, text) {
            Ok(mut v) if v.len() == 1 => v.pop(),
            Ok(_) => {
                self.unsupported(st, "expected one statement");
                None
            }
            Err(e) => {
                let msg = e.to_string();
                // sqlparser counts from the statement; the warning says
                // where in the file.
                let (msg, at) = match error_position(&msg).and_then(|(l, c)| offset_of(text, l, c)) {
                    Some(off) => {
                        let (line, col) = split::line_col(self.script, st.offset + off);
                        let short = msg.split(" at Line:").next().unwrap_or(&msg).to_string();
                        (format!("{short} at {line}:{col}"), Some(off))
                    }
                    None => (msg, None),
                };
                self.unsupported(st, &format!("the MySQL grammar did not accept it ({msg})"));
                if let Some(off) = at {
                    let (line, col) = split::line_col(self.script, st.offset + off);
                    if let Some(w) = self.warnings.last_mut() {
                        w.span = st.offset + off..st.end.max(st.offset + off);
                        (w.line, w.col) = (line, col);
                    }
                }
                None
            }
        }
    }

    pub(crate) fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        let (line, col) = split::line_col(self.script, span.start);
        self.warnings.push(ImportWarning {
            span,
            line,
            col,
            message: message.into(),
        });
    }

    /// A statement kept verbatim as an opaque object, with a warning.
    pub(crate) fn unsupported(&mut self, st: &Stmt<'_>, why: &str) {
        let first = leading_words(st.sql, 3).join(" ").to_ascii_uppercase();
        self.warn(st.span(), format!("{first}: {why}; kept verbatim as an opaque object"));
        let (line, col) = split::line_col(self.script, st.offset);
        self.schema.opaque.push(OpaqueObject {
            kind: "statement".into(),
            namespace: None,
            name: format!("line {line}:{col}"),
            sql: st.sql.to_string(),
            depends_on: Vec::new(),
            origin: st.origin(),
        });
    }

    /// Name resolution: `db.name` in the home database is `name`.
    pub(crate) fn namespace_of(&mut self, db: Option<String>) -> Option<String> {
        let db = db.or_else(|| self.current_db.clone())?;
        if self.home_db.is_none() {
            self.home_db = Some(db.clone());
        }
        (Some(&db) != self.home_db.as_ref()).then_some(db)
    }
}

/// The first `n` words of a statement, lowercased (quotes kept).
pub(crate) fn leading_words(sql: &str, n: usize) -> Vec<String> {
    leading_words_raw(sql, n)
        .into_iter()
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// The first `n` words of a statement, case kept; a backquoted name (which
/// may hold spaces) stays one word with its quotes.
pub(crate) fn leading_words_raw(sql: &str, n: usize) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in sql.chars() {
        if words.len() == n {
            break;
        }
        match c {
            '`' => {
                quoted = !quoted;
                cur.push(c);
            }
            c if !quoted && (c.is_whitespace() || c == '(' || c == ';') => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() && words.len() < n {
        words.push(cur);
    }
    words
}

/// `` `a``b` `` → ``a`b``; `"x"` → `x`; plain names as they are.
pub(crate) fn unquote_ident(s: &str) -> String {
    let s = s.trim();
    if s.len() >= 2 && s.starts_with('`') && s.ends_with('`') {
        return s[1..s.len() - 1].replace("``", "`");
    }
    if s.len() >= 2 && s.starts_with('"') && s.ends_with('"') {
        return s[1..s.len() - 1].replace("\"\"", "\"");
    }
    s.to_string()
}

/// `... at Line: 3, Column: 24` in a sqlparser error.
fn error_position(msg: &str) -> Option<(usize, usize)> {
    let rest = msg.rsplit_once("at Line: ")?.1;
    let (line, rest) = rest.split_once(", Column: ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

/// Byte offset of 1-based (line, column in characters) in `text`.
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_text = text[start..].split('\n').next()?;
    let within: usize = line_text.chars().take(col.checked_sub(1)?).map(char::len_utf8).sum();
    Some(start + within)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_default_charset_reaches_its_tables() {
        let sql = "CREATE DATABASE shop DEFAULT CHARSET=latin1;\nUSE shop;\nCREATE TABLE t (a VARCHAR(3));\n\
                   CREATE TABLE other.u (b INT);";
        let s = import_sql(sql, &ImportOptions::default()).schema;
        assert_eq!(s.tables[0].options, vec!["COLLATE=latin1_swedish_ci".to_string()]);
        assert_eq!(s.tables[0].namespace, None);
        assert_eq!(s.tables[1].namespace.as_deref(), Some("other"));
    }
}
