//! The attribute catalog: which attribute goes where, with which arguments.

use super::Ctx;
use crate::ast::*;
use crate::diagnostic::{did_you_mean, suggest, Diagnostic};
use std::collections::HashMap;

/// Where an attribute is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pos {
    Entity,
    Scalar,
    Relation,
    ManyToMany,
    Enum,
    /// An `@@` line inside an entity.
    Block,
}

impl Pos {
    fn describe(self) -> &'static str {
        match self {
            Pos::Entity => "an entity",
            Pos::Scalar => "a field",
            Pos::Relation => "a relation (`->`)",
            Pos::ManyToMany => "a many-to-many relation (`<->`)",
            Pos::Enum => "an enum",
            Pos::Block => "an `@@` line",
        }
    }
}

/// Argument shapes.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// No arguments.
    Flag,
    /// No arguments (= true) or one `true`/`false`.
    OptBool,
    /// One non-empty string.
    Str,
    /// One identifier from the list.
    Choice(&'static [&'static str]),
    /// One raw SQL expression or string.
    Sql,
    /// One or more names.
    Names,
}

struct AttrSpec {
    name: &'static str,
    shape: Shape,
    positions: &'static [Pos],
}

pub(crate) const ON_DELETE: &[&str] = &["cascade", "restrict", "set_null", "no_action"];

use Pos::*;
const ATTRS: &[AttrSpec] = &[
    AttrSpec {
        name: "global",
        shape: Shape::Flag,
        positions: &[Entity],
    },
    AttrSpec {
        name: "versioned",
        shape: Shape::Flag,
        positions: &[Entity],
    },
    AttrSpec {
        name: "append_only",
        shape: Shape::Flag,
        positions: &[Entity],
    },
    AttrSpec {
        name: "soft_delete",
        shape: Shape::OptBool,
        positions: &[Entity],
    },
    AttrSpec {
        name: "audit",
        shape: Shape::OptBool,
        positions: &[Entity],
    },
    AttrSpec {
        name: "timestamps",
        shape: Shape::OptBool,
        positions: &[Entity],
    },
    AttrSpec {
        name: "group",
        shape: Shape::Str,
        positions: &[Entity],
    },
    AttrSpec {
        name: "map",
        shape: Shape::Str,
        positions: &[Entity, Scalar, Relation, ManyToMany, Enum],
    },
    AttrSpec {
        name: "comment",
        shape: Shape::Str,
        positions: &[Entity, Scalar, Relation, ManyToMany, Enum],
    },
    AttrSpec {
        name: "renamed_from",
        shape: Shape::Str,
        positions: &[Entity, Scalar, Relation, ManyToMany],
    },
    AttrSpec {
        name: "unique",
        shape: Shape::Flag,
        positions: &[Scalar, Relation],
    },
    AttrSpec {
        name: "index",
        shape: Shape::Flag,
        positions: &[Scalar, Relation],
    },
    AttrSpec {
        name: "check",
        shape: Shape::Sql,
        positions: &[Scalar],
    },
    AttrSpec {
        name: "default",
        shape: Shape::Sql,
        positions: &[Scalar],
    },
    AttrSpec {
        name: "id",
        shape: Shape::Flag,
        positions: &[Scalar],
    },
    AttrSpec {
        name: "on_delete",
        shape: Shape::Choice(ON_DELETE),
        positions: &[Relation],
    },
    AttrSpec {
        name: "on_update",
        shape: Shape::Choice(ON_DELETE),
        positions: &[Relation],
    },
];

const BLOCK_ATTRS: &[AttrSpec] = &[
    AttrSpec {
        name: "id",
        shape: Shape::Names,
        positions: &[Block],
    },
    AttrSpec {
        name: "unique",
        shape: Shape::Names,
        positions: &[Block],
    },
    AttrSpec {
        name: "index",
        shape: Shape::Names,
        positions: &[Block],
    },
    AttrSpec {
        name: "check",
        shape: Shape::Sql,
        positions: &[Block],
    },
];

/// Hints for attributes from other tools (mostly Prisma).
fn foreign_hint(name: &str, pos: Pos) -> Option<&'static str> {
    Some(match (name, pos) {
        ("map", Block) => "put `@map(\"table\")` after the entity name",
        ("pk", _) | ("primary", _) | ("primary_key", _) => {
            "mark the key field with `@id` (or write `@@id(a, b)`); without one every entity gets an `id` (settings.ids)"
        }
        ("relation", _) | ("fk", _) | ("references", _) => {
            "write relations as `name -> Entity` with `@on_delete(cascade|restrict|set_null)`"
        }
        ("updatedAt", _) | ("updated_at", _) | ("createdAt", _) | ("created_at", _) => {
            "`created_at`/`updated_at` are added by the timestamps convention"
        }
        ("nullable", _) | ("optional", _) => "mark a field nullable with `?` after its type: `due date?`",
        ("required", _) | ("not_null", _) => "fields are required unless marked `?`",
        ("length", _) | ("max_length", _) | ("maxlength", _) => "use `string(n)` for a maximum length",
        ("min", _) | ("max", _) | ("range", _) => "use `@check(value >= 0)` for a range",
        ("onDelete", _) | ("ondelete", _) | ("cascade", _) => "write `@on_delete(cascade)`",
        ("soft_delete", Scalar) | ("timestamps", Scalar) | ("audit", Scalar) => {
            "this is an entity attribute; put it after the entity name"
        }
        _ => return None,
    })
}

/// Check attributes written at `pos`: known, allowed there, right
/// arguments, not repeated.
pub(crate) fn check_attrs(attrs: &[Attribute], pos: Pos, ctx: &mut Ctx) {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for a in attrs {
        let name = a.name.text.as_str();
        if let Some(first) = seen.get(name) {
            ctx.push(
                Diagnostic::error(
                    "spec::duplicate-attribute",
                    format!("`@{name}` is given twice"),
                    a.span,
                    "repeated",
                )
                .with_related(*first, "first given here")
                .with_help("remove one of them"),
            );
            continue;
        }
        seen.insert(name, a.span);
        check_attr(a, pos, ctx);
    }
}

/// Check one attribute (also used for single `@@` lines).
pub(crate) fn check_attr(a: &Attribute, pos: Pos, ctx: &mut Ctx) -> bool {
    let name = a.name.text.as_str();
    let at = if pos == Block { "@@" } else { "@" };
    let table = if pos == Block { BLOCK_ATTRS } else { ATTRS };
    let Some(spec) = table.iter().find(|s| s.name == name) else {
        let allowed: Vec<&str> = table
            .iter()
            .filter(|s| s.positions.contains(&pos))
            .map(|s| s.name)
            .collect();
        let help = foreign_hint(name, pos)
            .map(String::from)
            .or_else(|| suggest(name, allowed.iter().copied()).map(|s| format!("did you mean `{at}{s}`?")))
            .unwrap_or_else(|| {
                format!(
                    "attributes of {}: {}",
                    pos.describe(),
                    allowed
                        .iter()
                        .map(|n| format!("{at}{n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            });
        ctx.push(
            Diagnostic::error(
                "spec::unknown-attribute",
                format!("unknown attribute `{at}{name}`"),
                a.name.span,
                "not a plinth attribute",
            )
            .with_help(help),
        );
        return false;
    };
    if !spec.positions.contains(&pos) {
        let help = match (name, pos) {
            ("unique" | "index", Entity) => {
                format!("for several fields write `@@{name}(a, b)` on its own line inside the entity")
            }
            ("global" | "versioned" | "append_only" | "soft_delete" | "audit" | "timestamps" | "group", _) => {
                format!("`@{name}` belongs after the entity name: `entity Name @{name} {{`")
            }
            ("on_delete" | "on_update", _) => format!("`@{name}` applies to relations written `name -> Entity`"),
            ("id", Relation) => {
                "for a key that includes a relation write `@@id(relation, other_field)` on its own line".to_string()
            }
            ("id", Entity | ManyToMany) => {
                "put `@id` on one scalar field, or write `@@id(a, b)` inside the entity for a composite key".to_string()
            }
            ("unique" | "index", ManyToMany) => {
                "a many-to-many junction already has a composite primary key and a reverse index".to_string()
            }
            _ => format!(
                "`@{name}` can be used on {}",
                spec.positions
                    .iter()
                    .map(|p| p.describe())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ctx.push(
            Diagnostic::error(
                "spec::attribute-not-allowed",
                format!("`@{name}` cannot be used on {}", pos.describe()),
                a.span,
                format!("not allowed on {}", pos.describe()),
            )
            .with_help(help),
        );
        return false;
    }
    let problem: Option<(String, String)> = match spec.shape {
        Shape::Flag => (!a.args.is_empty()).then(|| ("takes no arguments".into(), format!("write `@{name}`"))),
        Shape::OptBool => match a.args.as_slice() {
            [] | [AttrArg::Bool(..)] => None,
            _ => Some((
                "takes `true` or `false`".into(),
                format!("write `@{name}` to turn it on or `@{name}(false)` to turn it off"),
            )),
        },
        Shape::Str => match a.args.as_slice() {
            [AttrArg::Str(s, _)] if !s.trim().is_empty() => None,
            [AttrArg::Str(..)] => Some(("needs a non-empty string".into(), format!("write `@{name}(\"...\")`"))),
            _ => Some((
                "takes one string".into(),
                format!("write `@{name}(\"...\")` with the text in double quotes"),
            )),
        },
        Shape::Choice(opts) => {
            let list = opts.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ");
            match a.args.as_slice() {
                [AttrArg::Ident(i)] if opts.contains(&i.text.as_str()) => None,
                [AttrArg::Ident(i)] => {
                    let hint = match i.text.as_str() {
                        "setnull" | "set_nul" | "nullify" | "SetNull" => Some("did you mean `set_null`?".to_string()),
                        "no_action" | "noaction" | "NoAction" => Some("did you mean `restrict`?".to_string()),
                        other => did_you_mean(other, opts.iter().copied()),
                    };
                    Some((
                        format!("does not accept `{}`", i.text),
                        hint.map(|h| format!("{h} ")).unwrap_or_default() + &format!("choose one of {list}"),
                    ))
                }
                _ => Some((
                    format!("takes one of {list}"),
                    format!("write e.g. `@{name}({})`", opts[0]),
                )),
            }
        }
        Shape::Sql => match a.args.as_slice() {
            [AttrArg::Raw(s, _) | AttrArg::Str(s, _)] if !s.trim().is_empty() => None,
            _ => Some((
                "needs a SQL expression".into(),
                format!("write `{at}{name}(price >= 0)`; the text is passed to SQL as written"),
            )),
        },
        Shape::Names => match a.args.as_slice() {
            [] => Some((
                "needs at least one field".into(),
                format!("write `@@{name}(a, b)` with field names"),
            )),
            args if args.iter().all(|x| matches!(x, AttrArg::Ident(_))) => None,
            _ => Some((
                "takes field names".into(),
                format!("write `@@{name}(a, b)` with the names of fields of this entity"),
            )),
        },
    };
    if let Some((what, help)) = problem {
        let span = a
            .args
            .first()
            .map(arg_span)
            .map(|s| Span::new(s.start, a.args.last().map(arg_span).unwrap_or(s).end))
            .unwrap_or(a.span);
        ctx.push(
            Diagnostic::error(
                "spec::bad-attribute-arg",
                format!("`{at}{name}` {what}"),
                span,
                "wrong argument",
            )
            .with_help(help),
        );
        return false;
    }
    true
}

pub(crate) fn arg_span(a: &AttrArg) -> Span {
    match a {
        AttrArg::Ident(i) => i.span,
        AttrArg::Str(_, s) | AttrArg::Int(_, s) | AttrArg::Bool(_, s) | AttrArg::Raw(_, s) => *s,
    }
}
