//! Types and `= default` values.

use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::parser::builtin_type_names;
use std::collections::HashMap;

/// The longest `string(n)` (PostgreSQL's limit for a length check on text).
const MAX_STRING_LEN: u32 = 10_485_760;

/// SQL or other-language type names people type out of habit.
fn sql_type_hint(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "varchar" | "char" | "character" | "nvarchar" => "use `string(n)` for bounded text or `text`",
        "integer" | "int4" | "i32" | "number" => "use `int`",
        "int8" | "long" | "i64" => "use `bigint`",
        "int2" | "short" | "i16" => "use `smallint`",
        "boolean" | "bit" => "use `bool`",
        "timestamptz" | "datetime" | "instant" => "use `timestamp` (stored as timestamptz)",
        "jsonb" | "object" => "use `json` (stored as jsonb)",
        "numeric" => "use `decimal(p, s)`, or `money` for amounts",
        "double" | "real" | "f64" | "f32" | "double_precision" => "use `float`",
        "serial" | "bigserial" | "id" => {
            "ids are added automatically (settings.ids); reference other entities with `-> Entity`"
        }
        "str" | "varchar2" | "String" => "use `text` or `string(n)`",
        "blob" | "bytea" | "binary" => "use `bytes` (and keep large files out of the database)",
        "interval" => "use `duration`",
        "decimal" => "use `decimal(p, s)`",
        _ => return None,
    })
}

/// Check a type expression: argument ranges, enum variants, and that a
/// named type is a declared enum.
pub(crate) fn check_type(ty: &TypeExpr, ctx: &mut Ctx) {
    match &ty.kind {
        TypeKind::String(n) if *n == 0 || *n > MAX_STRING_LEN => {
            ctx.push(
                Diagnostic::error(
                    "spec::bad-type-args",
                    format!("`string({n})` is not a usable length"),
                    ty.span,
                    "length out of range",
                )
                .with_help(format!(
                    "use a length from 1 to {MAX_STRING_LEN}, or `text` for any length"
                )),
            );
        }
        TypeKind::Decimal(p, s) => {
            check_decimal(*p, *s, ty.span, ctx.diags);
        }
        TypeKind::InlineEnum(vs) => {
            if vs.is_empty() {
                ctx.push(
                    Diagnostic::error(
                        "spec::empty-enum",
                        "an enum needs at least one variant",
                        ty.span,
                        "no variants",
                    )
                    .with_help("list the allowed values: `enum(draft, published)`"),
                );
            }
            check_variants(vs, ctx);
        }
        TypeKind::Named(n) => {
            if ctx.enums.contains_key(n.text.as_str()) || ctx.broken_names.contains(&n.text) {
                return;
            }
            let help = if ctx.entities.contains_key(n.text.as_str()) {
                format!(
                    "`{0}` is an entity; reference it with a relation: `{1} -> {0}`",
                    n.text,
                    crate::snake_case(&n.text)
                )
            } else if let Some(h) = sql_type_hint(&n.text) {
                h.to_string()
            } else {
                let mut names: Vec<&str> = builtin_type_names().collect();
                names.extend(ctx.enums.keys().copied());
                did_you_mean(&n.text, names).unwrap_or_else(|| {
                    "use a built-in type (text, int, money, timestamp, ...) or declare `enum Name { ... }`".into()
                })
            };
            ctx.push(
                Diagnostic::error(
                    "spec::unknown-type",
                    format!("unknown type `{}`", n.text),
                    n.span,
                    "not a type or enum",
                )
                .with_help(help),
            );
        }
        _ => {}
    }
}

/// Report duplicate variants (shared by inline and declared enums).
pub(crate) fn check_variants(vs: &[Ident], ctx: &mut Ctx) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for v in vs {
        if let Some(first) = seen.get(v.text.as_str()) {
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-variant",
                    format!("variant `{}` is listed twice", v.text),
                    v.span,
                    "listed again",
                )
                .with_related(*first, "first listed here")
                .with_help("remove one of them"),
            );
        } else {
            seen.insert(&v.text, v.span);
        }
    }
}

/// `decimal(p, s)`: 1 ≤ p ≤ 1000 and s ≤ p (PostgreSQL's numeric limits).
/// Returns whether it is valid.
pub(crate) fn check_decimal(p: u32, s: u32, span: Span, diags: &mut Vec<Diagnostic>) -> bool {
    let problem = if p == 0 || p > 1000 {
        Some(format!("precision {p} is outside 1–1000"))
    } else if s > p {
        Some(format!("scale {s} is larger than precision {p}"))
    } else {
        None
    };
    match problem {
        None => true,
        Some(msg) => {
            diags.push(
                Diagnostic::error("spec::bad-type-args", format!("`decimal({p}, {s})`: {msg}"), span, "invalid precision/scale")
                    .with_help("precision is the total number of digits (1–1000), scale the digits after the point (0–precision): `decimal(10, 2)`"),
            );
            false
        }
    }
}

fn type_name(ty: &TypeKind) -> String {
    crate::format::type_text(ty)
}

/// Check `= default` against the field type.
pub(crate) fn check_default(field: &Field, ty: &TypeExpr, nullable: bool, d: &DefaultValue, ctx: &mut Ctx) {
    let tname = type_name(&ty.kind);
    let written = crate::format::default_text(&d.kind, "");
    let mismatch = |_what: &str, help: String| {
        Diagnostic::error(
            "spec::bad-default",
            format!(
                "the default `{written}` does not fit `{}` (type `{tname}`)",
                field.name.text
            ),
            d.span,
            format!("not a valid `{tname}` value"),
        )
        .with_help(help)
        .with_related(ty.span, "the field's type")
    };
    // Enums: a bare variant name, or a quoted one.
    let variants: Option<Vec<&Ident>> = match &ty.kind {
        TypeKind::InlineEnum(vs) => Some(vs.iter().collect()),
        TypeKind::Named(n) => match ctx.enums.get(n.text.as_str()) {
            Some(e) => Some(e.variants.iter().collect()),
            None => return, // unknown type already reported
        },
        _ => None,
    };
    if let Some(vs) = variants {
        let value = match &d.kind {
            DefaultKind::Ident(s) | DefaultKind::Str(s) => s,
            _ => {
                let first = vs.first().map(|v| v.text.as_str()).unwrap_or("variant");
                ctx.push(mismatch(
                    "value",
                    format!("an enum default is one of its variants, e.g. `= {first}`"),
                ));
                return;
            }
        };
        if !vs.iter().any(|v| v.text == *value) {
            let names: Vec<&str> = vs.iter().map(|v| v.text.as_str()).collect();
            let list = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            let help = match did_you_mean(value, names.iter().copied()) {
                Some(h) => format!("{h} the variants are {list}"),
                None => format!("the variants are {list}"),
            };
            ctx.push(
                Diagnostic::error(
                    "spec::unknown-variant",
                    format!("`{value}` is not a variant of `{tname}`"),
                    d.span,
                    "not a variant",
                )
                .with_related(ty.span, "the enum")
                .with_help(help),
            );
        }
        return;
    }
    use TypeKind as T;
    let k = &ty.kind;
    let text_like = matches!(k, T::Text | T::String(_) | T::Email | T::Slug | T::Url | T::Json);
    let int_like = matches!(k, T::SmallInt | T::Int | T::BigInt);
    let num_like = matches!(k, T::Decimal(..) | T::Money | T::Percent | T::Float);
    let diag = match &d.kind {
        DefaultKind::Str(s) if text_like => match k {
            T::String(n) if s.chars().count() > *n as usize => Some(mismatch(
                "string",
                format!(
                    "the default has {} characters but `string({n})` allows {n}",
                    s.chars().count()
                ),
            )),
            _ => None,
        },
        DefaultKind::Int(v) if int_like => {
            let (lo, hi) = match k {
                T::SmallInt => (i16::MIN as i64, i16::MAX as i64),
                T::Int => (i32::MIN as i64, i32::MAX as i64),
                _ => (i64::MIN, i64::MAX),
            };
            (*v < lo || *v > hi).then(|| {
                mismatch(
                    "number",
                    format!("`{tname}` holds {lo} to {hi}; use a wider type such as `bigint`"),
                )
            })
        }
        DefaultKind::Int(v) if num_like => decimal_fit(&v.to_string(), k, ctx).map(|h| mismatch("number", h)),
        DefaultKind::Number(n) if num_like => decimal_fit(n, k, ctx).map(|h| mismatch("number", h)),
        DefaultKind::Bool(_) if matches!(k, T::Bool) => None,
        DefaultKind::Call(c) => match (c.as_str(), k) {
            ("now()", T::Timestamp) | ("today()", T::Date) => None,
            ("now()", _) | ("today()", _) => Some(mismatch(
                &format!("`{c}`"),
                "`now()` is for `timestamp` fields and `today()` for `date` fields".into(),
            )),
            _ => Some(mismatch(
                &format!("`{c}`"),
                format!(
                    "the functions allowed after `=` are now() and today(); for any other SQL write `@default({c})`"
                ),
            )),
        },
        DefaultKind::Ident(s) if s == "null" || s == "NULL" => Some(mismatch(
            "`null`",
            if nullable {
                "a nullable field defaults to NULL already; remove `= null`".into()
            } else {
                "make the field nullable with `?` instead; it then defaults to NULL".into()
            },
        )),
        DefaultKind::Ident(s) if text_like => Some(mismatch("name", format!("strings need quotes: `= \"{s}\"`"))),
        other => Some(mismatch(kind_name(other), expected_help(k))),
    };
    if let Some(diag) = diag {
        ctx.push(diag);
    }
}

/// Digits of a numeric default must fit `decimal(p, s)` / money.
fn decimal_fit(n: &str, k: &TypeKind, ctx: &Ctx) -> Option<String> {
    let (p, s) = match k {
        TypeKind::Decimal(p, s) => (*p, *s),
        TypeKind::Money => ctx.settings.money,
        _ => return None,
    };
    let digits = n.trim_start_matches('-');
    let (int_part, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int_digits = int_part.trim_start_matches('0').len() as u32;
    let frac_digits = frac.trim_end_matches('0').len() as u32;
    if frac_digits > s {
        return Some(format!(
            "it has {frac_digits} digits after the point but the scale is {s}"
        ));
    }
    if int_digits > p.saturating_sub(s) {
        return Some(format!(
            "it has {int_digits} digits before the point but only {} fit (precision {p}, scale {s})",
            p.saturating_sub(s)
        ));
    }
    None
}

fn kind_name(d: &DefaultKind) -> &'static str {
    match d {
        DefaultKind::Str(_) => "string",
        DefaultKind::Int(_) | DefaultKind::Number(_) => "number",
        DefaultKind::Bool(_) => "boolean",
        DefaultKind::Ident(_) => "name",
        DefaultKind::Call(_) => "call",
    }
}

fn expected_help(k: &TypeKind) -> String {
    use TypeKind as T;
    match k {
        T::Text | T::String(_) | T::Email | T::Slug | T::Url | T::Json => {
            "a text default is a string: `= \"value\"`".into()
        }
        T::SmallInt | T::Int | T::BigInt => "an integer default is a whole number: `= 0`".into(),
        T::Decimal(..) | T::Money | T::Percent | T::Float => "a numeric default is a number: `= 0` or `= 1.50`".into(),
        T::Bool => "a bool default is `true` or `false`".into(),
        T::Timestamp => "a timestamp default is `now()`; use @default(...) for other SQL".into(),
        T::Date => "a date default is `today()`; use @default(...) for other SQL".into(),
        _ => format!(
            "`{}` has no `= value` defaults; use @default(...) with a SQL expression",
            type_name(k)
        ),
    }
}
