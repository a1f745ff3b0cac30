//! SQLite tokens with their byte spans. Comments are skipped (statement
//! spans still cover them); identifiers keep how they were quoted, because
//! `"x"` is a name while `x` may be a keyword.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A bare word: a keyword or an unquoted name, as written.
    Word(String),
    /// `"x"`, `[x]` or `` `x` ``, dequoted.
    Quoted(String),
    /// `'x'`, dequoted.
    Str(String),
    /// `X'00ff'`, as written.
    Blob(String),
    /// A numeric literal, as written.
    Number(String),
    /// `?`, `?1`, `:a`, `@a`, `$a`.
    Variable(String),
    /// Punctuation and operators: `(`, `)`, `,`, `;`, `.`, `||`, `<=`, ...
    Punct(&'static str),
    /// A character SQLite rejects, or an unterminated string/comment.
    Bad(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub span: Range<usize>,
}

impl Token {
    /// True when this is the bare word `kw` (case-insensitive).
    pub fn is(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
    }

    pub fn is_punct(&self, p: &str) -> bool {
        matches!(&self.tok, Tok::Punct(q) if *q == p)
    }

    /// The name this token spells, quoted or not (None for literals and
    /// punctuation).
    pub fn name(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) | Tok::Quoted(w) => Some(w),
            // SQLite accepts a string literal where a name is expected.
            Tok::Str(s) => Some(s),
            _ => None,
        }
    }
}

const PUNCTS: &[&str] = &[
    "||", "<=", ">=", "==", "!=", "<>", "<<", ">>", "->>", "->", "(", ")", ",", ";", ".", "+", "-", "*", "/", "%", "<",
    ">", "=", "&", "|", "~",
];

/// Splits `src` into tokens; never fails (bad input becomes [`Tok::Bad`]).
pub fn tokenize(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'-' && b.get(i + 1) == Some(&b'-') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            match src[i + 2..].find("*/") {
                Some(end) => i = i + 2 + end + 2,
                // SQLite ends an unterminated comment at the end of input.
                None => i = b.len(),
            }
            continue;
        }
        let tok = match c {
            b'\'' => {
                let (s, end) = quoted(src, i, b'\'');
                i = end;
                match s {
                    Some(s) => Tok::Str(s),
                    None => Tok::Bad("unterminated string".into()),
                }
            }
            b'"' | b'`' => {
                let (s, end) = quoted(src, i, c);
                i = end;
                match s {
                    Some(s) => Tok::Quoted(s),
                    None => Tok::Bad("unterminated quoted name".into()),
                }
            }
            b'[' => match src[i..].find(']') {
                Some(end) => {
                    i += end + 1;
                    Tok::Quoted(src[start + 1..i - 1].to_string())
                }
                None => {
                    i = b.len();
                    Tok::Bad("unterminated [name]".into())
                }
            },
            b'x' | b'X' if b.get(i + 1) == Some(&b'\'') => {
                let (s, end) = quoted(src, i + 1, b'\'');
                i = end;
                match s {
                    Some(_) => Tok::Blob(src[start..i].to_string()),
                    None => Tok::Bad("unterminated blob literal".into()),
                }
            }
            c if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) => {
                i = number_end(b, i);
                Tok::Number(src[start..i].to_string())
            }
            c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => {
                while i < b.len() && (b[i] == b'_' || b[i] == b'$' || b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
                    i += 1;
                }
                Tok::Word(src[start..i].to_string())
            }
            b'?' | b':' | b'@' | b'$' => {
                i += 1;
                while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                    i += 1;
                }
                Tok::Variable(src[start..i].to_string())
            }
            _ => match PUNCTS.iter().find(|p| src[i..].starts_with(**p)) {
                Some(p) => {
                    i += p.len();
                    Tok::Punct(p)
                }
                None => {
                    let ch = src[i..].chars().next().unwrap_or('?');
                    i += ch.len_utf8();
                    Tok::Bad(format!("unexpected character `{ch}`"))
                }
            },
        };
        out.push(Token { tok, span: start..i });
    }
    out
}

/// A quoted run starting at `start` (the opening quote); a doubled quote
/// is one quote. Returns the content (None when unterminated) and the end.
fn quoted(src: &str, start: usize, q: u8) -> (Option<String>, usize) {
    let b = src.as_bytes();
    let mut i = start + 1;
    let mut s = String::new();
    let mut run = i;
    while i < b.len() {
        if b[i] == q {
            s.push_str(&src[run..i]);
            if b.get(i + 1) == Some(&q) {
                s.push(q as char);
                i += 2;
                run = i;
                continue;
            }
            return (Some(s), i + 1);
        }
        i += 1;
    }
    (None, b.len())
}

fn number_end(b: &[u8], mut i: usize) -> usize {
    if b[i] == b'0' && matches!(b.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
        while i < b.len() && b[i].is_ascii_hexdigit() {
            i += 1;
        }
        return i;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.' || b[i] == b'_') {
        i += 1;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        let mut j = i + 1;
        if j < b.len() && matches!(b[j], b'+' | b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            i = j;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    i
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        tokenize(s).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn names_strings_and_comments() {
        assert_eq!(
            toks("CREATE [My Table] (\"a\"\"b\" -- c\n, 'it''s' /* x */ x'0A' 1.5e3)"),
            vec![
                Tok::Word("CREATE".into()),
                Tok::Quoted("My Table".into()),
                Tok::Punct("("),
                Tok::Quoted("a\"b".into()),
                Tok::Punct(","),
                Tok::Str("it's".into()),
                Tok::Blob("x'0A'".into()),
                Tok::Number("1.5e3".into()),
                Tok::Punct(")"),
            ]
        );
    }

    #[test]
    fn bad_input_is_a_token_not_a_panic() {
        assert!(matches!(toks("'open").as_slice(), [Tok::Bad(_)]));
        assert!(matches!(toks("a # b").as_slice(), [_, Tok::Bad(_), _]));
        assert_eq!(line_col("a\nbc", 3), (2, 2));
    }
}
