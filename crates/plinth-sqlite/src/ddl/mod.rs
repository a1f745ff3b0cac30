//! The SQLite DDL the model interprets, read from tokens: CREATE TABLE and
//! CREATE INDEX. Both the importer (SQL text) and the inspector (the SQL
//! SQLite keeps in `sqlite_schema`, for what pragmas do not tell: CHECKs,
//! constraint names, generated expressions) read them here.
//!
//! Expressions are kept as the source text between their parentheses.

mod index;
mod table;

pub use index::{parse_index, ParsedIndex, ParsedIndexElement};
pub use table::{parse_column, parse_table, ParsedColumn, ParsedFk, ParsedTable, TableConstraint};

use crate::lexer::{Tok, Token};
use std::ops::Range;

/// A parse error at a byte range of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub span: Range<usize>,
    pub message: String,
}

pub type PResult<T> = Result<T, ParseError>;

/// A cursor over one statement's tokens.
pub struct Cursor<'a> {
    pub src: &'a str,
    pub toks: &'a [Token],
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str, toks: &'a [Token]) -> Self {
        Cursor { src, toks, pos: 0 }
    }

    pub fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }

    pub fn peek_at(&self, n: usize) -> Option<&'a Token> {
        self.toks.get(self.pos + n)
    }

    pub fn bump(&mut self) -> Option<&'a Token> {
        let t = self.toks.get(self.pos);
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// Consumes the keyword when it is next.
    pub fn eat(&mut self, kw: &str) -> bool {
        if self.peek().is_some_and(|t| t.is(kw)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub fn eat_punct(&mut self, p: &str) -> bool {
        if self.peek().is_some_and(|t| t.is_punct(p)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Where the next token is (or the end of the statement).
    pub fn here(&self) -> Range<usize> {
        match (self.peek(), self.toks.last()) {
            (Some(t), _) => t.span.clone(),
            (None, Some(l)) => l.span.end..l.span.end,
            (None, None) => 0..0,
        }
    }

    pub fn error<T>(&self, message: impl Into<String>) -> PResult<T> {
        Err(ParseError {
            span: self.here(),
            message: message.into(),
        })
    }

    pub fn expect(&mut self, kw: &str) -> PResult<()> {
        if self.eat(kw) {
            Ok(())
        } else {
            self.error(format!("expected {kw}{}", self.found()))
        }
    }

    pub fn expect_punct(&mut self, p: &str) -> PResult<()> {
        if self.eat_punct(p) {
            Ok(())
        } else {
            self.error(format!("expected `{p}`{}", self.found()))
        }
    }

    fn found(&self) -> String {
        match self.peek() {
            Some(t) => format!(", found `{}`", &self.src[t.span.clone()]),
            None => ", found the end of the statement".into(),
        }
    }

    /// A name (bare, quoted or a string literal).
    pub fn name(&mut self) -> PResult<String> {
        match self.peek().and_then(Token::name) {
            Some(n) => {
                let n = n.to_string();
                self.pos += 1;
                Ok(n)
            }
            None => self.error(format!("expected a name{}", self.found())),
        }
    }

    /// `[schema .] name`
    pub fn qualified_name(&mut self) -> PResult<(Option<String>, String)> {
        let first = self.name()?;
        if self.eat_punct(".") {
            Ok((Some(first), self.name()?))
        } else {
            Ok((None, first))
        }
    }

    /// `( expr )` → the source text of `expr`, trimmed; the cursor ends
    /// after the closing parenthesis.
    pub fn parenthesized(&mut self) -> PResult<String> {
        let open = self.here();
        self.expect_punct("(")?;
        let mut depth = 1;
        while let Some(t) = self.bump() {
            match &t.tok {
                Tok::Punct("(") => depth += 1,
                Tok::Punct(")") => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(self.src[open.end..t.span.start].trim().to_string());
                    }
                }
                _ => {}
            }
        }
        Err(ParseError {
            span: open,
            message: "this parenthesis is never closed".into(),
        })
    }

    /// Skips tokens up to (not including) a top-level `,` or `)`; returns
    /// the skipped source text.
    pub fn until_comma_or_close(&mut self) -> String {
        let start = self.pos;
        let mut depth = 0;
        while let Some(t) = self.peek() {
            match &t.tok {
                Tok::Punct("(") => depth += 1,
                Tok::Punct(")") if depth == 0 => break,
                Tok::Punct(")") => depth -= 1,
                Tok::Punct(",") if depth == 0 => break,
                _ => {}
            }
            self.pos += 1;
        }
        self.text(start, self.pos)
    }

    /// Source text from token `a` up to (not including) token `b`.
    pub fn text(&self, a: usize, b: usize) -> String {
        if a >= b {
            return String::new();
        }
        self.src[self.toks[a].span.start..self.toks[b - 1].span.end].to_string()
    }

    /// The rest of the statement's source text.
    pub fn rest(&self) -> String {
        self.text(self.pos, self.toks.len())
    }
}

/// `ON DELETE`/`ON UPDATE` actions as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Action {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl Action {
    pub fn parse(c: &mut Cursor<'_>) -> PResult<Action> {
        if c.eat("CASCADE") {
            Ok(Action::Cascade)
        } else if c.eat("RESTRICT") {
            Ok(Action::Restrict)
        } else if c.eat("NO") {
            c.expect("ACTION")?;
            Ok(Action::NoAction)
        } else if c.eat("SET") {
            if c.eat("NULL") {
                Ok(Action::SetNull)
            } else {
                c.expect("DEFAULT")?;
                Ok(Action::SetDefault)
            }
        } else {
            c.error("expected CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT")
        }
    }

    /// The spelling `PRAGMA foreign_key_list` uses.
    pub fn from_pragma(s: &str) -> Action {
        match s.to_ascii_uppercase().as_str() {
            "CASCADE" => Action::Cascade,
            "RESTRICT" => Action::Restrict,
            "SET NULL" => Action::SetNull,
            "SET DEFAULT" => Action::SetDefault,
            _ => Action::NoAction,
        }
    }

    pub fn to_model(self) -> plinth_model::FkAction {
        use plinth_model::FkAction as F;
        match self {
            Action::NoAction => F::NoAction,
            Action::Restrict => F::Restrict,
            Action::Cascade => F::Cascade,
            Action::SetNull => F::SetNull,
            Action::SetDefault => F::SetDefault,
        }
    }
}

/// `ON CONFLICT ROLLBACK|ABORT|FAIL|IGNORE|REPLACE` → the resolution.
pub fn conflict_clause(c: &mut Cursor<'_>) -> PResult<Option<String>> {
    if c.peek().is_some_and(|t| t.is("ON")) && c.peek_at(1).is_some_and(|t| t.is("CONFLICT")) {
        c.pos += 2;
        let r = c.name()?.to_ascii_uppercase();
        return Ok(Some(r));
    }
    Ok(None)
}
