//! The state the passes share: the model being built, the settings, and
//! the relations from the spec that later passes turn into keys.

use plinth_model::{Schema, SourceRef};
use plinth_spec::Settings;

/// The model under construction plus what the passes need from the spec.
#[derive(Debug, Clone)]
pub struct Design {
    pub schema: Schema,
    pub settings: Settings,
    /// Table name of the tenant root, when tenancy is on.
    pub tenant_table: Option<String>,
    /// Name of the tenant column on tenant-scoped tables (`workspace_id`).
    pub tenant_column: Option<String>,
    pub relations: Vec<Relation>,
    /// Table-level unique sets from `@unique` / `@@unique`, by field name,
    /// resolved to columns after the relation pass.
    pub unique_sets: Vec<FieldSet>,
    /// Table-level index sets from `@index` / `@@index`.
    pub index_sets: Vec<FieldSet>,
    /// Maximum identifier length of the target, in bytes.
    pub max_identifier: usize,
    /// Tables whose primary key the spec declares (`@id` / `@@id`), with
    /// the key columns in order; the keys pass adds no surrogate `id` to them.
    pub natural_keys: Vec<NaturalKey>,
}

/// A primary key declared in the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct NaturalKey {
    pub table: String,
    pub columns: Vec<String>,
    pub origin: Option<SourceRef>,
}

/// A relation written in the spec, before it becomes columns and keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// Table holding the field.
    pub table: String,
    /// Field name as written, and the FK column it becomes (`project_id`).
    pub field: String,
    pub column: String,
    /// All foreign-key columns, in the order of the target's key (one for a
    /// surrogate `id`; one per key column for a composite natural key; the
    /// tenant column stands for a tenant key column), and the target columns
    /// they reference. Empty for `<->`.
    pub columns: Vec<String>,
    pub ref_columns: Vec<String>,
    pub target_table: String,
    pub kind: RelationKind,
    /// Junction table name from `@map` on a `<->` field.
    pub junction: Option<String>,
    pub unique: bool,
    /// Explicit `@on_delete`, if any.
    pub on_delete: Option<plinth_model::FkAction>,
    /// Explicit `@on_update` (no action when absent).
    pub on_update: Option<plinth_model::FkAction>,
    /// The first required relation of an entity is its owner.
    pub owner: bool,
    pub comment: Option<String>,
    pub origin: Option<SourceRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    Required,
    Optional,
    ManyToMany,
}

/// Fields named in a `@@unique` / `@@index` (or a single `@unique`).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSet {
    pub table: String,
    /// Column names (relation fields already mapped to their FK column).
    pub columns: Vec<String>,
    pub origin: Option<SourceRef>,
}

impl Design {
    pub fn ident(&self, name: &str) -> String {
        plinth_model::naming::fit_identifier(name, self.max_identifier)
    }

    pub fn object_name(&self, table: &str, columns: &[&str], suffix: &str) -> String {
        plinth_model::naming::object_name(table, columns, suffix, self.max_identifier)
    }
}
