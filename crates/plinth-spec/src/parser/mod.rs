//! Recursive-descent parser with line-based error recovery.
//!
//! The language is line-oriented: one member per line. So after a syntax
//! error inside a block the parser skips to the end of the line and goes on
//! with the next member; at the top level it skips to the next line that
//! starts with an item keyword. That way one run reports every independent
//! mistake instead of stopping at the first.

mod entity;
mod items;

pub(crate) use entity::builtin_type_names;

use crate::ast::*;
use crate::diagnostic::{did_you_mean, line_col, Diagnostic};
use crate::lexer::{describe, lex_at, Tok, Token};
use std::cell::RefCell;

/// Words that start a top-level item.
pub const ITEM_KEYWORDS: &[&str] = &["settings", "entity", "enum", "query", "volume"];

pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    pub(crate) pos: usize,
    /// End of the last consumed token that is not a newline or comment:
    /// the end of the node being built.
    pub(crate) prev_end: usize,
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) broken_names: Vec<String>,
    cache: RefCell<Option<(usize, Token)>>,
}

/// Blank lines and comment lines collected before a node.
#[derive(Default)]
pub(crate) struct Trivia {
    pub blank_before: bool,
    pub detached: Vec<Vec<String>>,
    pub leading: Vec<String>,
}

impl Trivia {
    pub fn into_comments(self, trailing: Option<String>) -> Comments {
        Comments {
            leading: self.leading,
            trailing,
            blank_line_before: self.blank_before,
            detached: self.detached,
            ..Comments::default()
        }
    }

    /// All comments in order, for places that keep no grouping (end of a
    /// block, end of the file).
    pub fn flatten(self) -> Vec<String> {
        let mut out: Vec<String> = self.detached.into_iter().flatten().collect();
        out.extend(self.leading);
        out
    }
}

/// Result of parsing the inside of `{ ... }`.
pub(crate) struct BlockBody<T> {
    pub members: Vec<T>,
    pub inner: Vec<String>,
    /// End of the closing `}` (or of the last member when unterminated).
    pub end: usize,
}

/// What the parser produced, plus the names of items it had to drop.
pub(crate) struct Parsed {
    pub file: SpecFile,
    pub diags: Vec<Diagnostic>,
    /// Names of items skipped because of a syntax error in their header
    /// (`entiy Project {`): validation does not also call references to
    /// them unknown.
    pub broken_names: Vec<String>,
}

pub(crate) fn parse(src: &str) -> Parsed {
    let mut p = Parser {
        src,
        pos: 0,
        prev_end: 0,
        diags: Vec::new(),
        broken_names: Vec::new(),
        cache: RefCell::new(None),
    };
    let file = p.parse_file();
    Parsed {
        file,
        diags: p.diags,
        broken_names: p.broken_names,
    }
}

impl<'a> Parser<'a> {
    // ---- tokens -------------------------------------------------------

    pub(crate) fn peek(&self) -> Token {
        if let Some((pos, t)) = &*self.cache.borrow() {
            if *pos == self.pos {
                return t.clone();
            }
        }
        let t = lex_at(self.src, self.pos);
        *self.cache.borrow_mut() = Some((self.pos, t.clone()));
        t
    }

    /// The token after the next one.
    pub(crate) fn peek2(&self) -> Token {
        lex_at(self.src, self.peek().span.end)
    }

    pub(crate) fn bump(&mut self) -> Token {
        let t = self.peek();
        self.pos = t.span.end;
        if !matches!(t.kind, Tok::Newline | Tok::Comment | Tok::Eof) {
            self.prev_end = t.span.end;
        }
        t
    }

    pub(crate) fn at(&self, kind: Tok) -> bool {
        self.peek().kind == kind
    }

    pub(crate) fn eat(&mut self, kind: Tok) -> Option<Token> {
        if self.at(kind) {
            Some(self.bump())
        } else {
            None
        }
    }

    // ---- diagnostics --------------------------------------------------

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Report `found` where `expected` was needed. Lexer problems
    /// (unterminated strings, stray characters) get their own message.
    pub(crate) fn unexpected(&mut self, found: &Token, expected: &str, help: &str) {
        let d = match found.kind {
            Tok::UnterminatedString => Diagnostic::error(
                "spec::unterminated-string",
                "unterminated string",
                found.span,
                "this string is never closed",
            )
            .with_help(if found.value.is_empty() && self.src[found.span.start..].starts_with("\"\"\"") {
                "close the triple-quoted string with `\"\"\"`".to_string()
            } else {
                "add the closing `\"`; a string ends on its line (use `\"\"\"...\"\"\"` for text over several lines, and `\"\"` for a quote inside)".to_string()
            }),
            Tok::InvalidChar => {
                let help = match found.value.as_str() {
                    "#" | "-" => "comments start with `//`".to_string(),
                    ";" => "members are separated by new lines; remove the `;`".to_string(),
                    ":" => "write `name type` without a colon, e.g. `title text`".to_string(),
                    "'" => "strings use double quotes: \"...\"".to_string(),
                    "[" | "]" => "lists are written as `<->` relations or `enum(a, b)`".to_string(),
                    c if !c.is_ascii() => {
                        "names are ASCII; quote a name to use other characters: \"Größe\"".to_string()
                    }
                    _ => format!("remove it; expected {expected}"),
                };
                Diagnostic::error(
                    "spec::unexpected-token",
                    format!("unexpected character `{}`", found.value),
                    found.span,
                    format!("expected {expected}"),
                )
                .with_help(help)
            }
            _ => {
                let span = if matches!(found.kind, Tok::Newline | Tok::Eof) {
                    Span::new(found.span.start, found.span.start)
                } else {
                    found.span
                };
                Diagnostic::error(
                    "spec::unexpected-token",
                    format!("expected {expected}, found {}", describe(found)),
                    span,
                    format!("expected {expected}"),
                )
                .with_help(if help.is_empty() { format!("write {expected} here") } else { help.to_string() })
            }
        };
        self.push(d);
    }

    // ---- recovery -----------------------------------------------------

    /// Skip the rest of the line (the newline itself is left for trivia).
    /// Stops before a `}` that ends the line so a block still closes.
    pub(crate) fn skip_line(&mut self) {
        loop {
            let t = self.peek();
            match t.kind {
                Tok::Newline | Tok::Eof => return,
                Tok::RBrace => {
                    let next = lex_at(self.src, t.span.end);
                    if matches!(next.kind, Tok::Newline | Tok::Eof | Tok::Comment) {
                        return;
                    }
                    self.bump();
                }
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// Skip a broken item: everything up to the next line that starts with
    /// an item keyword outside any braces (a braced body is skipped whole).
    pub(crate) fn skip_item(&mut self) {
        let mut depth = 0i32;
        let mut line_start = false;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::Eof => return,
                Tok::Newline => {
                    line_start = true;
                    self.bump();
                    continue;
                }
                Tok::Ident
                    if line_start
                        && ITEM_KEYWORDS.contains(&t.value.as_str())
                        && (depth <= 0 || self.line_has_lbrace()) =>
                {
                    return;
                }
                Tok::LBrace => depth += 1,
                Tok::RBrace => {
                    depth -= 1;
                    if depth <= 0 {
                        self.bump();
                        return;
                    }
                }
                _ => {}
            }
            line_start = false;
            self.bump();
        }
    }

    /// Whether the current line (from the cursor) contains a `{`: used to
    /// tell `entity Foo {` (a new item, so the block above was never closed)
    /// from a field that happens to be called `entity`.
    pub(crate) fn line_has_lbrace(&self) -> bool {
        let mut pos = self.pos;
        loop {
            let t = lex_at(self.src, pos);
            match t.kind {
                Tok::LBrace => return true,
                Tok::Newline | Tok::Eof | Tok::Comment | Tok::UnterminatedString => return false,
                _ => pos = t.span.end,
            }
        }
    }

    // ---- trivia -------------------------------------------------------

    /// Consume newlines and whole-line comments, grouping comments that are
    /// separated by blank lines (see [`Comments::detached`]).
    pub(crate) fn trivia(&mut self) -> Trivia {
        let mut tr = Trivia::default();
        let mut newlines = 0;
        let mut current: Vec<String> = Vec::new();
        loop {
            let t = self.peek();
            match t.kind {
                Tok::Newline => {
                    newlines += 1;
                    if newlines >= 2 {
                        if !current.is_empty() {
                            tr.detached.push(std::mem::take(&mut current));
                        } else if tr.detached.is_empty() {
                            tr.blank_before = true;
                        }
                    }
                    self.bump();
                }
                Tok::Comment => {
                    current.push(t.value.clone());
                    newlines = 0;
                    self.bump();
                }
                _ => break,
            }
        }
        tr.leading = current;
        tr
    }

    /// A trailing `// comment` on the current line, if any.
    pub(crate) fn trailing_comment(&mut self) -> Option<String> {
        self.eat(Tok::Comment).map(|t| t.value)
    }

    /// After a member: an optional trailing comment, then the line must end
    /// (or the block close, when `allow_close`). On anything else report
    /// and skip the rest of the line.
    pub(crate) fn end_of_member(&mut self, what: &str, allow_close: bool) -> Option<String> {
        let t = self.peek();
        match t.kind {
            Tok::Comment => self.trailing_comment(),
            Tok::Newline | Tok::Eof => None,
            Tok::RBrace if allow_close => None,
            _ => {
                self.unexpected(&t, "the end of the line", &format!("put one {what} per line"));
                self.skip_line();
                self.trailing_comment()
            }
        }
    }

    // ---- names and literals -------------------------------------------

    /// A name: a bare identifier, or a double-quoted string used verbatim
    /// as the SQL identifier.
    pub(crate) fn parse_name(&mut self, what: &str) -> Option<Ident> {
        let t = self.peek();
        match t.kind {
            Tok::Ident => {
                self.bump();
                Some(Ident {
                    text: t.value,
                    quoted: false,
                    span: t.span,
                })
            }
            Tok::Str => {
                self.bump();
                if t.value.is_empty() || t.value.contains(['\n', '\0']) {
                    self.push(
                        Diagnostic::error(
                            "spec::bad-name",
                            "a quoted name must not be empty or span lines",
                            t.span,
                            "not a usable SQL name",
                        )
                        .with_help("write the name between the quotes, on one line: \"Order Line\""),
                    );
                }
                Some(Ident {
                    text: t.value,
                    quoted: true,
                    span: t.span,
                })
            }
            _ => {
                self.unexpected(&t, what, "");
                None
            }
        }
    }

    /// Integer literal text (with `_` separators) to i64.
    pub(crate) fn int_value(&mut self, t: &Token) -> Option<i64> {
        match t.value.replace('_', "").parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                let help = if t.value.chars().any(|c| c.is_ascii_alphabetic()) {
                    "numbers are plain digits here (suffixes like `10M` are only for volumes)"
                } else {
                    "use a whole number between -9223372036854775808 and 9223372036854775807"
                };
                self.push(
                    Diagnostic::error(
                        "spec::invalid-number",
                        format!("`{}` is not a valid integer", t.value),
                        t.span,
                        "invalid number",
                    )
                    .with_help(help),
                );
                None
            }
        }
    }

    /// A non-negative integer that must fit in u32 (type arguments, versions).
    pub(crate) fn u32_value(&mut self, t: &Token) -> Option<u32> {
        let v = self.int_value(t)?;
        match u32::try_from(v) {
            Ok(v) => Some(v),
            Err(_) => {
                self.push(
                    Diagnostic::error(
                        "spec::invalid-number",
                        format!("`{}` is out of range here", t.value),
                        t.span,
                        "expected a small non-negative number",
                    )
                    .with_help("use a number between 0 and 4294967295"),
                );
                None
            }
        }
    }

    // ---- top level ----------------------------------------------------

    fn parse_file(&mut self) -> SpecFile {
        let mut file = SpecFile::default();
        loop {
            let mut tr = self.trivia();
            tr.blank_before = false;
            let t = self.peek();
            let item = match t.kind {
                Tok::Eof => {
                    file.trailing_comments = tr.flatten();
                    return file;
                }
                Tok::Ident => match t.value.as_str() {
                    "settings" => self.parse_settings(tr).map(Item::Settings),
                    "entity" => self.parse_entity(tr).map(Item::Entity),
                    "enum" => self.parse_enum(tr).map(Item::Enum),
                    "query" => self.parse_query(tr).map(Item::Query),
                    "volume" => self.parse_volume(tr).map(Item::Volume),
                    other => {
                        let help = match other {
                            "model" | "table" | "type" | "class" | "struct" => {
                                "entities are declared with `entity Name { ... }`".to_string()
                            }
                            "config" | "generator" | "datasource" => {
                                "configuration goes in `settings { ... }`".to_string()
                            }
                            _ => did_you_mean(other, ITEM_KEYWORDS.iter().copied()).unwrap_or_else(|| {
                                "a spec contains `settings`, `entity`, `enum`, `query` and `volume` items".to_string()
                            }),
                        };
                        self.push(
                            Diagnostic::error(
                                "spec::unknown-keyword",
                                format!("unknown keyword `{other}`"),
                                t.span,
                                "expected `settings`, `entity`, `enum`, `query` or `volume`",
                            )
                            .with_help(help),
                        );
                        let name = self.peek2();
                        if matches!(name.kind, Tok::Ident | Tok::Str) {
                            self.broken_names.push(name.value);
                        }
                        self.skip_item();
                        None
                    }
                },
                Tok::RBrace => {
                    self.push(
                        Diagnostic::error(
                            "spec::unexpected-token",
                            "unexpected `}`",
                            t.span,
                            "nothing is open here",
                        )
                        .with_help("remove this `}`; the block it would close has already ended"),
                    );
                    self.bump();
                    None
                }
                _ => {
                    self.unexpected(&t, "an item (`settings`, `entity`, `enum`, `query` or `volume`)", "");
                    self.bump();
                    self.skip_item();
                    None
                }
            };
            if let Some(item) = item {
                file.items.push(item);
            }
        }
    }

    /// Expect the `{` that opens an item's body, on the header line.
    pub(crate) fn expect_lbrace(&mut self, owner: &str) -> Option<Token> {
        if let Some(t) = self.eat(Tok::LBrace) {
            return Some(t);
        }
        let t = self.peek();
        self.unexpected(
            &t,
            "`{`",
            &format!("the body of `{owner}` starts with `{{` on the same line"),
        );
        if let Some((_, name)) = owner.split_once(' ') {
            self.broken_names.push(name.to_string());
        }
        self.skip_item();
        None
    }

    /// Parse members until the `}` matching `open`. `member` parses one
    /// member (it gets the trivia above it) and returns `None` after
    /// reporting a syntax error, in which case the rest of the line is
    /// skipped.
    pub(crate) fn block<T>(
        &mut self,
        open: Span,
        owner: &str,
        mut member: impl FnMut(&mut Self, Trivia) -> Option<T>,
    ) -> BlockBody<T> {
        let mut members = Vec::new();
        loop {
            let mut tr = self.trivia();
            let t = self.peek();
            match t.kind {
                Tok::RBrace => {
                    self.bump();
                    return BlockBody {
                        members,
                        inner: tr.flatten(),
                        end: t.span.end,
                    };
                }
                Tok::Eof => {
                    self.unterminated(open, owner, None);
                    return BlockBody {
                        members,
                        inner: tr.flatten(),
                        end: self.prev_end,
                    };
                }
                Tok::Ident if ITEM_KEYWORDS.contains(&t.value.as_str()) && self.line_has_lbrace() => {
                    self.unterminated(open, owner, Some(t.span));
                    return BlockBody {
                        members,
                        inner: tr.flatten(),
                        end: self.prev_end,
                    };
                }
                _ => {
                    if members.is_empty() {
                        tr.blank_before = false;
                    }
                    match member(self, tr) {
                        Some(m) => members.push(m),
                        None => self.skip_line(),
                    }
                }
            }
        }
    }

    /// Report a block whose `}` is missing: at the file end (`next` is
    /// `None`) or because the next item starts at `next`.
    pub(crate) fn unterminated(&mut self, open: Span, owner: &str, next: Option<Span>) {
        // A triple-quoted string that never closes ran to the end of the
        // file; that error already explains the missing `}`.
        if next.is_none()
            && self
                .diags
                .iter()
                .any(|d| d.code == "spec::unterminated-string" && d.span.end >= self.src.len())
        {
            return;
        }
        let d = Diagnostic::error(
            "spec::unterminated-block",
            format!("`{owner}` is never closed"),
            open,
            "this `{` has no matching `}`",
        );
        let d = match next {
            None => {
                let (line, _) = line_col(self.src, self.src.len());
                d.with_related(
                    Span::new(self.src.len(), self.src.len()),
                    format!("the file ends here (line {line}), still inside `{owner}`"),
                )
                .with_help(format!(
                    "add a `}}` on its own line after the last member of `{owner}`; the file ended at line {line}"
                ))
            }
            Some(span) => {
                let (line, _) = line_col(self.src, span.start);
                d.with_related(
                    span,
                    format!("the next item starts here (line {line}) while `{owner}` is still open"),
                )
                .with_help(format!(
                    "add a `}}` on its own line to close `{owner}` before line {line}"
                ))
            }
        };
        self.push(d);
    }

    /// Attributes on a header or field line: `@name` / `@name(args)`.
    /// `@@` attributes are reported (they belong on their own line).
    pub(crate) fn parse_line_attrs(&mut self) -> Vec<Attribute> {
        let mut attrs = Vec::new();
        loop {
            let t = self.peek();
            match t.kind {
                Tok::At => {
                    if let Some(a) = self.parse_attr() {
                        attrs.push(a);
                    }
                }
                Tok::AtAt => {
                    self.push(
                        Diagnostic::error(
                            "spec::unexpected-token",
                            "block attributes go on their own line",
                            t.span,
                            "`@@` attribute after a field",
                        )
                        .with_help("move `@@...` to its own line inside the entity, or use `@` for a single field"),
                    );
                    let _ = self.parse_attr();
                }
                _ => return attrs,
            }
        }
    }
}

#[cfg(test)]
mod tests;
