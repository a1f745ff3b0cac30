//! Splitting a script into statements, the way psql reads it.
//!
//! Why our own lexer in front of the parser: real schema files are psql
//! scripts, not pure SQL. They carry meta-commands (`\set ON_ERROR_STOP 1`,
//! `\c chinook`) and `COPY ... FROM stdin` data blocks that the server grammar
//! cannot parse; one of them would make the whole file fail. The lexer blanks
//! them out (keeping every byte offset, so spans stay exact) and reports them.
//! Statements are then cut at top-level semicolons; the real grammar decides
//! what each statement is.

/// A byte range of the script.
pub(crate) type Span = std::ops::Range<usize>;

pub(crate) struct Split {
    /// The script with meta-commands and COPY data replaced by spaces.
    pub cleaned: String,
    /// Statements (trimmed of leading blanks and comments) in order.
    pub statements: Vec<Span>,
    /// psql meta-command lines, with their text.
    pub meta: Vec<(Span, String)>,
    /// COPY data blocks and their row counts.
    pub copy_data: Vec<(Span, usize)>,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Normal,
    LineComment,
    BlockComment(u32),
    Single { escapes: bool },
    Double,
}

pub(crate) fn split(src: &str) -> Split {
    let b = src.as_bytes();
    let mut cleaned = b.to_vec();
    let mut statements = Vec::new();
    let mut meta = Vec::new();
    let mut copy_data = Vec::new();
    let mut state = State::Normal;
    let mut start = 0usize;
    let mut i = 0usize;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        match state {
            State::Normal => {
                if line_start && c == b'\\' {
                    let end = line_end(b, i);
                    meta.push((i..end, src[i..end].trim_end().to_string()));
                    blank(&mut cleaned, i, end);
                    i = end;
                    continue;
                }
                match c {
                    b'-' if b.get(i + 1) == Some(&b'-') => state = State::LineComment,
                    b'/' if b.get(i + 1) == Some(&b'*') => {
                        state = State::BlockComment(1);
                        i += 1;
                    }
                    b'\'' => {
                        let escapes = i > 0 && matches!(b[i - 1], b'e' | b'E') && !is_ident(b.get(i.wrapping_sub(2)));
                        state = State::Single { escapes };
                    }
                    b'"' => state = State::Double,
                    b'$' if !is_ident(b.get(i.wrapping_sub(1))) || i == 0 => {
                        if let Some(tag_end) = dollar_tag(b, i) {
                            let tag = &b[i..=tag_end];
                            let body = tag_end + 1;
                            let close = find(b, body, tag).unwrap_or(b.len());
                            i = (close + tag.len()).min(b.len());
                            line_start = false;
                            continue;
                        }
                    }
                    b';' => {
                        let stmt = start..i + 1;
                        push_statement(src, &cleaned, stmt.clone(), &mut statements);
                        start = i + 1;
                        if is_copy_from_stdin(&String::from_utf8_lossy(&cleaned[stmt])) {
                            // Data starts on the next line and ends at a `\.` line.
                            let data_start = line_end(b, i) + 1;
                            let (data_end, rows) = copy_block(b, data_start);
                            if data_start < b.len() {
                                blank(&mut cleaned, data_start.min(b.len()), data_end);
                                copy_data.push((data_start.min(b.len())..data_end, rows));
                            }
                            i = data_end;
                            start = data_end;
                            line_start = true;
                            continue;
                        }
                    }
                    _ => {}
                }
            }
            State::LineComment => {
                if c == b'\n' {
                    state = State::Normal;
                }
            }
            State::BlockComment(depth) => {
                if c == b'*' && b.get(i + 1) == Some(&b'/') {
                    state = if depth == 1 {
                        State::Normal
                    } else {
                        State::BlockComment(depth - 1)
                    };
                    i += 1;
                } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
                    state = State::BlockComment(depth + 1);
                    i += 1;
                }
            }
            State::Single { escapes } => {
                if escapes && c == b'\\' {
                    i += 1;
                } else if c == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        state = State::Normal;
                    }
                }
            }
            State::Double => {
                if c == b'"' {
                    state = State::Normal;
                }
            }
        }
        line_start = c == b'\n' || (line_start && (c == b' ' || c == b'\t') && state == State::Normal);
        i += 1;
    }
    push_statement(src, &cleaned, start..b.len(), &mut statements);
    let cleaned = String::from_utf8(cleaned).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Split {
        cleaned,
        statements,
        meta,
        copy_data,
    }
}

fn is_ident(c: Option<&u8>) -> bool {
    matches!(c, Some(c) if c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80)
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| from + p)
}

fn blank(buf: &mut [u8], from: usize, to: usize) {
    let to = to.min(buf.len());
    for c in &mut buf[from..to] {
        if *c != b'\n' {
            *c = b' ';
        }
    }
}

/// `$tag$` starting at `i`: the index of the closing `$` of the opening tag.
fn dollar_tag(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80) {
        j += 1;
    }
    if j < b.len() && b[j] == b'$' && !b[i + 1..j].first().is_some_and(u8::is_ascii_digit) {
        Some(j)
    } else {
        None
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn is_copy_from_stdin(stmt: &str) -> bool {
    let s = stmt.trim_start().to_ascii_lowercase();
    let s = strip_leading_comments(&s);
    s.starts_with("copy") && s.contains("from stdin")
}

/// The end of a COPY data block starting at `from` (after its `\.` line) and
/// the number of data rows.
fn copy_block(b: &[u8], from: usize) -> (usize, usize) {
    let mut i = from;
    let mut rows = 0;
    while i < b.len() {
        let end = line_end(b, i);
        let line = &b[i..end];
        if line.trim_ascii() == b"\\." {
            return ((end + 1).min(b.len()), rows);
        }
        rows += 1;
        i = end + 1;
    }
    (b.len(), rows)
}

fn strip_leading_comments(s: &str) -> &str {
    let mut s = s.trim_start();
    loop {
        if let Some(rest) = s.strip_prefix("--") {
            s = rest.find('\n').map_or("", |p| &rest[p + 1..]).trim_start();
        } else if let Some(rest) = s.strip_prefix("/*") {
            s = rest.find("*/").map_or("", |p| &rest[p + 2..]).trim_start();
        } else {
            return s;
        }
    }
}

/// The span without leading blanks and comments; empty statements are dropped.
pub(crate) fn trim_span(text: &str, span: Span) -> Option<Span> {
    let piece = &text[span.clone()];
    let rest = strip_leading_comments(piece);
    let start = span.end - rest.len();
    let body = rest.trim_end();
    if body.is_empty() || body == ";" {
        return None;
    }
    Some(start..start + body.len())
}

fn push_statement(src: &str, cleaned: &[u8], span: Span, out: &mut Vec<Span>) {
    // Only this statement's bytes: converting the whole script per
    // statement would make splitting quadratic.
    let piece = String::from_utf8_lossy(&cleaned[span.clone()]);
    if let Some(s) = trim_span(&piece, 0..piece.len()) {
        let s = span.start + s.start..span.start + s.end;
        if src.is_char_boundary(s.start) && src.is_char_boundary(s.end) {
            out.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_commands_and_copy_data_are_blanked() {
        let src = "\\set ON_ERROR_STOP 1\nCREATE TABLE t (a int);\nCOPY t (a) FROM stdin;\n1\n2\n\\.\nSELECT 1;";
        let s = split(src);
        assert_eq!(s.meta.len(), 1);
        assert_eq!(s.copy_data.len(), 1);
        assert_eq!(s.copy_data[0].1, 2);
        let texts: Vec<&str> = s.statements.iter().map(|r| &src[r.clone()]).collect();
        assert_eq!(
            texts,
            ["CREATE TABLE t (a int);", "COPY t (a) FROM stdin;", "SELECT 1;"]
        );
    }

    #[test]
    fn semicolons_inside_strings_comments_and_dollar_quotes_do_not_split() {
        let src = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; -- a;b\nSELECT ';' /* ; */;";
        let s = split(src);
        assert_eq!(s.statements.len(), 2, "{:?}", s.statements);
    }
}
