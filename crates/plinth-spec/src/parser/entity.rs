//! Entities: header, fields, types, defaults and attributes.

use super::{Parser, Trivia};
use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::lexer::{lex_at, scan_raw, Tok};

/// Attributes whose arguments are raw SQL (`@check(price > 0)`).
const RAW_ATTRS: &[&str] = &["check", "default"];
/// Attributes whose arguments are names (a string there is a quoted name).
const NAME_LIST_ATTRS: &[&str] = &["unique", "index"];

/// Built-in type names that take no arguments.
pub(crate) const SIMPLE_TYPES: &[(&str, TypeKind)] = &[
    ("text", TypeKind::Text),
    ("email", TypeKind::Email),
    ("slug", TypeKind::Slug),
    ("url", TypeKind::Url),
    ("smallint", TypeKind::SmallInt),
    ("int", TypeKind::Int),
    ("bigint", TypeKind::BigInt),
    ("money", TypeKind::Money),
    ("percent", TypeKind::Percent),
    ("float", TypeKind::Float),
    ("bool", TypeKind::Bool),
    ("date", TypeKind::Date),
    ("time", TypeKind::Time),
    ("timestamp", TypeKind::Timestamp),
    ("duration", TypeKind::Duration),
    ("uuid", TypeKind::Uuid),
    ("json", TypeKind::Json),
    ("bytes", TypeKind::Bytes),
];

/// Every built-in type name, for suggestions.
pub(crate) fn builtin_type_names() -> impl Iterator<Item = &'static str> {
    SIMPLE_TYPES
        .iter()
        .map(|(n, _)| *n)
        .chain(["string", "decimal", "enum"])
}

impl Parser<'_> {
    pub(crate) fn parse_entity(&mut self, tr: Trivia) -> Option<Entity> {
        let kw = self.bump();
        let Some(name) = self.parse_name("an entity name") else {
            self.skip_item();
            return None;
        };
        let attrs = self.parse_line_attrs();
        let owner = format!("entity {}", name.text);
        let open = self.expect_lbrace(&owner)?;
        let trailing = self.trailing_comment();
        let body = self.block(open.span, &owner, |p, tr| p.parse_member(tr));
        let mut members = Vec::with_capacity(body.members.len());
        let mut entries = Vec::with_capacity(body.members.len());
        for (m, c) in body.members {
            members.push(m);
            entries.push(c);
        }
        if entries.iter().all(|c| *c == Comments::default()) {
            entries.clear();
        }
        let mut comments = tr.into_comments(trailing);
        comments.blank_line_before = false;
        comments.inner = body.inner;
        comments.entries = entries;
        Some(Entity {
            name,
            attrs,
            members,
            comments,
            span: Span::new(kw.span.start, body.end),
        })
    }

    /// One line of an entity body: a field or an `@@` block attribute. The
    /// second value holds the comments of a block attribute (fields keep
    /// theirs inside [`Field::comments`]).
    fn parse_member(&mut self, tr: Trivia) -> Option<(Member, Comments)> {
        let t = self.peek();
        match t.kind {
            Tok::AtAt => {
                let attr = self.parse_attr()?;
                let trailing = self.end_of_member("attribute", true);
                Some((Member::Block(attr), tr.into_comments(trailing)))
            }
            Tok::At => {
                self.push(
                    Diagnostic::error(
                        "spec::unexpected-token",
                        "an attribute line inside an entity must start with `@@`",
                        t.span,
                        "`@` starts a field attribute",
                    )
                    .with_help("write `@@unique(a, b)` / `@@index(a)` / `@@check(...)` on their own line, or put `@attr` after a field's type"),
                );
                None
            }
            Tok::Ident | Tok::Str => {
                let f = self.parse_field(tr)?;
                Some((Member::Field(f), Comments::default()))
            }
            _ => {
                self.unexpected(&t, "a field name or an `@@` attribute", "");
                None
            }
        }
    }

    fn parse_field(&mut self, tr: Trivia) -> Option<Field> {
        let name = self.parse_name("a field name")?;
        let t = self.peek();
        let kind = match t.kind {
            Tok::Arrow => {
                self.bump();
                let target = self.parse_name("the target entity of the relation")?;
                let nullable = self.eat(Tok::Question).is_some();
                FieldKind::Relation { target, nullable }
            }
            Tok::BiArrow => {
                self.bump();
                let target = self.parse_name("the target entity of the many-to-many relation")?;
                if let Some(q) = self.eat(Tok::Question) {
                    self.push(
                        Diagnostic::error(
                            "spec::unexpected-token",
                            "a many-to-many relation cannot be optional",
                            q.span,
                            "`?` is not allowed after `<->`",
                        )
                        .with_help("remove the `?`: a row may always have zero linked rows"),
                    );
                }
                FieldKind::ManyToMany { target }
            }
            Tok::Ident | Tok::Str => {
                let ty = self.parse_type()?;
                let nullable = self.eat(Tok::Question).is_some();
                let default = if self.eat(Tok::Eq).is_some() {
                    Some(self.parse_default()?)
                } else {
                    None
                };
                FieldKind::Scalar { ty, nullable, default }
            }
            Tok::Newline | Tok::Eof | Tok::Comment | Tok::RBrace => {
                self.push(
                    Diagnostic::error(
                        "spec::unexpected-token",
                        format!("field `{}` has no type", name.text),
                        name.span,
                        "a type is missing after this name",
                    )
                    .with_help(format!(
                        "write `{0} text`, `{0} -> Entity` for a relation or `{0} <-> Entity` for many-to-many",
                        name.text
                    )),
                );
                return None;
            }
            _ => {
                self.unexpected(
                    &t,
                    "a type, `->` or `<->`",
                    "a field is `name type`, `name -> Entity` or `name <-> Entity`",
                );
                return None;
            }
        };
        let attrs = self.parse_line_attrs();
        let end = self.prev_end;
        let trailing = self.end_of_member("field", true);
        Some(Field {
            span: Span::new(name.span.start, end),
            name,
            kind,
            attrs,
            comments: tr.into_comments(trailing),
        })
    }

    /// A logical type: `text`, `string(80)`, `decimal(10, 2)`,
    /// `enum(a, b)`, or the name of a declared enum (bare or quoted).
    pub(crate) fn parse_type(&mut self) -> Option<TypeExpr> {
        let t = self.bump();
        let start = t.span.start;
        if t.kind == Tok::Str {
            return Some(TypeExpr {
                kind: TypeKind::Named(Ident {
                    text: t.value,
                    quoted: true,
                    span: t.span,
                }),
                span: t.span,
            });
        }
        if t.kind != Tok::Ident {
            self.unexpected(&t, "a type", "");
            return None;
        }
        let name = t.value.as_str();
        let has_args = self.at(Tok::LParen);
        let kind = match name {
            "string" => match self.int_args(1) {
                Some(a) => TypeKind::String(a[0]),
                None => {
                    self.bad_type_args(
                        t.span,
                        "`string` needs a maximum length",
                        "write `string(80)`, or `text` for text of any length",
                    );
                    TypeKind::Text
                }
            },
            "decimal" => match self.int_args(2) {
                Some(a) => TypeKind::Decimal(a[0], a[1]),
                None => {
                    self.bad_type_args(
                        t.span,
                        "`decimal` needs a precision and a scale",
                        "write `decimal(10, 2)`: 10 digits in all, 2 after the point",
                    );
                    TypeKind::Float
                }
            },
            "enum" => {
                if !has_args {
                    self.bad_type_args(
                        t.span,
                        "`enum` needs its variants",
                        "write `enum(draft, published)`, or declare `enum Name { ... }` and use `Name`",
                    );
                    return None;
                }
                let variants = self.enum_variants_inline()?;
                TypeKind::InlineEnum(variants)
            }
            _ => match SIMPLE_TYPES.iter().find(|(n, _)| *n == name) {
                Some((_, kind)) => {
                    if has_args {
                        let open = self.peek().span;
                        self.skip_parens();
                        self.bad_type_args(
                            Span::new(open.start, self.prev_end),
                            &format!("`{name}` takes no arguments"),
                            &format!("remove the parentheses: `{name}`"),
                        );
                    }
                    kind.clone()
                }
                None => {
                    // Unknown name: validation reports it (it may be an enum
                    // declared later). Arguments such as `varchar(255)` are
                    // skipped so they cause no second error.
                    if has_args {
                        self.skip_parens();
                    }
                    TypeKind::Named(Ident {
                        text: t.value.clone(),
                        quoted: false,
                        span: t.span,
                    })
                }
            },
        };
        Some(TypeExpr {
            kind,
            span: Span::new(start, self.prev_end),
        })
    }

    fn bad_type_args(&mut self, span: Span, msg: &str, help: &str) {
        self.push(Diagnostic::error("spec::bad-type-args", msg, span, "wrong type arguments").with_help(help));
    }

    /// `(n)` / `(p, s)`: exactly `count` non-negative integers (decimal also
    /// accepts one, meaning scale 0). `None` when absent or malformed; the
    /// parentheses are consumed either way.
    fn int_args(&mut self, count: usize) -> Option<Vec<u32>> {
        if !self.at(Tok::LParen) {
            return None;
        }
        let save = self.pos;
        self.bump();
        let mut out = Vec::new();
        loop {
            let t = self.peek();
            if t.kind != Tok::Int {
                break;
            }
            self.bump();
            let before = self.diags.len();
            match self.u32_value(&t) {
                Some(v) => out.push(v),
                None => {
                    // Already reported; consume the rest quietly.
                    self.diags.truncate(before + 1);
                    self.pos = save;
                    self.skip_parens();
                    return Some(vec![1; count]);
                }
            }
            if self.eat(Tok::Comma).is_none() {
                break;
            }
        }
        if self.eat(Tok::RParen).is_some() && (out.len() == count || (count == 2 && out.len() == 1)) {
            if out.len() == 1 && count == 2 {
                out.push(0);
            }
            return Some(out);
        }
        self.pos = save;
        self.skip_parens();
        None
    }

    /// Skip `( ... )` on the current line (balanced; used after errors).
    pub(crate) fn skip_parens(&mut self) {
        let open = self.bump();
        match scan_raw(self.src, open.span.end) {
            Ok(r) => {
                self.pos = r.close;
                self.bump();
            }
            Err(at) => {
                self.pos = at;
            }
        }
    }

    /// `(a, b, "c d")` after `enum`, on one line.
    fn enum_variants_inline(&mut self) -> Option<Vec<Ident>> {
        let open = self.bump();
        let mut variants = Vec::new();
        let mut want_name = true;
        loop {
            let t = self.peek();
            match t.kind {
                Tok::RParen => {
                    self.bump();
                    return Some(variants);
                }
                Tok::Newline | Tok::Eof | Tok::Comment => {
                    self.push(
                        Diagnostic::error("spec::unclosed-paren", "`enum(` is not closed on its line", open.span, "this `(` has no `)` on the same line")
                            .with_help("write the variants on one line, `enum(a, b, c)`, or declare `enum Name { ... }` with one variant per line and use `Name` as the type"),
                    );
                    self.skip_to_close_paren();
                    return None;
                }
                Tok::Ident | Tok::Str if want_name => {
                    variants.push(self.parse_name("an enum variant")?);
                    want_name = false;
                }
                Tok::Comma if !want_name => {
                    self.bump();
                    want_name = true;
                }
                _ => {
                    self.unexpected(&t, if want_name { "an enum variant" } else { "`,` or `)`" }, "");
                    return None;
                }
            }
        }
    }

    /// After an unclosed `(`: skip to the next `)` on a following line if
    /// one comes before the block ends, so the continuation lines of a
    /// list split over lines do not produce more errors.
    fn skip_to_close_paren(&mut self) {
        let mut pos = self.pos;
        loop {
            let t = lex_at(self.src, pos);
            match t.kind {
                Tok::RParen => {
                    self.pos = t.span.end;
                    return;
                }
                Tok::Eof | Tok::RBrace | Tok::LBrace | Tok::LParen | Tok::At | Tok::AtAt => return,
                _ => pos = t.span.end,
            }
        }
    }

    /// The value after `=`.
    fn parse_default(&mut self) -> Option<DefaultValue> {
        let t = self.peek();
        let kind = match t.kind {
            Tok::Str => DefaultKind::Str(t.value.clone()),
            Tok::Int => DefaultKind::Int(self.int_value(&t)?),
            Tok::Number => {
                if t.value.chars().any(|c| c.is_ascii_alphabetic()) {
                    self.push(
                        Diagnostic::error(
                            "spec::invalid-number",
                            format!("`{}` is not a valid number", t.value),
                            t.span,
                            "invalid number",
                        )
                        .with_help("write a decimal number such as `1.50`"),
                    );
                    return None;
                }
                DefaultKind::Number(t.value.replace('_', ""))
            }
            Tok::Ident if t.value == "true" || t.value == "false" => DefaultKind::Bool(t.value == "true"),
            Tok::Ident => {
                let next = self.peek2();
                if next.kind == Tok::LParen {
                    self.bump();
                    let open = self.bump();
                    return match scan_raw(self.src, open.span.end) {
                        Ok(r) => {
                            let inner = self.src[open.span.end..r.close].trim();
                            self.pos = r.close;
                            let close = self.bump();
                            Some(DefaultValue {
                                kind: DefaultKind::Call(format!("{}({inner})", t.value)),
                                span: Span::new(t.span.start, close.span.end),
                            })
                        }
                        Err(at) => {
                            self.unclosed_paren(open.span);
                            self.pos = at;
                            None
                        }
                    };
                }
                DefaultKind::Ident(t.value.clone())
            }
            _ => {
                self.unexpected(
                    &t,
                    "a default value",
                    "a default is a string, a number, true/false, an enum variant, now() or today(); use @default(...) for any SQL expression",
                );
                return None;
            }
        };
        self.bump();
        Some(DefaultValue { kind, span: t.span })
    }

    pub(crate) fn unclosed_paren(&mut self, open: Span) {
        self.push(
            Diagnostic::error("spec::unclosed-paren", "`(` is never closed", open, "this `(` has no matching `)`")
                .with_help("add the `)`; arguments must close on the same line (use a \"\"\"triple-quoted\"\"\" string for a long SQL expression)"),
        );
    }

    /// `@name`, `@name(args)`, `@@name(args)`.
    pub(crate) fn parse_attr(&mut self) -> Option<Attribute> {
        let at = self.bump();
        let t = self.peek();
        if t.kind != Tok::Ident || t.span.start != at.span.end {
            self.unexpected(
                &t,
                "an attribute name right after `@`",
                "write the attribute name right after `@`, e.g. `@unique`",
            );
            return None;
        }
        self.bump();
        let name = Ident {
            text: t.value.clone(),
            quoted: false,
            span: t.span,
        };
        let mut args = Vec::new();
        if self.at(Tok::LParen) {
            let open = self.bump();
            let structured = if RAW_ATTRS.contains(&name.text.as_str()) {
                None
            } else {
                self.structured_args(&name.text)
            };
            match structured {
                Some(a) => args = a,
                None => match scan_raw(self.src, open.span.end) {
                    Ok(r) => {
                        args = raw_arg(self.src, open.span.end, r.close).into_iter().collect();
                        self.pos = r.close;
                        self.bump();
                    }
                    Err(end) => {
                        self.unclosed_paren(open.span);
                        self.pos = end;
                        return None;
                    }
                },
            }
        }
        Some(Attribute {
            name,
            args,
            span: Span::new(at.span.start, self.prev_end),
        })
    }

    /// Try to read `a, "b", 3, true)`; on anything else rewind and return
    /// `None` so the caller keeps the text raw (validation then says what
    /// the attribute expects).
    fn structured_args(&mut self, attr: &str) -> Option<Vec<AttrArg>> {
        let save = (self.pos, self.prev_end);
        let names = NAME_LIST_ATTRS.contains(&attr);
        let mut args = Vec::new();
        let ok = loop {
            let t = self.peek();
            if t.kind == Tok::RParen && args.is_empty() {
                self.bump();
                break true;
            }
            let arg = match t.kind {
                Tok::Ident if t.value == "true" || t.value == "false" => AttrArg::Bool(t.value == "true", t.span),
                Tok::Ident => AttrArg::Ident(Ident {
                    text: t.value.clone(),
                    quoted: false,
                    span: t.span,
                }),
                Tok::Str if names => AttrArg::Ident(Ident {
                    text: t.value.clone(),
                    quoted: true,
                    span: t.span,
                }),
                Tok::Str => AttrArg::Str(t.value.clone(), t.span),
                Tok::Int => match t.value.replace('_', "").parse::<i64>() {
                    Ok(v) => AttrArg::Int(v, t.span),
                    Err(_) => break false,
                },
                _ => break false,
            };
            self.bump();
            args.push(arg);
            match self.peek().kind {
                Tok::Comma => {
                    self.bump();
                    if self.eat(Tok::RParen).is_some() {
                        break true;
                    }
                }
                Tok::RParen => {
                    self.bump();
                    break true;
                }
                _ => break false,
            }
        };
        if ok {
            Some(args)
        } else {
            (self.pos, self.prev_end) = save;
            None
        }
    }
}

/// The text between `(` and `)` as one raw argument: a lone string literal
/// becomes [`AttrArg::Str`], anything else [`AttrArg::Raw`] (trimmed).
/// Empty parentheses give no argument.
fn raw_arg(src: &str, from: usize, to: usize) -> Option<AttrArg> {
    let text = &src[from..to];
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = from + (text.len() - text.trim_start().len());
    let span = Span::new(start, start + trimmed.len());
    let first = lex_at(trimmed, 0);
    if first.kind == Tok::Str && lex_at(trimmed, first.span.end).kind == Tok::Eof {
        return Some(AttrArg::Str(first.value, span));
    }
    Some(AttrArg::Raw(trimmed.to_string(), span))
}
