//! Convenience accessors over the syntax tree, and the spec-level answers
//! the design passes must agree with (column names, resolved traits,
//! convention columns). Keeping them here means validation and the design
//! passes compute them one way.

use crate::ast::*;
use crate::settings::Settings;
use crate::{snake_case, ValidSpec};

impl Ident {
    /// A bare (unquoted) name with an empty span, for building trees in code.
    pub fn new(text: impl Into<String>) -> Self {
        Ident {
            text: text.into(),
            quoted: false,
            span: Span::default(),
        }
    }
}

impl Attribute {
    pub fn arg(&self, i: usize) -> Option<&AttrArg> {
        self.args.get(i)
    }

    /// The single string argument (`@map("x")`, `@comment("...")`).
    pub fn str_arg(&self) -> Option<&str> {
        match self.args.first()? {
            AttrArg::Str(s, _) => Some(s),
            _ => None,
        }
    }

    /// `@soft_delete` → `true`, `@soft_delete(false)` → `false`.
    pub fn bool_arg(&self) -> Option<bool> {
        match self.args.first() {
            None => Some(true),
            Some(AttrArg::Bool(b, _)) => Some(*b),
            _ => None,
        }
    }

    /// The single identifier argument (`@on_delete(cascade)`).
    pub fn ident_arg(&self) -> Option<&Ident> {
        match self.args.first()? {
            AttrArg::Ident(i) => Some(i),
            _ => None,
        }
    }

    /// The text of `@check(...)` / `@default(...)` / `@@check(...)`: raw
    /// SQL as written, or the content of a single string literal. For
    /// `@check` that content is SQL; for `@default` a string literal means
    /// a text value (see docs/spec-language.md), so check the variant there.
    pub fn sql_arg(&self) -> Option<&str> {
        match self.args.first()? {
            AttrArg::Raw(s, _) | AttrArg::Str(s, _) => Some(s),
            _ => None,
        }
    }

    /// The names of `@@unique(a, b)` / `@@index(a, b)`.
    pub fn name_args(&self) -> impl Iterator<Item = &Ident> {
        self.args.iter().filter_map(|a| match a {
            AttrArg::Ident(i) => Some(i),
            _ => None,
        })
    }
}

fn find_attr<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a Attribute> {
    attrs.iter().find(|a| a.name.text == name)
}

impl Entity {
    pub fn attr(&self, name: &str) -> Option<&Attribute> {
        find_attr(&self.attrs, name)
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.members.iter().filter_map(|m| match m {
            Member::Field(f) => Some(f),
            Member::Block(_) => None,
        })
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields().find(|f| f.name.text == name)
    }

    /// `@@unique`, `@@index`, `@@check` lines.
    pub fn block_attrs(&self) -> impl Iterator<Item = &Attribute> {
        self.members.iter().filter_map(|m| match m {
            Member::Block(a) => Some(a),
            Member::Field(_) => None,
        })
    }

    /// The table name when the spec fixes it: `@map("t")` wins, then a
    /// quoted entity name (verbatim). `None` means the naming convention
    /// (`settings.naming`) applies to `snake_case(name)`.
    pub fn explicit_table_name(&self) -> Option<String> {
        if let Some(m) = self.attr("map").and_then(Attribute::str_arg) {
            return Some(m.to_string());
        }
        self.name.quoted.then(|| self.name.text.clone())
    }

    /// `@comment("...")` text.
    pub fn comment_attr(&self) -> Option<&str> {
        self.attr("comment").and_then(Attribute::str_arg)
    }

    /// The `@@id(a, b)` line, if any.
    pub fn block_id(&self) -> Option<&Attribute> {
        self.block_attrs().find(|a| a.name.text == "id")
    }

    /// The entity declares its own primary key (`@id` on a field or
    /// `@@id(...)`), so it gets no surrogate `id`.
    pub fn has_natural_key(&self) -> bool {
        self.block_id().is_some() || self.fields().any(|f| f.has_attr("id"))
    }

    /// Names making up the declared primary key, in key order: the `@id`
    /// field, or the `@@id` arguments. Empty without a natural key.
    pub fn natural_key_names(&self) -> Vec<&str> {
        if let Some(f) = self.fields().find(|f| f.has_attr("id")) {
            return vec![f.name.text.as_str()];
        }
        self.block_id()
            .map(|a| a.name_args().map(|i| i.text.as_str()).collect())
            .unwrap_or_default()
    }
}

impl Field {
    pub fn attr(&self, name: &str) -> Option<&Attribute> {
        find_attr(&self.attrs, name)
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }

    /// Nullable scalar or optional relation. Many-to-many is never "nullable".
    pub fn is_nullable(&self) -> bool {
        match &self.kind {
            FieldKind::Scalar { nullable, .. } | FieldKind::Relation { nullable, .. } => *nullable,
            FieldKind::ManyToMany { .. } => false,
        }
    }

    /// Target entity of `->` / `<->`.
    pub fn target(&self) -> Option<&Ident> {
        match &self.kind {
            FieldKind::Relation { target, .. } | FieldKind::ManyToMany { target } => Some(target),
            FieldKind::Scalar { .. } => None,
        }
    }

    /// The column this field becomes: `@map("c")` verbatim; else a quoted
    /// name verbatim (also for a relation: the quoted name *is* the SQL
    /// name); else `snake_case(name)`, plus `_id` for a `->` relation.
    /// `None` for `<->` (it becomes a junction table, whose name `@map`
    /// sets instead).
    pub fn column_name(&self) -> Option<String> {
        if matches!(self.kind, FieldKind::ManyToMany { .. }) {
            return None;
        }
        if let Some(m) = self.attr("map").and_then(Attribute::str_arg) {
            return Some(m.to_string());
        }
        if self.name.quoted {
            return Some(self.name.text.clone());
        }
        let base = snake_case(&self.name.text);
        Some(match self.kind {
            FieldKind::Relation { .. } => format!("{base}_id"),
            _ => base,
        })
    }

    pub fn comment_attr(&self) -> Option<&str> {
        self.attr("comment").and_then(Attribute::str_arg)
    }
}

impl EnumDecl {
    pub fn attr(&self, name: &str) -> Option<&Attribute> {
        find_attr(&self.attrs, name)
    }

    pub fn variant_names(&self) -> impl Iterator<Item = &str> {
        self.variants.iter().map(|v| v.text.as_str())
    }
}

impl TypeKind {
    /// The type as written in a spec (`string(80)`, `enum(a, b)`).
    pub fn spec_text(&self) -> String {
        crate::format::type_text(self)
    }
}

impl SpecFile {
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.items.iter().filter_map(|i| match i {
            Item::Entity(e) => Some(e),
            _ => None,
        })
    }

    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.entities().find(|e| e.name.text == name)
    }

    pub fn enums(&self) -> impl Iterator<Item = &EnumDecl> {
        self.items.iter().filter_map(|i| match i {
            Item::Enum(e) => Some(e),
            _ => None,
        })
    }

    pub fn enum_decl(&self, name: &str) -> Option<&EnumDecl> {
        self.enums().find(|e| e.name.text == name)
    }

    pub fn queries(&self) -> impl Iterator<Item = &QueryDecl> {
        self.items.iter().filter_map(|i| match i {
            Item::Query(q) => Some(q),
            _ => None,
        })
    }

    pub fn volumes(&self) -> impl Iterator<Item = &VolumeDecl> {
        self.items.iter().filter_map(|i| match i {
            Item::Volume(v) => Some(v),
            _ => None,
        })
    }

    pub fn settings_block(&self) -> Option<&SettingsBlock> {
        self.items.iter().find_map(|i| match i {
            Item::Settings(s) => Some(s),
            _ => None,
        })
    }
}

/// An entity's traits with settings and attributes resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EntityTraits {
    /// Gets the tenant column, tenant-leading keys and RLS.
    pub tenant_scoped: bool,
    /// This entity is `settings.tenant`.
    pub is_tenant: bool,
    /// `@global`.
    pub global: bool,
    /// `created_at` (and `updated_at` unless append-only).
    pub timestamps: bool,
    /// `deleted_at`. Off by default for `@append_only` entities.
    pub soft_delete: bool,
    /// `created_by` (and `updated_by` unless append-only) + audit triggers.
    pub audit: bool,
    /// `version` column for optimistic locking.
    pub versioned: bool,
    /// Rows are only inserted: no `updated_at`/`updated_by`.
    pub append_only: bool,
    /// `@id` / `@@id`: the spec names the primary key, no surrogate `id`.
    pub natural_key: bool,
}

impl EntityTraits {
    pub fn resolve(entity: &Entity, settings: &Settings) -> Self {
        let flag = |name: &str, default: bool| entity.attr(name).and_then(Attribute::bool_arg).unwrap_or(default);
        let global = entity.has_attr("global");
        let append_only = entity.has_attr("append_only");
        let is_tenant = settings.tenant.as_deref() == Some(entity.name.text.as_str());
        EntityTraits {
            tenant_scoped: settings.tenant.is_some() && !global && !is_tenant,
            is_tenant,
            global,
            timestamps: flag("timestamps", settings.timestamps),
            soft_delete: flag("soft_delete", settings.soft_delete && !append_only),
            audit: flag("audit", settings.audit),
            versioned: entity.has_attr("versioned"),
            append_only,
            natural_key: entity.has_natural_key(),
        }
    }

    /// Columns the conventions add, with the reason, in table order after
    /// `id` (the tenant column is included when scoped). Fields must not
    /// produce any of these names.
    pub fn convention_columns(&self, settings: &Settings) -> Vec<(String, &'static str)> {
        let mut cols = Vec::new();
        if !self.natural_key {
            cols.push(("id".to_string(), "the primary key every entity gets"));
        }
        if self.tenant_scoped {
            if let Some(t) = &settings.tenant {
                cols.push((
                    format!("{}_id", snake_case(t)),
                    "the tenant column of tenant-scoped entities",
                ));
            }
        }
        if self.timestamps {
            cols.push(("created_at".into(), "added by timestamps"));
            if !self.append_only {
                cols.push(("updated_at".into(), "added by timestamps"));
            }
        }
        if self.soft_delete {
            cols.push(("deleted_at".into(), "added by soft_delete"));
        }
        if self.versioned {
            cols.push(("version".into(), "added by @versioned"));
        }
        if self.audit {
            cols.push(("created_by".into(), "added by audit"));
            if !self.append_only {
                cols.push(("updated_by".into(), "added by audit"));
            }
        }
        cols
    }
}

/// What a name in `@@unique(...)` / `@@index(...)` refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnRef<'a> {
    /// A scalar field or a `->` relation (its foreign-key column).
    Field(&'a Field),
    /// The tenant column (named by the tenant's snake_case name, e.g. `workspace`).
    Tenant,
    /// A convention column by its column name (`created_at`, `deleted_at`, ...).
    Convention(&'a str),
}

impl ValidSpec {
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.file.entities()
    }
    pub fn entity(&self, name: &str) -> Option<&Entity> {
        self.file.entity(name)
    }
    pub fn enums(&self) -> impl Iterator<Item = &EnumDecl> {
        self.file.enums()
    }
    pub fn enum_decl(&self, name: &str) -> Option<&EnumDecl> {
        self.file.enum_decl(name)
    }
    pub fn queries(&self) -> impl Iterator<Item = &QueryDecl> {
        self.file.queries()
    }
    pub fn volumes(&self) -> impl Iterator<Item = &VolumeDecl> {
        self.file.volumes()
    }
    /// Expected row count of an entity, if declared.
    pub fn volume(&self, entity: &str) -> Option<u64> {
        self.volumes().find(|v| v.entity.text == entity).map(|v| v.rows)
    }
    pub fn traits(&self, entity: &Entity) -> EntityTraits {
        EntityTraits::resolve(entity, &self.settings)
    }
    pub fn tenant_entity(&self) -> Option<&Entity> {
        self.settings.tenant.as_deref().and_then(|t| self.entity(t))
    }
    /// `workspace_id` for `tenant = Workspace`.
    pub fn tenant_column(&self) -> Option<String> {
        self.settings.tenant.as_deref().map(|t| format!("{}_id", snake_case(t)))
    }
    /// Resolve an `@@unique`/`@@index` argument of `entity`.
    pub fn resolve_column_arg<'a>(&'a self, entity: &'a Entity, name: &'a str) -> Option<ColumnRef<'a>> {
        resolve_column_arg(entity, name, &self.settings)
    }
}

pub(crate) fn resolve_column_arg<'a>(entity: &'a Entity, name: &'a str, settings: &Settings) -> Option<ColumnRef<'a>> {
    if let Some(f) = entity.field(name) {
        return match f.kind {
            FieldKind::ManyToMany { .. } => None,
            _ => Some(ColumnRef::Field(f)),
        };
    }
    let traits = EntityTraits::resolve(entity, settings);
    if traits.tenant_scoped && settings.tenant.as_deref().map(snake_case).as_deref() == Some(name) {
        return Some(ColumnRef::Tenant);
    }
    let conv = traits.convention_columns(settings);
    if conv.iter().any(|(c, _)| c == name && c != "id" && !c.ends_with("_id")) {
        return Some(ColumnRef::Convention(name));
    }
    None
}
