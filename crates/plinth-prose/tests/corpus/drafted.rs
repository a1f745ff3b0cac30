//! What the corpus evaluation reads from a drafted spec: entities, their
//! fields with a type class, relations (with the implicit tenant column) and
//! the five flags.

use super::expect::{field_key, Class, Flag};
use plinth_spec::ast::{FieldKind, Item, TypeKind};

/// The spec language has no partitioning construct (docs/spec-language.md);
/// a draft counts as partitioned when it declares a `volume` of at least this
/// many rows for some entity, or has a line comment starting `// partition`.
pub const PARTITION_VOLUME: u64 = 100_000_000;

/// What the evaluation reads from a drafted spec.
pub struct Drafted {
    pub entities: Vec<DEntity>,
    /// `(child, parent, many_to_many, implicit)`, entity indices into `entities`.
    /// Implicit ones are the tenant column of every tenant-scoped entity.
    pub relations: Vec<(usize, usize, bool, bool)>,
    pub flags: Vec<(Flag, bool)>,
}

pub struct DEntity {
    pub name: String,
    /// `(field_key of the name, type class or None for a relation, unique)`.
    pub fields: Vec<(String, Option<Class>, bool)>,
}

fn class_of(ty: &TypeKind) -> Class {
    match ty {
        TypeKind::Text => Class::Text,
        TypeKind::String(_) => Class::String,
        TypeKind::Email => Class::Email,
        TypeKind::Slug => Class::Slug,
        TypeKind::Url => Class::Url,
        TypeKind::SmallInt | TypeKind::Int | TypeKind::BigInt => Class::Int,
        TypeKind::Decimal(..) => Class::Decimal,
        TypeKind::Money => Class::Money,
        TypeKind::Percent => Class::Percent,
        TypeKind::Float => Class::Float,
        TypeKind::Bool => Class::Bool,
        TypeKind::Date => Class::Date,
        TypeKind::Time => Class::Time,
        TypeKind::Timestamp => Class::Timestamp,
        TypeKind::Duration => Class::Duration,
        TypeKind::Uuid => Class::Uuid,
        TypeKind::Json => Class::Json,
        TypeKind::Bytes => Class::Bytes,
        TypeKind::InlineEnum(_) | TypeKind::Named(_) => Class::Enum,
    }
}

pub fn read_draft(spec_text: &str, spec: &plinth_spec::ValidSpec) -> Drafted {
    let ents: Vec<_> = spec.file.entities().collect();
    let index = |name: &str| ents.iter().position(|e| e.name.text == name);
    let mut relations = Vec::new();
    let mut entities = Vec::new();
    for (i, e) in ents.iter().enumerate() {
        let single_uniques: Vec<String> = e
            .block_attrs()
            .filter(|a| a.name.text == "unique" && a.name_args().count() == 1)
            .flat_map(|a| a.name_args().map(|n| n.text.clone()))
            .collect();
        let mut fields = Vec::new();
        for f in e.fields() {
            let unique = f.has_attr("unique") || single_uniques.contains(&f.name.text);
            let class = match &f.kind {
                FieldKind::Scalar { ty, .. } => Some(class_of(&ty.kind)),
                FieldKind::Relation { target, .. } | FieldKind::ManyToMany { target } => {
                    let many = matches!(f.kind, FieldKind::ManyToMany { .. });
                    relations.push((i, index(&target.text).expect("validated target"), many, false));
                    None
                }
            };
            fields.push((field_key(&f.name.text), class, unique));
        }
        entities.push(DEntity {
            name: e.name.text.clone(),
            fields,
        });
    }
    let tenant = spec.settings.tenant.as_deref().and_then(index);
    if let Some(t) = tenant {
        for (i, e) in ents.iter().enumerate() {
            if i != t && !e.has_attr("global") {
                relations.push((i, t, false, true));
            }
        }
    }
    let trait_on = |attr: &str| {
        ents.iter()
            .any(|e| e.attr(attr).and_then(|a| a.bool_arg()) == Some(true))
    };
    let big_volume = spec
        .file
        .items
        .iter()
        .any(|i| matches!(i, Item::Volume(v) if v.rows >= PARTITION_VOLUME));
    let partition_comment = spec_text.lines().any(|l| {
        l.split_once("//")
            .is_some_and(|(_, c)| c.trim_start().to_lowercase().starts_with("partition"))
    });
    let flags = vec![
        (Flag::Tenant, tenant.is_some()),
        (Flag::Audit, spec.settings.audit || trait_on("audit")),
        (Flag::SoftDelete, spec.settings.soft_delete || trait_on("soft_delete")),
        (Flag::Versioned, ents.iter().any(|e| e.has_attr("versioned"))),
        (Flag::Partitioned, big_volume || partition_comment),
    ];
    Drafted {
        entities,
        relations,
        flags,
    }
}
