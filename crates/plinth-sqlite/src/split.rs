//! A script → statements, the way `sqlite3_complete` sees them: a `;` ends
//! a statement, except inside the `BEGIN … END` body of a CREATE TRIGGER,
//! which ends at an `END` followed by `;`.

use crate::lexer::Token;
use std::ops::Range;

/// One statement: its tokens (without the closing `;`) and its byte span
/// (first token to last token, so leading comments are not part of it).
#[derive(Debug, Clone)]
pub struct Statement<'t> {
    pub tokens: &'t [Token],
    pub span: Range<usize>,
}

pub fn split(tokens: &[Token]) -> Vec<Statement<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_body = false;
    // CASE … END inside a trigger body is not the body's END.
    let mut cases = 0usize;
    let mut body_closed = false;
    for (i, t) in tokens.iter().enumerate() {
        if !in_body && t.is("BEGIN") && is_trigger(&tokens[start..i]) {
            in_body = true;
        } else if in_body && t.is("CASE") {
            cases += 1;
        } else if in_body && t.is("END") {
            if cases > 0 {
                cases -= 1;
            } else {
                body_closed = true;
            }
        } else if in_body && !t.is_punct(";") {
            body_closed = false;
        }
        if t.is_punct(";") && (!in_body || body_closed) {
            push(&mut out, &tokens[start..i]);
            start = i + 1;
            in_body = false;
            body_closed = false;
            cases = 0;
        }
    }
    push(&mut out, &tokens[start..]);
    out
}

fn push<'t>(out: &mut Vec<Statement<'t>>, toks: &'t [Token]) {
    if let (Some(first), Some(last)) = (toks.first(), toks.last()) {
        out.push(Statement {
            tokens: toks,
            span: first.span.start..last.span.end,
        });
    }
}

/// `CREATE [TEMP|TEMPORARY] TRIGGER …`
fn is_trigger(toks: &[Token]) -> bool {
    let mut it = toks.iter();
    if !it.next().is_some_and(|t| t.is("CREATE")) {
        return false;
    }
    match it.next() {
        Some(t) if t.is("TEMP") || t.is("TEMPORARY") => it.next().is_some_and(|t| t.is("TRIGGER")),
        Some(t) => t.is("TRIGGER"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::tokenize;

    #[test]
    fn trigger_bodies_keep_their_semicolons() {
        let src = "CREATE TABLE t(a);\nCREATE TRIGGER x AFTER INSERT ON t BEGIN\n UPDATE t SET a = CASE WHEN 1 THEN 2 END; DELETE FROM t; END;\n-- tail\nPRAGMA foreign_keys=ON";
        let toks = tokenize(src);
        let st = split(&toks);
        assert_eq!(st.len(), 3);
        assert!(src[st[1].span.clone()].ends_with("END"));
        assert_eq!(&src[st[2].span.clone()], "PRAGMA foreign_keys=ON");
    }
}
