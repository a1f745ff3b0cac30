//! Entities: attributes, fields, columns and `@@` lines.

use super::attrs::{arg_span, check_attr, check_attrs, Pos};
use super::types::{check_default, check_type};
use super::Ctx;
use crate::accessors::{resolve_column_arg, EntityTraits};
use crate::ast::*;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::snake_case;
use std::collections::HashMap;

pub(crate) fn check_entity(e: &Entity, ctx: &mut Ctx) {
    check_attrs(&e.attrs, Pos::Entity, ctx);
    check_traits(e, ctx);
    let mut names: HashMap<&str, &Field> = HashMap::new();
    for f in e.fields() {
        if let Some(first) = names.get(f.name.text.as_str()) {
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-field",
                    format!("field `{}` is declared twice in `{}`", f.name.text, e.name.text),
                    f.name.span,
                    "declared again",
                )
                .with_related(first.name.span, "first declared here")
                .with_help("rename or remove one of them"),
            );
            continue;
        }
        names.insert(&f.name.text, f);
        check_field(f, ctx);
    }
    check_columns(e, ctx);
    for a in e.block_attrs() {
        if check_attr(a, Pos::Block, ctx) && matches!(a.name.text.as_str(), "unique" | "index" | "id") {
            check_block_names(e, a, ctx);
        }
    }
    super::keys::check_primary_key(e, ctx);
}

fn check_traits(e: &Entity, ctx: &mut Ctx) {
    if let (Some(v), Some(a)) = (e.attr("versioned"), e.attr("append_only")) {
        ctx.push(
            Diagnostic::error("spec::conflicting-traits", format!("`{}` cannot be both @versioned and @append_only", e.name.text), v.span, "@versioned")
                .with_related(a.span, "@append_only")
                .with_help("append-only rows are never updated, so they need no version for optimistic locking; remove one of the two"),
        );
    }
    if let (Some(s), Some(a)) = (e.attr("soft_delete"), e.attr("append_only")) {
        if s.bool_arg() == Some(true) {
            ctx.push(
                Diagnostic::error(
                    "spec::conflicting-traits",
                    format!("`{}` cannot be both @soft_delete and @append_only", e.name.text),
                    s.span,
                    "@soft_delete",
                )
                .with_related(a.span, "@append_only")
                .with_help("append-only rows are never changed, and soft deletion is a change; remove @soft_delete"),
            );
        }
    }
    if ctx.settings.tenant.is_none() {
        if let Some(g) = e.attr("global") {
            ctx.push(
                Diagnostic::warning(
                    "spec::global-without-tenant",
                    "`@global` has no effect without a tenant",
                    g.span,
                    "no tenant is set",
                )
                .with_help("set `tenant = Entity` in `settings` to scope entities by tenant, or remove `@global`"),
            );
        }
    }
}

fn check_field(f: &Field, ctx: &mut Ctx) {
    match &f.kind {
        FieldKind::Scalar { ty, nullable, default } => {
            check_type(ty, ctx);
            check_attrs(&f.attrs, Pos::Scalar, ctx);
            if let Some(d) = default {
                check_default(f, ty, *nullable, d, ctx);
                if let Some(a) = f.attr("default") {
                    ctx.push(
                        Diagnostic::error(
                            "spec::default-conflict",
                            format!("`{}` has two defaults", f.name.text),
                            a.span,
                            "second default",
                        )
                        .with_related(d.span, "`= value` default")
                        .with_help(
                            "keep `= value` for a plain value, or `@default(...)` for a SQL expression, not both",
                        ),
                    );
                }
            }
        }
        FieldKind::Relation { target, nullable } => {
            check_target(target, ctx);
            if check_attrs_ok(&f.attrs, Pos::Relation, ctx) {
                for a in ["on_delete", "on_update"].into_iter().filter_map(|n| f.attr(n)) {
                    if a.ident_arg().is_some_and(|i| i.text == "set_null") && !nullable {
                        ctx.push(
                            Diagnostic::error(
                                "spec::bad-attribute-arg",
                                format!(
                                    "`set_null` needs an optional relation, but `{}` is required",
                                    f.name.text
                                ),
                                a.args.first().map(arg_span).unwrap_or(a.span),
                                "cannot set a required column to NULL",
                            )
                            .with_related(target.span, "required relation (no `?`)")
                            .with_help(format!(
                                "make it optional (`{} -> {}?`) or use `cascade` / `restrict`",
                                f.name.text, target.text
                            )),
                        );
                    }
                }
            }
        }
        FieldKind::ManyToMany { target } => {
            check_target(target, ctx);
            check_attrs(&f.attrs, Pos::ManyToMany, ctx);
        }
    }
}

fn check_attrs_ok(attrs: &[Attribute], pos: Pos, ctx: &mut Ctx) -> bool {
    let before = ctx.diags.iter().filter(|d| d.is_error()).count();
    check_attrs(attrs, pos, ctx);
    ctx.diags.iter().filter(|d| d.is_error()).count() == before
}

fn check_target(target: &Ident, ctx: &mut Ctx) {
    if ctx.entities.contains_key(target.text.as_str()) || ctx.broken_names.contains(&target.text) {
        return;
    }
    let help = if ctx.enums.contains_key(target.text.as_str()) {
        format!(
            "`{0}` is an enum; use it as a type: `{1} {0}`",
            target.text,
            snake_case(&target.text)
        )
    } else {
        let names = ctx.entity_names();
        did_you_mean(&target.text, names.iter().copied()).unwrap_or_else(|| {
            format!(
                "declare `entity {} {{ ... }}` or point the relation at an existing entity",
                target.text
            )
        })
    };
    ctx.push(
        Diagnostic::error(
            "spec::unknown-entity",
            format!("unknown entity `{}`", target.text),
            target.span,
            "no entity with this name",
        )
        .with_help(help),
    );
}

/// Fields must not produce a convention column or each other's column.
fn check_columns(e: &Entity, ctx: &mut Ctx) {
    let traits = EntityTraits::resolve(e, &ctx.settings);
    let conventions = traits.convention_columns(&ctx.settings);
    let mut seen: HashMap<String, &Field> = HashMap::new();
    for f in e.fields() {
        let Some(col) = f.column_name() else { continue };
        if let Some((_, why)) = conventions.iter().find(|(c, _)| *c == col) {
            let help = match col.as_str() {
                "id" => "every entity gets `id` as its primary key; rename the field (for an external identifier e.g. `external_id`)".to_string(),
                "created_at" | "updated_at" => format!("rename the field, or turn the convention off with `@timestamps(false)` on `{}` (or `timestamps = false`)", e.name.text),
                "deleted_at" => format!("rename the field, or turn soft delete off with `@soft_delete(false)` on `{}`", e.name.text),
                "version" => "rename the field, or remove `@versioned`".to_string(),
                "created_by" | "updated_by" => format!("rename the field, or turn auditing off with `@audit(false)` on `{}`", e.name.text),
                _ => format!(
                    "`{}` is scoped to the tenant, which adds this column; remove the field, or mark the entity `@global`",
                    e.name.text
                ),
            };
            ctx.push(
                Diagnostic::error(
                    "spec::reserved-column",
                    format!(
                        "field `{}` would become the column `{col}`, which is {why}",
                        f.name.text
                    ),
                    f.name.span,
                    format!("collides with the convention column `{col}`"),
                )
                .with_help(help),
            );
            continue;
        }
        if let Some(first) = seen.get(&col) {
            if first.name.text != f.name.text {
                let help = match (&first.kind, &f.kind) {
                    (FieldKind::Relation { .. }, FieldKind::Scalar { .. })
                    | (FieldKind::Scalar { .. }, FieldKind::Relation { .. }) => {
                        format!("a relation already creates the column `{col}`; remove the scalar field or give one of them @map(\"...\")")
                    }
                    _ => "rename one of the fields or give one of them @map(\"...\")".to_string(),
                };
                ctx.push(
                    Diagnostic::error(
                        "spec::duplicate-column",
                        format!("two fields become the column `{col}`"),
                        f.name.span,
                        format!("column `{col}`"),
                    )
                    .with_related(first.name.span, format!("also column `{col}`"))
                    .with_help(help),
                );
            }
            continue;
        }
        seen.insert(col, f);
    }
}

/// Names in `@@unique(...)` / `@@index(...)` must resolve to columns.
fn check_block_names(e: &Entity, a: &Attribute, ctx: &mut Ctx) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for arg in &a.args {
        let AttrArg::Ident(n) = arg else { continue };
        if let Some(first) = seen.get(n.text.as_str()) {
            ctx.push(
                Diagnostic::error(
                    "spec::bad-attribute-arg",
                    format!("`{}` is listed twice in `@@{}`", n.text, a.name.text),
                    n.span,
                    "listed again",
                )
                .with_related(*first, "first listed here")
                .with_help("list each field once"),
            );
            continue;
        }
        seen.insert(&n.text, n.span);
        if resolve_column_arg(e, &n.text, &ctx.settings).is_some() {
            continue;
        }
        if ctx.has_syntax_error_in(e.span) && e.field(&n.text).is_none() {
            // The field may be on a line that did not parse.
            continue;
        }
        if let Some(f) = e.field(&n.text) {
            ctx.push(
                Diagnostic::error(
                    "spec::bad-attribute-arg",
                    format!(
                        "`{}` is a many-to-many relation and cannot be in `@@{}`",
                        n.text, a.name.text
                    ),
                    n.span,
                    "`<->` field",
                )
                .with_related(f.name.span, "declared with `<->`")
                .with_help("many-to-many links live in a junction table; list scalar fields and `->` relations only"),
            );
            continue;
        }
        let traits = EntityTraits::resolve(e, &ctx.settings);
        let mut candidates: Vec<String> = e
            .fields()
            .filter(|f| !matches!(f.kind, FieldKind::ManyToMany { .. }))
            .map(|f| f.name.text.clone())
            .collect();
        if traits.tenant_scoped {
            candidates.extend(ctx.settings.tenant.as_deref().map(snake_case));
        }
        candidates.extend(
            traits
                .convention_columns(&ctx.settings)
                .into_iter()
                .map(|(c, _)| c)
                .filter(|c| c != "id" && !c.ends_with("_id")),
        );
        let tenant_name = ctx.settings.tenant.as_deref().map(snake_case);
        let help = if tenant_name.as_deref() == Some(n.text.as_str()) && !traits.tenant_scoped {
            format!("`{}` is not tenant-scoped, so it has no tenant column", e.name.text)
        } else {
            did_you_mean(&n.text, candidates.iter().map(String::as_str))
                .unwrap_or_else(|| format!("fields of `{}`: {}", e.name.text, candidates.join(", ")))
        };
        ctx.push(
            Diagnostic::error(
                "spec::unknown-field",
                format!("`{}` has no field `{}`", e.name.text, n.text),
                n.span,
                "not a field of this entity",
            )
            .with_help(help),
        );
    }
}
