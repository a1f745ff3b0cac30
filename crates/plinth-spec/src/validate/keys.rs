//! Declared primary keys: `@id` on one scalar field or `@@id(a, b)`.

use super::Ctx;
use crate::accessors::{resolve_column_arg, ColumnRef};
use crate::ast::*;
use crate::diagnostic::Diagnostic;

pub(crate) fn check_primary_key(e: &Entity, ctx: &mut Ctx) {
    let id_fields: Vec<&Field> = e
        .fields()
        .filter(|f| matches!(f.kind, FieldKind::Scalar { .. }) && f.has_attr("id"))
        .collect();
    let block_ids: Vec<&Attribute> = e.block_attrs().filter(|a| a.name.text == "id").collect();
    for f in &id_fields {
        if f.is_nullable() {
            let a = f.attr("id").unwrap();
            ctx.push(
                Diagnostic::error(
                    "spec::bad-primary-key",
                    format!("the primary key `{}` cannot be nullable", f.name.text),
                    a.span,
                    "`@id` on an optional field",
                )
                .with_related(f.name.span, "declared with `?`")
                .with_help("primary key columns are NOT NULL; remove the `?` or the `@id`"),
            );
        }
    }
    let mut keys: Vec<(Span, &str)> = id_fields
        .iter()
        .map(|f| (f.attr("id").unwrap().span, "`@id`"))
        .collect();
    keys.extend(block_ids.iter().map(|a| (a.span, "`@@id`")));
    if let Some(first) = keys.first() {
        for (span, what) in keys.iter().skip(1) {
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-primary-key",
                    format!("`{}` declares its primary key twice", e.name.text),
                    *span,
                    format!("second key: {what}"),
                )
                .with_related(first.0, format!("first key: {}", first.1))
                .with_help("an entity has one primary key: one `@id` field, or `@@id(a, b)` for a composite key"),
            );
        }
    }
    for a in &block_ids {
        for n in a.name_args() {
            let problem = match resolve_column_arg(e, &n.text, &ctx.settings) {
                Some(ColumnRef::Field(f)) if f.is_nullable() => Some((
                    format!("`{}` is optional and cannot be part of the primary key", n.text),
                    "primary key columns are NOT NULL; make the field required or leave it out of `@@id`",
                )),
                Some(ColumnRef::Convention(_)) => Some((
                    format!(
                        "`{}` is a convention column and cannot be part of the primary key",
                        n.text
                    ),
                    "list fields of the entity (and the tenant) in `@@id`",
                )),
                _ => None,
            };
            if let Some((msg, help)) = problem {
                ctx.push(
                    Diagnostic::error("spec::bad-primary-key", msg, n.span, "not a valid key column").with_help(help),
                );
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    let key_span = keys[0].0;
    if ctx.settings.tenant.as_deref() == Some(e.name.text.as_str()) {
        ctx.push(
            Diagnostic::error(
                "spec::natural-key-unsupported",
                format!("the tenant entity `{}` cannot declare its own primary key yet", e.name.text),
                key_span,
                "declared key on the tenant",
            )
            .with_help("every tenant column references the tenant's `id`; keep the surrogate key and make this field `@unique`"),
        );
    }
    let in_many_to_many = e.fields().any(|f| matches!(f.kind, FieldKind::ManyToMany { .. }))
        || ctx.entities.values().any(|other| {
            other.fields().any(|f| match &f.kind {
                FieldKind::ManyToMany { target } => target.text == e.name.text,
                _ => false,
            })
        });
    if in_many_to_many {
        ctx.push(
            Diagnostic::error(
                "spec::natural-key-unsupported",
                format!("`{}` is in a many-to-many relation and cannot declare its own primary key yet", e.name.text),
                key_span,
                "declared key",
            )
            .with_help("junction tables reference `id`; keep the surrogate key and make this field `@unique`, or model the link as an entity with two `->` fields"),
        );
    }
}
