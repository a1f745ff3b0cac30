//! Name tables, enums, queries and volumes.

use super::attrs::{check_attrs, Pos};
use super::types::check_variants;
use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::parser::builtin_type_names;
use std::collections::HashMap;

/// Fill the entity and enum tables; report duplicates and clashes. The
/// first declaration wins so later checks see one meaning per name.
pub(crate) fn collect_names<'a>(file: &'a SpecFile, ctx: &mut Ctx<'a>) {
    for e in file.entities() {
        if let Some(first) = ctx.entities.get(e.name.text.as_str()) {
            let first = first.name.span;
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-entity",
                    format!("entity `{}` is declared twice", e.name.text),
                    e.name.span,
                    "declared again",
                )
                .with_related(first, "first declared here")
                .with_help("merge the two declarations or rename one"),
            );
        } else {
            ctx.entities.insert(&e.name.text, e);
        }
    }
    for en in file.enums() {
        let name = en.name.text.as_str();
        if let Some(first) = ctx.enums.get(name) {
            let first = first.name.span;
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-enum",
                    format!("enum `{name}` is declared twice"),
                    en.name.span,
                    "declared again",
                )
                .with_related(first, "first declared here")
                .with_help("merge the variants into one declaration or rename one"),
            );
            continue;
        }
        if let Some(ent) = ctx.entities.get(name) {
            let espan = ent.name.span;
            ctx.push(
                Diagnostic::error(
                    "spec::name-conflict",
                    format!("`{name}` is both an entity and an enum"),
                    en.name.span,
                    "enum",
                )
                .with_related(espan, "entity")
                .with_help("rename one of them, e.g. the enum to `{name}Kind`".replace("{name}", name)),
            );
            continue;
        }
        if !en.name.quoted && builtin_type_names().any(|b| b == name) {
            ctx.push(
                Diagnostic::error(
                    "spec::reserved-name",
                    format!("`{name}` is a built-in type"),
                    en.name.span,
                    "built-in type name",
                )
                .with_help(format!(
                    "rename the enum (e.g. `{}Kind`), since `{name}` in a field always means the built-in type",
                    capitalize(name)
                )),
            );
            continue;
        }
        ctx.enums.insert(name, en);
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub(crate) fn check_enum(e: &EnumDecl, ctx: &mut Ctx) {
    check_attrs(&e.attrs, Pos::Enum, ctx);
    if e.variants.is_empty() {
        ctx.push(
            Diagnostic::error(
                "spec::empty-enum",
                format!("enum `{}` has no variants", e.name.text),
                e.name.span,
                "no variants",
            )
            .with_help(format!("list the allowed values: `enum {} {{ a, b }}`", e.name.text)),
        );
    }
    check_variants(&e.variants, ctx);
}

pub(crate) fn check_queries(file: &SpecFile, ctx: &mut Ctx) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for q in file.queries() {
        if let Some(first) = seen.get(q.name.text.as_str()) {
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-query",
                    format!("query `{}` is declared twice", q.name.text),
                    q.name.span,
                    "declared again",
                )
                .with_related(*first, "first declared here")
                .with_help("give each query its own name"),
            );
        } else {
            seen.insert(&q.name.text, q.name.span);
        }
        let broken = ctx
            .syntax_errors
            .iter()
            .any(|e| e.start >= q.span.start && e.start <= q.span.end);
        if q.sql_span.is_empty() {
            if broken {
                continue;
            }
            ctx.push(
                Diagnostic::error(
                    "spec::missing-sql",
                    format!("query `{}` has no `sql`", q.name.text),
                    q.name.span,
                    "no `sql = \"...\"`",
                )
                .with_help("add `sql = \"SELECT ...\"` inside the braces; the design passes use it to choose indexes"),
            );
        } else if q.sql.trim().is_empty() {
            ctx.push(
                Diagnostic::error(
                    "spec::missing-sql",
                    format!("query `{}` has an empty `sql`", q.name.text),
                    q.sql_span,
                    "empty SQL",
                )
                .with_help("write the statement the application runs, with $1, $2 for parameters"),
            );
        }
    }
}

pub(crate) fn check_volumes(file: &SpecFile, ctx: &mut Ctx) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for v in file.volumes() {
        let name = v.entity.text.as_str();
        if let Some(first) = seen.get(name) {
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-volume",
                    format!("the volume of `{name}` is given twice"),
                    v.span,
                    "given again",
                )
                .with_related(*first, "first given here")
                .with_help("keep one `volume` line per entity"),
            );
            continue;
        }
        seen.insert(name, v.span);
        if !ctx.entities.contains_key(name) && !ctx.broken_names.contains(name) {
            let names = ctx.entity_names();
            let help = did_you_mean(name, names.iter().copied())
                .unwrap_or_else(|| "a volume names an entity declared in this spec".into());
            ctx.push(
                Diagnostic::error(
                    "spec::unknown-entity",
                    format!("volume for unknown entity `{name}`"),
                    v.entity.span,
                    "no entity with this name",
                )
                .with_help(help),
            );
        }
    }
}
