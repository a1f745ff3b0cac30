//! On-demand lexer.
//!
//! The parser asks for one token at a byte offset ([`lex_at`]) instead of
//! tokenizing the whole file up front. That lets it switch to a raw scan for
//! SQL fragments (`@check(price > 0 AND note <> 'x')`, see [`scan_raw`])
//! that would not tokenize as plinth, and makes lookahead a pure function.
//! Newlines and comments are tokens because the language is line-oriented
//! and the formatter must keep every comment.

use crate::ast::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// `[A-Za-z_][A-Za-z0-9_]*`
    Ident,
    /// `"..."` or `"""..."""`; the decoded value is in [`Token::value`].
    Str,
    /// Digits (with `_` separators), optionally signed and followed by a
    /// letter suffix (`10M`); interpreted by the parser.
    Int,
    /// A number with a decimal point (`1.50`, `-0.5`).
    Number,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Eq,
    Question,
    /// `->`
    Arrow,
    /// `<->`
    BiArrow,
    /// `@`
    At,
    /// `@@`
    AtAt,
    Slash,
    Newline,
    /// `// ...`; the text (without `//` and one space) is in [`Token::value`].
    Comment,
    Eof,
    /// A string whose closing quote is missing.
    UnterminatedString,
    /// A character that starts no token (`#`, `;`, non-ASCII letters...).
    InvalidChar,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub span: Span,
    /// Decoded string value for `Str`, comment text for `Comment`,
    /// the source text otherwise.
    pub value: String,
}

/// Human description of a token, for "expected X, found Y" messages.
pub fn describe(t: &Token) -> String {
    match t.kind {
        Tok::Ident => format!("`{}`", t.value),
        Tok::Str => "a string".into(),
        Tok::Int | Tok::Number => format!("`{}`", t.value),
        Tok::Newline => "the end of the line".into(),
        Tok::Comment => "a comment".into(),
        Tok::Eof => "the end of the file".into(),
        Tok::UnterminatedString => "an unterminated string".into(),
        _ => format!("`{}`", t.value),
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_continue(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Lex one token starting at `pos` (spaces, tabs and `\r` are skipped first).
pub fn lex_at(src: &str, pos: usize) -> Token {
    let bytes = src.as_bytes();
    let mut i = pos.min(bytes.len());
    loop {
        if i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r') {
            i += 1;
        } else if src[i..].starts_with('\u{feff}') {
            // A byte-order mark some editors put at the start of a file.
            i += '\u{feff}'.len_utf8();
        } else {
            break;
        }
    }
    let start = i;
    if i >= bytes.len() {
        return tok(Tok::Eof, start, start, String::new());
    }
    let c = bytes[i];
    let simple = |kind: Tok, len: usize| tok(kind, start, start + len, src[start..start + len].to_string());
    match c {
        b'\n' => simple(Tok::Newline, 1),
        b'{' => simple(Tok::LBrace, 1),
        b'}' => simple(Tok::RBrace, 1),
        b'(' => simple(Tok::LParen, 1),
        b')' => simple(Tok::RParen, 1),
        b',' => simple(Tok::Comma, 1),
        b'=' => simple(Tok::Eq, 1),
        b'?' => simple(Tok::Question, 1),
        b'@' => {
            if bytes.get(i + 1) == Some(&b'@') {
                simple(Tok::AtAt, 2)
            } else {
                simple(Tok::At, 1)
            }
        }
        b'/' => {
            if bytes.get(i + 1) == Some(&b'/') {
                let end = src[i..].find('\n').map(|n| i + n).unwrap_or(src.len());
                let mut text = &src[i + 2..end];
                if let Some(rest) = text.strip_prefix(' ') {
                    text = rest;
                }
                tok(Tok::Comment, start, end, text.trim_end().to_string())
            } else {
                simple(Tok::Slash, 1)
            }
        }
        b'-' => {
            if bytes.get(i + 1) == Some(&b'>') {
                simple(Tok::Arrow, 2)
            } else if bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
                lex_number(src, start, start + 1)
            } else {
                simple(Tok::InvalidChar, 1)
            }
        }
        b'<' => {
            if bytes.get(i + 1) == Some(&b'-') && bytes.get(i + 2) == Some(&b'>') {
                simple(Tok::BiArrow, 3)
            } else {
                simple(Tok::InvalidChar, 1)
            }
        }
        b'"' => lex_string(src, start),
        c if c.is_ascii_digit() => lex_number(src, start, start),
        c if is_ident_start(c) => {
            let mut j = i + 1;
            while j < bytes.len() && is_ident_continue(bytes[j]) {
                j += 1;
            }
            simple(Tok::Ident, j - start)
        }
        _ => {
            let len = src[start..].chars().next().map(char::len_utf8).unwrap_or(1);
            simple(Tok::InvalidChar, len)
        }
    }
}

fn tok(kind: Tok, start: usize, end: usize, value: String) -> Token {
    Token {
        kind,
        span: Span::new(start, end),
        value,
    }
}

/// `digits_from` is where the digits begin (after an optional `-`).
fn lex_number(src: &str, start: usize, digits_from: usize) -> Token {
    let b = src.as_bytes();
    let mut j = digits_from;
    while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'_') {
        j += 1;
    }
    let mut kind = Tok::Int;
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        kind = Tok::Number;
        j += 1;
        while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'_') {
            j += 1;
        }
    }
    // A letter suffix (`10M`) stays part of the token so `10abc` is one bad
    // number rather than a number followed by an identifier.
    while j < b.len() && is_ident_continue(b[j]) {
        j += 1;
    }
    tok(kind, start, j, src[start..j].to_string())
}

/// `"..."` with `""` as the escaped quote (no backslash escapes, so SQL
/// regexes need no doubling), or `"""..."""` spanning lines (see [`dedent`]).
fn lex_string(src: &str, start: usize) -> Token {
    let b = src.as_bytes();
    if src[start..].starts_with("\"\"\"") {
        let body = start + 3;
        return match src[body..].find("\"\"\"") {
            Some(n) => {
                let end = body + n + 3;
                tok(Tok::Str, start, end, decode_triple(&src[body..body + n]))
            }
            None => tok(Tok::UnterminatedString, start, src.len(), String::new()),
        };
    }
    let mut value = String::new();
    let mut j = start + 1;
    loop {
        if j >= b.len() || b[j] == b'\n' {
            return tok(Tok::UnterminatedString, start, j, value);
        }
        if b[j] == b'"' {
            if b.get(j + 1) == Some(&b'"') {
                value.push('"');
                j += 2;
                continue;
            }
            return tok(Tok::Str, start, j + 1, value);
        }
        let ch = src[j..].chars().next().unwrap_or('\u{fffd}');
        value.push(ch);
        j += ch.len_utf8().max(1);
    }
}

/// Content of a triple-quoted string. When the opening `"""` ends its line
/// (block form) the text is dedented like Kotlin's `trimIndent`: the first
/// line break and a whitespace-only last line are dropped, trailing
/// whitespace is trimmed and the common indentation removed, so SQL can be
/// indented with the spec. Otherwise (inline form) the text is verbatim.
pub fn decode_triple(raw: &str) -> String {
    let first_line_end = raw.find('\n');
    let block = match first_line_end {
        Some(n) => raw[..n].trim().is_empty(),
        None => false,
    };
    if !block {
        return raw.to_string();
    }
    let rest = &raw[first_line_end.unwrap_or(0) + 1..];
    let mut lines: Vec<&str> = rest.split('\n').collect();
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let lines: Vec<&str> = lines.into_iter().map(|l| l.trim_end()).collect();
    let indent = common_indent(&lines);
    lines
        .iter()
        .map(|l| if l.is_empty() { "" } else { &l[indent..] })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Smallest count of leading spaces/tabs over the non-empty lines.
pub fn common_indent(lines: &[&str]) -> usize {
    lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0)
}

/// Result of scanning a raw SQL argument list.
pub struct RawScan {
    /// Offset of the closing `)`.
    pub close: usize,
}

/// Scan balanced text from just after an opening `(` to its matching `)`,
/// skipping SQL strings (`'..'`), quoted identifiers (`".."`) and plinth
/// triple-quoted strings. Raw arguments must close on the same line (except
/// inside `"""`), which keeps recovery local when a `)` is missing.
/// Returns `Err(offset)` of the line end / file end where it gave up.
pub fn scan_raw(src: &str, from: usize) -> Result<RawScan, usize> {
    let b = src.as_bytes();
    let mut depth = 1usize;
    let mut j = from;
    while j < b.len() {
        match b[j] {
            b'\n' => return Err(j),
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(RawScan { close: j });
                }
            }
            b'\'' => {
                j += 1;
                loop {
                    if j >= b.len() || b[j] == b'\n' {
                        return Err(j);
                    }
                    if b[j] == b'\'' {
                        if b.get(j + 1) == Some(&b'\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j += 1;
                }
            }
            b'"' => {
                if src[j..].starts_with("\"\"\"") {
                    match src[j + 3..].find("\"\"\"") {
                        Some(n) => j = j + 3 + n + 2,
                        None => return Err(src.len()),
                    }
                } else {
                    j += 1;
                    loop {
                        if j >= b.len() || b[j] == b'\n' {
                            return Err(j);
                        }
                        if b[j] == b'"' {
                            if b.get(j + 1) == Some(&b'"') {
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        j += 1;
                    }
                }
            }
            _ => {}
        }
        j += 1;
    }
    Err(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        let mut pos = 0;
        let mut out = vec![];
        loop {
            let t = lex_at(src, pos);
            pos = t.span.end;
            let k = t.kind.clone();
            out.push(k.clone());
            if k == Tok::Eof {
                return out;
            }
        }
    }

    #[test]
    fn punctuation_and_arrows() {
        use Tok::*;
        assert_eq!(
            kinds("a -> B? <-> @x @@y = -1 1.5 10M /"),
            vec![Ident, Arrow, Ident, Question, BiArrow, At, Ident, AtAt, Ident, Eq, Int, Number, Int, Slash, Eof]
        );
    }

    #[test]
    fn strings_escape_quotes_by_doubling() {
        let t = lex_at(r#""Order ""Line""""#, 0);
        assert_eq!(t.kind, Tok::Str);
        assert_eq!(t.value, "Order \"Line\"");
        assert_eq!(lex_at("\"abc\nx", 0).kind, Tok::UnterminatedString);
    }

    #[test]
    fn triple_quoted_block_is_dedented() {
        let src = "\"\"\"\n    SELECT *\n      FROM t\n\n    WHERE x\n  \"\"\"";
        let t = lex_at(src, 0);
        assert_eq!(t.value, "SELECT *\n  FROM t\n\nWHERE x");
        let t = lex_at("\"\"\"  inline \"x\" \"\"\"", 0);
        assert_eq!(t.value, "  inline \"x\" ");
    }

    #[test]
    fn comment_text_drops_marker_and_one_space() {
        let t = lex_at("//  two spaces  \nx", 0);
        assert_eq!(t.kind, Tok::Comment);
        assert_eq!(t.value, " two spaces");
    }

    #[test]
    fn raw_scan_balances_and_skips_strings() {
        let src = "a > (1) AND b <> ')' AND \"c)\" = 1) rest";
        let r = scan_raw(src, 0).unwrap();
        assert_eq!(&src[r.close..], ") rest");
        assert!(scan_raw("a > (1\n)", 0).is_err());
    }
}
