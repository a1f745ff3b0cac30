//! DBML (dbdiagram.io) → model, as `@dbml/core`'s PostgreSQL export would
//! create it, with PostgreSQL's default names for what DBML leaves unnamed
//! (`t_pkey`, `t_c_key`, `t_c_fkey`, `t_c_idx`).
//!
//! One pass reads the file; references (inline `ref:` and `Ref:`) are
//! resolved at the end, when every table and alias is known. `-` (one to
//! one) puts the foreign key on the left side; `<>` makes a junction table
//! `{a}_{b}` as `@dbml/core` does. Cosmetic settings (`headercolor`,
//! `color`) are ignored on purpose; anything else unknown is a warning.

use crate::lex::{lex, Cursor, Tok, Token};
use crate::{ensure_namespace, Diagnostics, ImportResult};
use plinth_model::*;
use std::ops::Range;

/// Imports a DBML file. Never panics; what is not understood is a located
/// warning.
pub fn import_dbml(src: &str) -> ImportResult {
    let mut diag = Diagnostics::new(src);
    let toks = lex(src, &mut diag);
    let mut p = Parser {
        src,
        c: Cursor::new(&toks, src.len()),
        diag: &mut diag,
        schema: Schema::new(Target {
            dialect: DialectKind::Postgres,
            version: 15,
        }),
        aliases: Vec::new(),
        refs: Vec::new(),
    };
    p.file();
    p.resolve_refs();
    ImportResult {
        schema: p.schema,
        warnings: diag.warnings,
    }
}

/// `schema.table.(a, b)` on one side of a reference.
#[derive(Debug, Clone)]
struct Endpoint {
    table: Vec<String>,
    columns: Vec<String>,
}

struct Ref {
    from: Endpoint,
    op: String,
    to: Endpoint,
    settings: Vec<Setting>,
    span: Range<usize>,
}

/// One `key: value` (or bare `key`) of a `[…]` settings list.
#[derive(Debug, Clone)]
struct Setting {
    key: String,
    value: Vec<Token>,
    span: Range<usize>,
}

struct Parser<'s, 't, 'd> {
    src: &'s str,
    c: Cursor<'t>,
    diag: &'d mut Diagnostics<'s>,
    schema: Schema,
    /// alias → (namespace, table)
    aliases: Vec<(String, Option<String>, String)>,
    refs: Vec<Ref>,
}

fn src_ref(span: &Range<usize>) -> Option<SourceRef> {
    Some(SourceRef {
        start: span.start,
        end: span.end,
    })
}

fn split_ns(mut parts: Vec<String>) -> (Option<String>, String) {
    let name = parts.pop().unwrap_or_default();
    (parts.pop().filter(|s| s != "public"), name)
}

/// A string value of a setting (`'…'`, `"…"`, a word or a number).
fn text_of(v: &[Token]) -> Option<String> {
    let words: Vec<String> = v
        .iter()
        .filter_map(|t| match &t.tok {
            Tok::SStr(s) | Tok::DStr(s) | Tok::Ident(s) | Tok::Num(s) | Tok::Expr(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Parser<'_, '_, '_> {
    fn file(&mut self) {
        loop {
            self.c.skip_newlines();
            if self.c.at_end() {
                return;
            }
            let span = self.c.span();
            let Some(Tok::Ident(kw)) = self.c.peek().cloned() else {
                self.diag
                    .warn(span, "expected `Table`, `Ref`, `Enum`, `TableGroup` or `Project`");
                self.c.skip_line();
                continue;
            };
            self.c.next();
            match kw.to_ascii_lowercase().as_str() {
                "table" => self.table(span.start),
                "ref" => self.top_ref(span.start),
                "enum" => self.enum_block(span.start),
                "tablegroup" => self.group(),
                "project" => self.project(),
                "note" => self.skip_to_block_end(),
                _ => {
                    self.diag.warn(span, format!("`{kw}` is not understood; block skipped"));
                    self.skip_to_block_end();
                }
            }
        }
    }

    /// Skips a header and its `{ … }` block (or the rest of the line).
    fn skip_to_block_end(&mut self) {
        while !matches!(self.c.peek(), None | Some(Tok::Newline) | Some(Tok::Punct('{'))) {
            self.c.next();
        }
        if self.c.is('{') {
            self.c.skip_block();
        }
    }

    fn qualified(&mut self) -> Option<Vec<String>> {
        let mut parts = vec![self.c.name()?];
        while self.c.is('.') && matches!(self.c.peek_at(1), Some(Tok::Ident(_)) | Some(Tok::DStr(_))) {
            self.c.next();
            parts.push(self.c.name()?);
        }
        Some(parts)
    }

    /// `[a, b: v, …]` when present.
    fn settings(&mut self) -> Vec<Setting> {
        let mut out = Vec::new();
        if !self.c.eat('[') {
            return out;
        }
        let open = self.c.prev_end();
        loop {
            self.c.skip_newlines();
            let start = self.c.span().start;
            let mut key = Vec::new();
            while let Some(Tok::Ident(w)) = self.c.peek() {
                key.push(w.to_ascii_lowercase());
                self.c.next();
            }
            let mut value = Vec::new();
            if self.c.eat(':') {
                while !matches!(self.c.peek(), None | Some(Tok::Punct(',')) | Some(Tok::Punct(']'))) {
                    if let Some(t) = self.c.next() {
                        if t.tok != Tok::Newline {
                            value.push(t.clone());
                        }
                    }
                }
            }
            if key.is_empty() && value.is_empty() && !self.c.is(']') {
                self.diag.warn(self.c.span(), "expected a setting");
                while !matches!(self.c.peek(), None | Some(Tok::Newline) | Some(Tok::Punct(']'))) {
                    self.c.next();
                }
                self.c.eat(']');
                return out;
            }
            if !key.is_empty() {
                out.push(Setting {
                    key: key.join(" "),
                    value,
                    span: start..self.c.prev_end(),
                });
            }
            if self.c.eat(']') {
                return out;
            }
            if !self.c.eat(',') {
                self.diag.warn(open - 1..self.c.span().end, "unclosed `[` settings");
                return out;
            }
        }
    }

    fn open_block(&mut self, what: &str) -> bool {
        self.c.skip_newlines();
        if self.c.eat('{') {
            return true;
        }
        self.diag.warn(self.c.span(), format!("expected `{{` after {what}"));
        self.c.skip_line();
        false
    }

    /// Reads block lines until `}`; `line` handles one (and must consume it).
    fn block_lines(&mut self, span_start: usize, mut line: impl FnMut(&mut Self)) {
        loop {
            self.c.skip_newlines();
            if self.c.at_end() {
                let end = self.src.len();
                self.diag.warn(span_start..end, "block is not closed with `}`");
                return;
            }
            if self.c.eat('}') {
                return;
            }
            let before = self.c.pos;
            line(self);
            if self.c.pos == before {
                self.c.skip_line();
            }
        }
    }

    fn note_value(&mut self) -> Option<String> {
        // `Note: '…'` or `Note { '…' }`
        if self.c.eat(':') {
            let v = match self.c.peek() {
                Some(Tok::SStr(s)) | Some(Tok::DStr(s)) => Some(s.clone()),
                _ => None,
            };
            self.c.next();
            return v;
        }
        if self.c.eat('{') {
            self.c.skip_newlines();
            let v = match self.c.peek() {
                Some(Tok::SStr(s)) | Some(Tok::DStr(s)) => Some(s.clone()),
                _ => None,
            };
            while !matches!(self.c.peek(), None | Some(Tok::Punct('}'))) {
                self.c.next();
            }
            self.c.eat('}');
            return v;
        }
        None
    }

    fn project(&mut self) {
        self.c.name();
        if !self.open_block("Project") {
            return;
        }
        let start = self.c.prev_end();
        self.block_lines(start, |p| {
            let span = p.c.span();
            let Some(key) = p.c.name() else { return };
            if key.eq_ignore_ascii_case("note") {
                p.note_value();
                return;
            }
            p.c.eat(':');
            let value = match p.c.next().map(|t| &t.tok) {
                Some(Tok::SStr(s)) | Some(Tok::DStr(s)) => s.clone(),
                _ => String::new(),
            };
            if key == "database_type" {
                match value.to_ascii_lowercase().as_str() {
                    "postgresql" | "postgres" => p.schema.target.dialect = DialectKind::Postgres,
                    "mysql" | "mariadb" => p.schema.target.dialect = DialectKind::MySql,
                    "sqlite" => p.schema.target.dialect = DialectKind::Sqlite,
                    other => p
                        .diag
                        .warn(span, format!("database_type `{other}` has no plinth dialect")),
                }
            }
        });
    }

    fn enum_block(&mut self, start: usize) {
        let Some(parts) = self.qualified() else {
            self.diag.warn(self.c.span(), "expected an enum name");
            return self.skip_to_block_end();
        };
        if !self.open_block("Enum") {
            return;
        }
        let (ns, name) = split_ns(parts);
        let mut values = Vec::new();
        self.block_lines(start, |p| {
            if let Some(v) = p.c.name() {
                values.push(v);
                for s in p.settings() {
                    if s.key != "note" {
                        p.diag
                            .warn(s.span, format!("enum value setting `{}` is not understood", s.key));
                    }
                }
            }
        });
        if let Some(ns) = &ns {
            ensure_namespace(&mut self.schema, ns);
        }
        self.schema.enums.push(EnumType {
            namespace: ns,
            name,
            values,
            origin: src_ref(&(start..self.c.prev_end())),
        });
    }

    fn group(&mut self) {
        let Some(group) = self.qualified().map(|p| p.join(".")) else {
            return self.skip_to_block_end();
        };
        self.settings();
        if !self.open_block("TableGroup") {
            return;
        }
        let start = self.c.prev_end();
        let mut members = Vec::new();
        self.block_lines(start, |p| {
            let span = p.c.span();
            if let Some(parts) = p.qualified() {
                members.push((parts, span));
            }
        });
        for (parts, span) in members {
            match self.find_table(&parts) {
                Some(i) => self.schema.tables[i].traits.group = Some(group.clone()),
                None => self.diag.warn(
                    span,
                    format!("table `{}` of group `{group}` is not defined", parts.join(".")),
                ),
            }
        }
    }

    fn find_table(&self, parts: &[String]) -> Option<usize> {
        let (ns, name) = split_ns(parts.to_vec());
        let (ns, name) = match self.aliases.iter().find(|(a, _, _)| parts.len() == 1 && a == &name) {
            Some((_, ns, t)) => (ns.clone(), t.clone()),
            None => (ns, name),
        };
        self.schema
            .tables
            .iter()
            .position(|t| t.name == name && t.namespace == ns)
    }
}

mod refs;
mod table;
