//! Splits a MySQL script into statements the way the `mariadb` client does:
//! `;` (or the current `DELIMITER`) outside quotes and comments ends a
//! statement; `--␠`, `#` and `/* */` are comments; `/*!NNNNN ... */`
//! version comments are code (their markers are blanked so the server-side
//! SQL inside is read, and byte offsets stay those of the file).

use std::ops::Range;

/// One statement: its text (comments kept, version-comment markers blanked)
/// and where it is in the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub sql: String,
    pub span: Range<usize>,
}

/// Line and column (1-based, columns in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

pub fn split(script: &str) -> Vec<Piece> {
    let b = script.as_bytes();
    let mut out = Vec::new();
    let mut delim = ";".to_string();
    let mut start = 0usize;
    let mut i = 0usize;
    // Version-comment markers to blank in the current statement.
    let mut blanks: Vec<Range<usize>> = Vec::new();
    let mut version_depth: Vec<usize> = Vec::new();
    let at_statement_start =
        |start: usize, i: usize| script[start..i].trim().is_empty() || only_comments(&script[start..i]);
    while i < b.len() {
        let c = b[i];
        // DELIMITER is a client command, valid at the start of a statement.
        let line_start = i == 0 || b[i - 1] == b'\n';
        if line_start
            && (c == b'd' || c == b'D')
            && starts_with_word(&script[i..], "delimiter")
            && at_statement_start(start, i)
        {
            let end = script[i..].find('\n').map_or(b.len(), |n| i + n);
            let arg = script[i + "delimiter".len()..end].trim();
            if !arg.is_empty() {
                delim = arg.split_whitespace().next().unwrap_or(";").to_string();
            }
            i = end;
            start = end;
            continue;
        }
        match c {
            b'\'' | b'"' | b'`' => i = skip_quoted(b, i),
            b'#' => i = line_end(b, i),
            b'-' if b.get(i + 1) == Some(&b'-')
                && b.get(i + 2)
                    .is_none_or(|c| c.is_ascii_whitespace() || c.is_ascii_control()) =>
            {
                i = line_end(b, i)
            }
            b'/' if b.get(i + 1) == Some(&b'*') && b.get(i + 2) == Some(&b'!') => {
                // `/*!` + optional 5 or 6 digit version: blank it, remember to blank `*/`.
                let mut j = i + 3;
                while j < b.len() && b[j].is_ascii_digit() && j < i + 9 {
                    j += 1;
                }
                blanks.push(i..j);
                version_depth.push(i);
                i = j;
            }
            b'*' if b.get(i + 1) == Some(&b'/') && !version_depth.is_empty() => {
                version_depth.pop();
                blanks.push(i..i + 2);
                i += 2;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = script[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            }
            _ if script[i..].starts_with(delim.as_str()) => {
                push(&mut out, script, start..i, &mut blanks);
                i += delim.len();
                start = i;
            }
            _ => i += utf8_len(c),
        }
    }
    push(&mut out, script, start..b.len(), &mut blanks);
    out
}

fn push(out: &mut Vec<Piece>, script: &str, span: Range<usize>, blanks: &mut Vec<Range<usize>>) {
    let mut sql = script[span.clone()].to_string();
    for r in blanks.drain(..) {
        if r.start >= span.start && r.end <= span.end {
            let (s, e) = (r.start - span.start, r.end - span.start);
            sql.replace_range(s..e, &" ".repeat(e - s));
        }
    }
    if sql.trim().is_empty() || only_comments(&sql) {
        return;
    }
    out.push(Piece { sql, span });
}

/// True when the text holds nothing but whitespace and comments.
pub fn only_comments(s: &str) -> bool {
    strip_leading_comments(s).trim().is_empty()
}

/// The text after leading whitespace and comments, and its offset.
pub fn strip_leading_comments(s: &str) -> &str {
    let mut rest = s;
    loop {
        let t = rest.trim_start();
        if let Some(r) = t.strip_prefix('#') {
            rest = r.split_once('\n').map_or("", |x| x.1);
        } else if t.starts_with("--") && t[2..].chars().next().is_none_or(|c| c.is_whitespace()) {
            rest = t.split_once('\n').map_or("", |x| x.1);
        } else if t.starts_with("/*") && !t.starts_with("/*!") {
            rest = t.find("*/").map_or("", |n| &t[n + 2..]);
        } else {
            return t;
        }
    }
}

fn starts_with_word(s: &str, word: &str) -> bool {
    s.len() >= word.len()
        && s[..word.len()].eq_ignore_ascii_case(word)
        && s[word.len()..].chars().next().is_none_or(|c| c.is_whitespace())
}

fn skip_quoted(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let mut j = i + 1;
    while j < b.len() {
        if b[j] == b'\\' && q != b'`' {
            j += 2;
            continue;
        }
        if b[j] == q {
            if b.get(j + 1) == Some(&q) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    b.len()
}

fn line_end(b: &[u8], i: usize) -> usize {
    b[i..].iter().position(|c| *c == b'\n').map_or(b.len(), |n| i + n)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_quotes_comments_and_version_comments() {
        let sql = "SET a=1; -- c;\n# x;\nCREATE TABLE `a;b` (x varchar(3) DEFAULT ';');\n\
                   /*!40101 SET NAMES utf8 */;\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a=1; END;;\nDELIMITER ;\nSELECT 'it''s;';";
        let p = split(sql);
        let texts: Vec<String> = p
            .iter()
            .map(|p| strip_leading_comments(&p.sql).trim().to_string())
            .collect();
        assert_eq!(texts.len(), 5, "{texts:#?}");
        assert_eq!(texts[1], "CREATE TABLE `a;b` (x varchar(3) DEFAULT ';')");
        assert_eq!(texts[2].trim(), "SET NAMES utf8");
        assert!(texts[3].ends_with("SET @a=1; END"), "{}", texts[3]);
        assert_eq!(texts[4], "SELECT 'it''s;'");
        assert_eq!(&sql[p[1].span.clone()].trim_start()[..5], "-- c;");
        assert_eq!(line_col(sql, p[4].span.start + 1), (8, 1));
    }
}
