//! One lexer for both Prisma and DBML: identifiers, numbers, strings
//! (`"…"`, `'…'`, `'''…'''`), backtick expressions, punctuation and
//! newlines (both languages put one field or column per line, so newlines
//! are tokens). Comments (`//`, `///`, `/* */`) are skipped.
//!
//! Never fails: an unterminated string or an unknown character becomes a
//! located warning and lexing continues.

use crate::Diagnostics;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Ident(String),
    /// A double-quoted string (a Prisma string, a DBML quoted name).
    DStr(String),
    /// A single- or triple-quoted string (DBML).
    SStr(String),
    /// A backtick expression (DBML).
    Expr(String),
    Num(String),
    Punct(char),
    Newline,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
}

pub(crate) fn lex(src: &str, diag: &mut Diagnostics) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b'\n' => {
                out.push(Token {
                    tok: Tok::Newline,
                    span: i..i + 1,
                });
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => match src[i + 2..].find("*/") {
                Some(p) => i = i + 2 + p + 2,
                None => {
                    diag.warn(i..b.len(), "unterminated comment `/*`");
                    i = b.len();
                }
            },
            b'\'' if src[i..].starts_with("'''") => {
                let (text, end) = match src[i + 3..].find("'''") {
                    Some(p) => (&src[i + 3..i + 3 + p], i + 3 + p + 3),
                    None => {
                        diag.warn(i..b.len(), "unterminated string `'''`");
                        (&src[i + 3..], b.len())
                    }
                };
                out.push(Token {
                    tok: Tok::SStr(dedent(text)),
                    span: start..end,
                });
                i = end;
            }
            b'"' | b'\'' | b'`' => {
                let (text, end) = quoted(src, i, c, diag);
                let tok = match c {
                    b'"' => Tok::DStr(text),
                    b'\'' => Tok::SStr(text),
                    _ => Tok::Expr(text),
                };
                out.push(Token { tok, span: start..end });
                i = end;
            }
            c if c.is_ascii_digit() || (c == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) => {
                i += 1;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Num(src[start..i].to_string()),
                    span: start..i,
                });
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Ident(src[start..i].to_string()),
                    span: start..i,
                });
            }
            c if b"{}()[]<>,:.@=?-!#*+/|;%&^~$".contains(&c) => {
                out.push(Token {
                    tok: Tok::Punct(c as char),
                    span: i..i + 1,
                });
                i += 1;
            }
            _ => {
                let len = src[i..].chars().next().map_or(1, char::len_utf8);
                diag.warn(i..i + len, format!("unexpected character `{}`", &src[i..i + len]));
                i += len;
            }
        }
    }
    out
}

/// A quoted string starting at `i` with the quote `q`; backslash escapes
/// `\n`, `\t`, `\\` and the quote itself. Returns the text and the end offset.
fn quoted(src: &str, i: usize, q: u8, diag: &mut Diagnostics) -> (String, usize) {
    let b = src.as_bytes();
    let mut text = String::new();
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            c if c == q => return (text, j + 1),
            b'\\' if j + 1 < b.len() => {
                let n = src[j + 1..].chars().next().unwrap_or('\\');
                text.push(match n {
                    'n' => '\n',
                    't' => '\t',
                    other => other,
                });
                j += 1 + n.len_utf8();
            }
            b'\n' if q != b'`' => break,
            _ => {
                let ch = src[j..].chars().next().unwrap_or(' ');
                text.push(ch);
                j += ch.len_utf8();
            }
        }
    }
    diag.warn(i..j, format!("unterminated string `{}`", q as char));
    (text, j)
}

/// DBML multi-line strings drop the common indentation and the first and
/// last empty lines, the way `@dbml/core` does.
fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut kept: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect();
    while kept.first().is_some_and(|l| l.trim().is_empty()) {
        kept.remove(0);
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    kept.join("\n")
}

/// A cursor over tokens with the helpers both parsers use.
pub(crate) struct Cursor<'t> {
    pub toks: &'t [Token],
    pub pos: usize,
    pub src_len: usize,
}

impl<'t> Cursor<'t> {
    pub fn new(toks: &'t [Token], src_len: usize) -> Self {
        Cursor { toks, pos: 0, src_len }
    }
    pub fn peek(&self) -> Option<&'t Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }
    pub fn peek_at(&self, n: usize) -> Option<&'t Tok> {
        self.toks.get(self.pos + n).map(|t| &t.tok)
    }
    pub fn span(&self) -> Range<usize> {
        self.toks
            .get(self.pos)
            .map(|t| t.span.clone())
            .unwrap_or(self.src_len..self.src_len)
    }
    pub fn prev_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|p| self.toks.get(p))
            .map_or(0, |t| t.span.end)
    }
    pub fn next(&mut self) -> Option<&'t Token> {
        let t = self.toks.get(self.pos);
        if t.is_some() {
            self.pos += 1;
        }
        t
    }
    pub fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }
    pub fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    pub fn is(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }
    pub fn skip_newlines(&mut self) {
        while self.peek() == Some(&Tok::Newline) {
            self.pos += 1;
        }
    }
    /// Skips to just after the next newline (error recovery).
    pub fn skip_line(&mut self) {
        while let Some(t) = self.next() {
            if t.tok == Tok::Newline {
                break;
            }
        }
    }
    /// An identifier or a double-quoted name.
    pub fn name(&mut self) -> Option<String> {
        match self.peek()? {
            Tok::Ident(s) | Tok::DStr(s) => {
                let s = s.clone();
                self.pos += 1;
                Some(s)
            }
            _ => None,
        }
    }
    /// Skips a balanced `{ … }` block starting at the current `{` (recovery
    /// for blocks that are not understood).
    pub fn skip_block(&mut self) {
        let mut depth = 0usize;
        while let Some(t) = self.next() {
            match t.tok {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}
