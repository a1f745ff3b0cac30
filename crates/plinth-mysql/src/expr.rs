//! MySQL expressions as text: column defaults (from the parser or from
//! information_schema's `COLUMN_DEFAULT`, one reader for both) and the
//! expression normaliser semantic equality uses.

use crate::types::unquote;
use plinth_model::{DefaultExpr, Literal};

/// A default as written (`'G'`, `3`, `TRUE`, `CURRENT_TIMESTAMP`,
/// `current_timestamp()`, `NULL`) → the model's; `None` for `NULL`.
pub fn parse_default(text: &str) -> Option<DefaultExpr> {
    let t = text.trim();
    let t = strip_outer_parens(t);
    let lower = t.to_ascii_lowercase();
    if lower == "null" {
        return None;
    }
    if t.starts_with('\'') || t.starts_with('"') {
        return Some(DefaultExpr::Literal(Literal::Str(unquote(t))));
    }
    if lower == "true" || lower == "false" {
        return Some(DefaultExpr::Literal(Literal::Bool(lower == "true")));
    }
    let num = t.trim_start_matches(['-', '+']);
    if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit() || c == '.') && num.chars().any(|c| c.is_ascii_digit())
    {
        return Some(DefaultExpr::Literal(Literal::Number(
            t.trim_start_matches('+').to_string(),
        )));
    }
    match lower.as_str() {
        "current_timestamp"
        | "current_timestamp()"
        | "now()"
        | "localtimestamp"
        | "localtimestamp()"
        | "localtime"
        | "localtime()" => Some(DefaultExpr::Now),
        "current_date" | "current_date()" | "curdate()" => Some(DefaultExpr::CurrentDate),
        // Kept as written (quoted names stay quoted); equality normalises.
        _ => Some(DefaultExpr::Sql(t.to_string())),
    }
}

fn strip_outer_parens(s: &str) -> &str {
    let mut s = s.trim();
    while s.starts_with('(') && s.ends_with(')') {
        let inner = &s[1..s.len() - 1];
        let mut depth = 0i32;
        if inner.chars().any(|c| {
            depth += match c {
                '(' => 1,
                ')' => -1,
                _ => 0,
            };
            depth < 0
        }) || depth != 0
        {
            break;
        }
        s = inner.trim();
    }
    s
}

/// MySQL spelling folded: backticks removed, keywords and names lowercased
/// (both are case-insensitive in MySQL, string literals are kept),
/// whitespace collapsed and removed next to parentheses and commas.
pub fn normalize_expr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                if pending_space && !out.is_empty() && !out.ends_with(['(', ',']) {
                    out.push(' ');
                }
                pending_space = false;
                out.push('\'');
                while let Some(d) = chars.next() {
                    if d == c {
                        if chars.peek() == Some(&c) {
                            chars.next();
                            out.push_str("''");
                            continue;
                        }
                        break;
                    }
                    if d == '\'' {
                        out.push_str("''");
                    } else {
                        out.push(d);
                    }
                }
                out.push('\'');
            }
            '`' => {}
            c if c.is_whitespace() => pending_space = true,
            '(' | ')' | ',' => {
                pending_space = false;
                out.push(c);
            }
            c => {
                if pending_space && !out.is_empty() && !out.ends_with(['(', ',']) {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c.to_ascii_lowercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_from_the_file_and_from_the_catalog_agree() {
        assert_eq!(parse_default("CURRENT_TIMESTAMP"), parse_default("current_timestamp()"));
        assert_eq!(
            parse_default("'G'"),
            Some(DefaultExpr::Literal(Literal::Str("G".into())))
        );
        assert_eq!(
            parse_default("'it''s'"),
            Some(DefaultExpr::Literal(Literal::Str("it's".into())))
        );
        assert_eq!(parse_default("NULL"), None);
        assert_eq!(
            parse_default("4.99"),
            Some(DefaultExpr::Literal(Literal::Number("4.99".into())))
        );
    }

    #[test]
    fn expressions_fold_spelling() {
        assert_eq!(normalize_expr("`a` > 0"), normalize_expr("A  >  0"));
        assert_eq!(normalize_expr("concat( `x` , 'Ab' )"), "concat(x,'Ab')");
    }
}
