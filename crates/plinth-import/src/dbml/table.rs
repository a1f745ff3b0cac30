//! `Table name [as alias] { columns; indexes { … }; Note: … }`.

use super::{split_ns, src_ref, text_of, Endpoint, Parser, Ref, Setting};
use crate::lex::Tok;
use crate::{ensure_namespace, make_serial};
use plinth_model::*;

impl Parser<'_, '_, '_> {
    pub(super) fn table(&mut self, start: usize) {
        let Some(parts) = self.qualified() else {
            self.diag.warn(self.c.span(), "expected a table name");
            return self.skip_to_block_end();
        };
        let (ns, name) = split_ns(parts);
        if matches!(self.c.peek(), Some(Tok::Ident(a)) if a.eq_ignore_ascii_case("as")) {
            self.c.next();
            if let Some(alias) = self.c.name() {
                self.aliases.push((alias, ns.clone(), name.clone()));
            }
        }
        for s in self.settings() {
            if s.key == "note" {
                continue;
            }
            if s.key != "headercolor" {
                self.diag
                    .warn(s.span, format!("table setting `{}` is not understood", s.key));
            }
        }
        if !self.open_block("the table name") {
            return;
        }
        if let Some(ns) = &ns {
            ensure_namespace(&mut self.schema, ns);
        }
        let mut t = Table::new(name.clone());
        t.namespace = ns;
        self.block_lines(start, |p| {
            let span = p.c.span();
            match p.c.peek() {
                Some(Tok::Ident(k))
                    if k.eq_ignore_ascii_case("indexes") && p.c.peek_at(1) != Some(&Tok::Punct('[')) =>
                {
                    p.c.next();
                    if p.open_block("indexes") {
                        p.block_lines(span.start, |p| p.index_line(&mut t));
                    }
                }
                Some(Tok::Ident(k))
                    if k.eq_ignore_ascii_case("note")
                        && matches!(p.c.peek_at(1), Some(Tok::Punct(':')) | Some(Tok::Punct('{'))) =>
                {
                    p.c.next();
                    t.comment = p.note_value();
                }
                _ => p.column(&mut t, span),
            }
        });
        t.origin = src_ref(&(start..self.c.prev_end()));
        self.schema.tables.push(t);
    }

    fn column(&mut self, t: &mut Table, span: std::ops::Range<usize>) {
        let Some(name) = self.c.name() else {
            self.diag.warn(span, "expected a column");
            return self.c.skip_line();
        };
        let ty_start = self.c.span().start;
        let mut ty_end = ty_start;
        while !matches!(
            self.c.peek(),
            None | Some(Tok::Newline) | Some(Tok::Punct('[')) | Some(Tok::Punct('}'))
        ) {
            ty_end = self.c.span().end;
            self.c.next();
        }
        // `[]` right after the type is an array, not settings.
        while self.c.is('[') && self.c.peek_at(1) == Some(&Tok::Punct(']')) {
            self.c.next();
            self.c.next();
            ty_end = self.c.prev_end();
        }
        let ty = self.src[ty_start..ty_end].trim().trim_matches('"').to_string();
        if ty.is_empty() {
            self.diag.warn(span.clone(), format!("column `{name}` has no type"));
        }
        let physical = self.physical(&ty);
        let logical = match (
            &physical,
            self.schema
                .enums
                .iter()
                .find(|e| PhysicalType::Enum(e.name.clone()) == physical),
        ) {
            (PhysicalType::Enum(_), Some(e)) => LogicalType::Enum {
                name: e.name.clone(),
                values: e.values.clone(),
            },
            _ => plinth_postgres::import::logical_for(&physical),
        };
        let mut col = Column::new(name, logical, physical);
        col.nullable = true;
        col.origin = src_ref(&(span.start..self.c.prev_end()));
        let settings = self.settings();
        let mut serial = false;
        for s in settings {
            match s.key.as_str() {
                "pk" | "primary key" => {
                    col.nullable = false;
                    t.primary_key = Some(PrimaryKey {
                        name: format!("{}_pkey", t.name),
                        columns: vec![col.name.clone()],
                    });
                }
                "increment" => serial = true,
                "not null" => col.nullable = false,
                "null" => col.nullable = true,
                "unique" => t.uniques.push(UniqueConstraint {
                    name: format!("{}_{}_key", t.name, col.name),
                    columns: vec![col.name.clone()],
                    nulls_not_distinct: false,
                    origin: src_ref(&s.span),
                }),
                "note" => col.comment = text_of(&s.value),
                "default" => col.default = default(&s, self),
                "ref" => self.inline_ref(t, &col.name, &s),
                "check" => match text_of(&s.value) {
                    Some(expr) => t.checks.push(CheckConstraint {
                        name: format!("{}_{}_check", t.name, col.name),
                        expr: CheckExpr::Sql(expr),
                        origin: src_ref(&s.span),
                    }),
                    None => self.diag.warn(s.span, "check needs a `…` expression"),
                },
                other => self
                    .diag
                    .warn(s.span, format!("column setting `{other}` is not understood")),
            }
        }
        if serial {
            let ns = t.namespace.clone();
            make_serial(&mut self.schema, ns.as_deref(), &t.name, &mut col);
        }
        t.columns.push(col);
    }

    fn physical(&self, ty: &str) -> PhysicalType {
        let (base, arrays) = (
            ty.trim_end_matches("[]"),
            (ty.len() - ty.trim_end_matches("[]").len()) / 2,
        );
        let mut p = match self.schema.enums.iter().find(|e| {
            e.name == base
                || e.namespace
                    .as_ref()
                    .is_some_and(|ns| format!("{ns}.{}", e.name) == base)
        }) {
            Some(e) if e.namespace.is_none() => PhysicalType::Enum(e.name.clone()),
            Some(e) => PhysicalType::Other(format!(
                "{}.{}",
                plinth_postgres::quote::ident(e.namespace.as_deref().unwrap_or("public")),
                plinth_postgres::quote::ident(&e.name)
            )),
            None if base.is_empty() => PhysicalType::Text,
            None => return sql_type(ty),
        };
        for _ in 0..arrays {
            p = PhysicalType::Array(Box::new(p));
        }
        p
    }

    fn inline_ref(&mut self, t: &Table, column: &str, s: &Setting) {
        let op = match s.value.first().map(|t| &t.tok) {
            Some(Tok::Punct('<')) if matches!(s.value.get(1).map(|t| &t.tok), Some(Tok::Punct('>'))) => "<>",
            Some(Tok::Punct('>')) => ">",
            Some(Tok::Punct('<')) => "<",
            Some(Tok::Punct('-')) => "-",
            _ => {
                self.diag
                    .warn(s.span.clone(), "expected `>`, `<`, `-` or `<>` in `ref:`");
                return;
            }
        };
        let skip = if op == "<>" { 2 } else { 1 };
        let mut parts: Vec<String> = s.value[skip..]
            .iter()
            .filter_map(|t| match &t.tok {
                Tok::Ident(n) | Tok::DStr(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        if parts.len() < 2 {
            self.diag.warn(s.span.clone(), "expected `table.column` in `ref:`");
            return;
        }
        let col = parts.pop().unwrap_or_default();
        let mut from_table: Vec<String> = t.namespace.iter().cloned().collect();
        from_table.push(t.name.clone());
        self.refs.push(Ref {
            from: Endpoint {
                table: from_table,
                columns: vec![column.to_string()],
            },
            op: op.into(),
            to: Endpoint {
                table: parts,
                columns: vec![col],
            },
            settings: Vec::new(),
            span: s.span.clone(),
        });
    }

    fn index_line(&mut self, t: &mut Table) {
        let span = self.c.span();
        let mut keys = Vec::new();
        let mut item = |p: &mut Self| -> bool {
            match p.c.peek().cloned() {
                Some(Tok::Expr(e)) => {
                    p.c.next();
                    keys.push(IndexKey::Expr(e));
                }
                Some(Tok::Ident(n)) | Some(Tok::DStr(n)) => {
                    p.c.next();
                    keys.push(IndexKey::Column(n));
                }
                _ => return false,
            }
            true
        };
        if self.c.eat('(') {
            loop {
                if !item(self) {
                    self.diag
                        .warn(span.clone(), "expected a column or `expression` in the index");
                    return self.c.skip_line();
                }
                if self.c.eat(')') {
                    break;
                }
                if !self.c.eat(',') {
                    self.diag.warn(span.clone(), "expected `,` or `)` in the index");
                    return self.c.skip_line();
                }
            }
        } else if !item(self) {
            self.diag.warn(span, "expected an index");
            return self.c.skip_line();
        }
        let columns: Vec<String> = keys
            .iter()
            .map(|k| match k {
                IndexKey::Column(c) => c.clone(),
                IndexKey::Expr(_) => "expr".into(),
            })
            .collect();
        let mut ix = Index::btree(
            format!("{}_{}_idx", t.name, columns.join("_")),
            &[],
            IndexPurpose::Imported,
        );
        ix.elements = keys
            .into_iter()
            .map(|key| IndexElement {
                key,
                ..IndexElement::column("")
            })
            .collect();
        ix.origin = src_ref(&(span.start..self.c.prev_end()));
        let mut pk = false;
        let mut named = None;
        for s in self.settings() {
            match s.key.as_str() {
                "pk" => pk = true,
                "unique" => ix.unique = true,
                "name" => named = text_of(&s.value),
                "note" => {}
                "type" => match text_of(&s.value).as_deref() {
                    Some("hash") => ix.method = IndexMethod::Hash,
                    Some("btree") => {}
                    Some("gin") => ix.method = IndexMethod::Gin,
                    Some("gist") => ix.method = IndexMethod::Gist,
                    Some("brin") => ix.method = IndexMethod::Brin,
                    other => self
                        .diag
                        .warn(s.span, format!("index type {other:?} is not understood")),
                },
                other => self
                    .diag
                    .warn(s.span, format!("index setting `{other}` is not understood")),
            }
        }
        if pk {
            t.primary_key = Some(PrimaryKey {
                name: named.unwrap_or_else(|| format!("{}_pkey", t.name)),
                columns,
            });
            return;
        }
        if ix.unique && named.is_none() {
            ix.name = format!("{}_{}_key", t.name, columns.join("_"));
        }
        if let Some(n) = named {
            ix.name = n;
        }
        t.indexes.push(ix);
    }
}

fn default(s: &Setting, p: &mut Parser) -> Option<DefaultExpr> {
    let v = &s.value;
    Some(match v.iter().map(|t| &t.tok).collect::<Vec<_>>().as_slice() {
        [Tok::SStr(x)] | [Tok::DStr(x)] => DefaultExpr::Literal(Literal::Str(x.clone())),
        [Tok::Num(n)] => DefaultExpr::Literal(Literal::Number(n.clone())),
        [Tok::Expr(e)] if e.trim().eq_ignore_ascii_case("now()") => DefaultExpr::Now,
        [Tok::Expr(e)] => DefaultExpr::Sql(e.clone()),
        [Tok::Ident(b)] if b == "true" || b == "false" => DefaultExpr::Literal(Literal::Bool(b == "true")),
        [Tok::Ident(n)] if n == "null" => return None,
        _ => {
            p.diag
                .warn(s.span.clone(), "default value is not understood; no default kept");
            return None;
        }
    })
}

/// A SQL type as PostgreSQL's grammar reads it (`int` → integer,
/// `varchar(255)`, `numeric(10,2)`, `text[]`), through the SQL importer so
/// both importers agree; unreadable types stay verbatim.
fn sql_type(ty: &str) -> PhysicalType {
    let r = plinth_postgres::import_sql(
        &format!("CREATE TABLE t (c {ty});"),
        &plinth_postgres::ImportOptions::default(),
    );
    match r.schema.tables.first().and_then(|t| t.columns.first()) {
        Some(c) if r.warnings.is_empty() => c.physical.clone(),
        _ => PhysicalType::Other(ty.to_string()),
    }
}
