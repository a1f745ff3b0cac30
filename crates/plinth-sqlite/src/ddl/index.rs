//! `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [schema.]name ON table ( elements ) [WHERE expr]`

use super::{Cursor, PResult};
use crate::lexer::Tok;

#[derive(Debug, Clone, Default)]
pub struct ParsedIndex {
    pub unique: bool,
    pub schema: Option<String>,
    pub name: String,
    pub table: String,
    pub elements: Vec<ParsedIndexElement>,
    pub predicate: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedIndexElement {
    /// A plain column name, or None for an expression.
    pub column: Option<String>,
    /// The expression's text (also set for a column, as written).
    pub expr: String,
    pub collate: Option<String>,
    pub descending: bool,
}

pub fn parse_index(c: &mut Cursor<'_>) -> PResult<ParsedIndex> {
    let mut ix = ParsedIndex::default();
    c.expect("CREATE")?;
    ix.unique = c.eat("UNIQUE");
    c.expect("INDEX")?;
    if c.eat("IF") {
        c.expect("NOT")?;
        c.expect("EXISTS")?;
    }
    (ix.schema, ix.name) = c.qualified_name()?;
    c.expect("ON")?;
    ix.table = c.name()?;
    c.expect_punct("(")?;
    loop {
        ix.elements.push(element(c)?);
        if c.eat_punct(")") {
            break;
        }
        c.expect_punct(",")?;
    }
    if c.eat("WHERE") {
        let p = c.rest();
        c.pos = c.toks.len();
        ix.predicate = Some(p);
    }
    if !c.at_end() {
        return c.error("unexpected text after the index definition");
    }
    Ok(ix)
}

fn element(c: &mut Cursor<'_>) -> PResult<ParsedIndexElement> {
    let start = c.pos;
    c.until_comma_or_close();
    let mut end = c.pos;
    if end == start {
        return c.error("expected an indexed column or expression");
    }
    let mut el = ParsedIndexElement::default();
    if c.toks[end - 1].is("DESC") || c.toks[end - 1].is("ASC") {
        el.descending = c.toks[end - 1].is("DESC");
        end -= 1;
    }
    if end >= start + 2 && c.toks[end - 2].is("COLLATE") {
        el.collate = c.toks[end - 1].name().map(str::to_string);
        end -= 2;
    }
    el.expr = c.text(start, end);
    if end == start + 1 {
        if let Tok::Word(n) | Tok::Quoted(n) = &c.toks[start].tok {
            el.column = Some(n.clone());
        }
    }
    Ok(el)
}
