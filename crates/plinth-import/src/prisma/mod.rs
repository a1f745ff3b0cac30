//! Prisma schema files (`schema.prisma`) → [`Schema`](plinth_model::Schema),
//! as Prisma Migrate would create the database on PostgreSQL.
//!
//! `parse` reads blocks (`datasource`, `generator`, `model`, `enum`, …)
//! into a small syntax tree, line by line with recovery; `lower` turns it
//! into tables, reproducing Prisma's physical choices (types, `SERIAL` for
//! `autoincrement()`, unique *indexes* rather than constraints, implicit
//! many-to-many `_AToB` tables) and its constraint names.

mod lower;

use crate::lex::{lex, Cursor, Tok};
use crate::{Diagnostics, ImportResult};
use std::ops::Range;

/// Imports a Prisma schema. Never panics; what is not understood is a
/// located warning.
pub fn import_prisma(src: &str) -> ImportResult {
    let mut diag = Diagnostics::new(src);
    let toks = lex(src, &mut diag);
    let blocks = parse(&mut Cursor::new(&toks, src.len()), &mut diag);
    let schema = lower::lower(&blocks, &mut diag);
    ImportResult {
        schema,
        warnings: diag.warnings,
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    /// An identifier or dotted path: `Cascade`, `true`, `db.VarChar`.
    Path(String),
    Str(String),
    Num(String),
    Call(String, Vec<Arg>),
    List(Vec<Expr>),
}

impl Expr {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Expr::Str(s) | Expr::Path(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Arg {
    pub name: Option<String>,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub(crate) struct Attr {
    /// Without the `@`/`@@`: `id`, `default`, `db.VarChar`.
    pub name: String,
    pub args: Vec<Arg>,
    pub span: Range<usize>,
}

impl Attr {
    /// The named argument, or the first unnamed one when `positional`.
    pub fn arg(&self, name: &str, positional: bool) -> Option<&Expr> {
        self.args
            .iter()
            .find(|a| a.name.as_deref() == Some(name))
            .or_else(|| {
                if positional {
                    self.args.iter().find(|a| a.name.is_none())
                } else {
                    None
                }
            })
            .map(|a| &a.value)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    /// The type name; for `Unsupported("circle")` the text in quotes is in `unsupported`.
    pub ty: String,
    pub unsupported: Option<String>,
    pub optional: bool,
    pub list: bool,
    pub attrs: Vec<Attr>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: String,
    pub name: String,
    pub span: Range<usize>,
    /// Fields (models) or values (enums, with `ty` empty).
    pub fields: Vec<Field>,
    pub block_attrs: Vec<Attr>,
    /// `key = value` lines (datasource, generator).
    pub settings: Vec<(String, Expr, Range<usize>)>,
}

fn parse(c: &mut Cursor, diag: &mut Diagnostics) -> Vec<Block> {
    let mut blocks = Vec::new();
    loop {
        c.skip_newlines();
        if c.at_end() {
            break;
        }
        let start = c.span();
        let Some(Tok::Ident(kind)) = c.peek().cloned() else {
            diag.warn(start, "expected a block (`model`, `enum`, `datasource`, `generator`)");
            c.skip_line();
            continue;
        };
        c.next();
        let Some(name) = c.name() else {
            diag.warn(c.span(), format!("expected a name after `{kind}`"));
            c.skip_line();
            continue;
        };
        c.skip_newlines();
        if !c.eat('{') {
            diag.warn(c.span(), format!("expected `{{` after `{kind} {name}`"));
            c.skip_line();
            continue;
        }
        let mut block = Block {
            kind: kind.clone(),
            name,
            span: start.start..start.end,
            fields: Vec::new(),
            block_attrs: Vec::new(),
            settings: Vec::new(),
        };
        parse_body(c, &mut block, diag);
        block.span.end = c.prev_end();
        blocks.push(block);
    }
    blocks
}

fn parse_body(c: &mut Cursor, block: &mut Block, diag: &mut Diagnostics) {
    loop {
        c.skip_newlines();
        if c.at_end() {
            diag.warn(
                block.span.clone(),
                format!("`{} {}` is not closed with `}}`", block.kind, block.name),
            );
            return;
        }
        if c.eat('}') {
            return;
        }
        let line_start = c.span();
        if c.is('@') && c.peek_at(1) == Some(&Tok::Punct('@')) {
            c.next();
            c.next();
            match attr_rest(c, diag, line_start.start) {
                Some(a) => block.block_attrs.push(a),
                None => c.skip_line(),
            }
            end_of_line(c, diag);
            continue;
        }
        let Some(name) = c.name() else {
            diag.warn(line_start, "expected a field, a value or a `@@` attribute");
            c.skip_line();
            continue;
        };
        if c.eat('=') {
            match expr(c, diag) {
                Some(e) => block.settings.push((name, e, line_start.start..c.prev_end())),
                None => c.skip_line(),
            }
            end_of_line(c, diag);
            continue;
        }
        let mut field = Field {
            name,
            ty: String::new(),
            unsupported: None,
            optional: false,
            list: false,
            attrs: Vec::new(),
            span: line_start.clone(),
        };
        if block.kind != "enum" {
            match c.name() {
                Some(ty) => field.ty = ty,
                None => {
                    diag.warn(c.span(), format!("field `{}` has no type", field.name));
                    c.skip_line();
                    continue;
                }
            }
            if field.ty == "Unsupported" && c.eat('(') {
                if let Some(Tok::DStr(s)) = c.peek() {
                    field.unsupported = Some(s.clone());
                    c.next();
                }
                c.eat(')');
            }
            if c.eat('[') {
                field.list = true;
                if !c.eat(']') {
                    diag.warn(c.span(), "expected `]`");
                }
            }
            field.optional = c.eat('?');
        }
        while c.is('@') {
            let at = c.span().start;
            c.next();
            match attr_rest(c, diag, at) {
                Some(a) => field.attrs.push(a),
                None => break,
            }
        }
        field.span.end = c.prev_end();
        block.fields.push(field);
        end_of_line(c, diag);
    }
}

/// After a line's content: a newline or the closing `}`; anything else is
/// reported and skipped.
fn end_of_line(c: &mut Cursor, diag: &mut Diagnostics) {
    match c.peek() {
        None | Some(Tok::Newline) | Some(Tok::Punct('}')) => {}
        Some(_) => {
            let start = c.span().start;
            while !matches!(c.peek(), None | Some(Tok::Newline) | Some(Tok::Punct('}'))) {
                c.next();
            }
            diag.warn(start..c.prev_end(), "unexpected text at the end of the line, ignored");
        }
    }
}

/// An attribute after its `@`/`@@`: a dotted name and optional arguments.
fn attr_rest(c: &mut Cursor, diag: &mut Diagnostics, start: usize) -> Option<Attr> {
    let mut name = match c.peek() {
        Some(Tok::Ident(s)) => s.clone(),
        _ => {
            diag.warn(c.span(), "expected an attribute name after `@`");
            return None;
        }
    };
    c.next();
    while c.is('.') {
        c.next();
        match c.peek() {
            Some(Tok::Ident(s)) => {
                name = format!("{name}.{s}");
                c.next();
            }
            _ => {
                diag.warn(c.span(), "expected a name after `.`");
                return None;
            }
        }
    }
    let args = if c.is('(') { args(c, diag)? } else { Vec::new() };
    Some(Attr {
        name,
        args,
        span: start..c.prev_end(),
    })
}

/// `( [name:] expr, … )`, newlines allowed inside.
fn args(c: &mut Cursor, diag: &mut Diagnostics) -> Option<Vec<Arg>> {
    let open = c.span();
    c.next();
    let mut out = Vec::new();
    loop {
        c.skip_newlines();
        if c.eat(')') {
            return Some(out);
        }
        let name = match (c.peek(), c.peek_at(1)) {
            (Some(Tok::Ident(n)), Some(Tok::Punct(':'))) => {
                let n = n.clone();
                c.next();
                c.next();
                Some(n)
            }
            _ => None,
        };
        let value = expr(c, diag)?;
        out.push(Arg { name, value });
        c.skip_newlines();
        if !c.eat(',') && !c.is(')') {
            diag.warn(open.start..c.span().end, "expected `,` or `)` in the argument list");
            return None;
        }
    }
}

fn expr(c: &mut Cursor, diag: &mut Diagnostics) -> Option<Expr> {
    let span = c.span();
    match c.peek() {
        Some(Tok::DStr(s)) | Some(Tok::SStr(s)) => {
            let s = s.clone();
            c.next();
            Some(Expr::Str(s))
        }
        Some(Tok::Num(n)) => {
            let n = n.clone();
            c.next();
            Some(Expr::Num(n))
        }
        Some(Tok::Ident(s)) => {
            let mut path = s.clone();
            c.next();
            while c.is('.') {
                if let Some(Tok::Ident(s)) = c.peek_at(1) {
                    path = format!("{path}.{s}");
                    c.next();
                    c.next();
                } else {
                    break;
                }
            }
            if c.is('(') {
                Some(Expr::Call(path, args(c, diag)?))
            } else {
                Some(Expr::Path(path))
            }
        }
        Some(Tok::Punct('[')) => {
            c.next();
            let mut items = Vec::new();
            loop {
                c.skip_newlines();
                if c.eat(']') {
                    return Some(Expr::List(items));
                }
                items.push(expr(c, diag)?);
                c.skip_newlines();
                if !c.eat(',') && !c.is(']') {
                    diag.warn(span.start..c.span().end, "expected `,` or `]` in the list");
                    return None;
                }
            }
        }
        _ => {
            diag.warn(span, "expected a value");
            None
        }
    }
}
