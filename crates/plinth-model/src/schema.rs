//! Tables, columns, constraints, indexes, owned routines, policies, intent
//! and the decision log.

use crate::types::*;

/// Byte range in the source the object came from (a spec file today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SourceRef {
    pub start: usize,
    pub end: usize,
}

/// The database a schema is designed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub dialect: DialectKind,
    /// Major version, e.g. 15.
    pub version: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialectKind {
    Postgres,
    MySql,
    Sqlite,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub target: Target,
    pub tables: Vec<Table>,
    /// Native enum types (only when `enums = native`).
    pub enums: Vec<EnumType>,
    /// Helper routines the schema owns (trigger functions, id generators).
    pub routines: Vec<Routine>,
    /// Standalone sequences (importers; designs use identity columns).
    pub sequences: Vec<Sequence>,
    /// Objects the model does not interpret (views, functions, triggers,
    /// extensions, domains, ...), kept verbatim with their dependencies so
    /// nothing an importer read is ever lost.
    pub opaque: Vec<OpaqueObject>,
    pub intent: Intent,
    pub decisions: Vec<Decision>,
}

impl Schema {
    pub fn new(target: Target) -> Self {
        Schema {
            target,
            tables: Vec::new(),
            enums: Vec::new(),
            routines: Vec::new(),
            sequences: Vec::new(),
            opaque: Vec::new(),
            intent: Intent::default(),
            decisions: Vec::new(),
        }
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    pub fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| t.name == name)
    }

    /// The table lowered from a spec entity.
    pub fn table_for_entity(&self, entity: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.entity.as_deref() == Some(entity))
    }

    /// Records that a convention was applied, in one sentence.
    pub fn decide(&mut self, subject: impl Into<String>, rule: &'static str, why: impl Into<String>) {
        self.decide_at(subject, rule, why, None);
    }

    /// Like [`Schema::decide`], remembering the spec location it is about.
    pub fn decide_at(
        &mut self,
        subject: impl Into<String>,
        rule: &'static str,
        why: impl Into<String>,
        origin: Option<SourceRef>,
    ) {
        self.decisions.push(Decision {
            subject: subject.into(),
            rule,
            why: why.into(),
            origin,
        });
    }

    pub fn add_routine(&mut self, routine: Routine) {
        if !self.routines.iter().any(|r| r.name == routine.name) {
            self.routines.push(routine);
        }
    }
}

/// One convention applied: what it touched, which rule, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// `tasks`, `tasks.project_id`, `schema`.
    pub subject: String,
    /// Stable id of the convention, e.g. `on-delete-cascade-owned`.
    pub rule: &'static str,
    pub why: String,
    /// The spec location the decision is about, when there is one.
    pub origin: Option<SourceRef>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Intent {
    pub queries: Vec<QueryPattern>,
    pub volumes: Vec<Volume>,
}

/// A declared query pattern: the SQL the application runs and how often.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryPattern {
    pub name: String,
    pub description: Option<String>,
    pub sql: String,
    pub per_second: Option<f64>,
    pub origin: Option<SourceRef>,
}

/// Expected row count of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    pub table: String,
    pub rows: u64,
}

/// A sequence as PostgreSQL knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sequence {
    pub namespace: Option<String>,
    pub name: String,
    /// `smallint`, `integer` or `bigint`.
    pub data_type: PhysicalType,
    pub start: Option<i64>,
    pub increment: Option<i64>,
    pub min_value: Option<i64>,
    pub max_value: Option<i64>,
    pub cache: Option<i64>,
    pub cycle: bool,
    /// `table.column` that owns the sequence (`OWNED BY`).
    pub owned_by: Option<(String, String)>,
    pub origin: Option<SourceRef>,
}

/// An object kept as written: its kind (`view`, `function`, `trigger`,
/// `extension`, `domain`, `collation`, ...), its name, the SQL that creates
/// it, and the names of the objects it depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpaqueObject {
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
    pub sql: String,
    pub depends_on: Vec<String>,
    pub origin: Option<SourceRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumType {
    /// Schema (namespace) the type lives in; None = the default.
    pub namespace: Option<String>,
    pub name: String,
    pub values: Vec<String>,
    pub origin: Option<SourceRef>,
}

/// Traits a table carries from the spec and the settings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Traits {
    /// Shared across tenants (`@global`), or the tenant table itself.
    pub global: bool,
    pub versioned: bool,
    pub append_only: bool,
    pub soft_delete: bool,
    pub audited: bool,
    pub timestamps: bool,
    /// The tenant root table (e.g. workspaces).
    pub tenant_root: bool,
    /// A junction table made for a many-to-many relation.
    pub junction: bool,
    /// Free-form area for ERD grouping (`@group`).
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Schema (namespace) the table lives in; None = the default (`public`).
    pub namespace: Option<String>,
    pub name: String,
    /// The spec entity this table was lowered from.
    pub entity: Option<String>,
    pub columns: Vec<Column>,
    pub primary_key: Option<PrimaryKey>,
    pub foreign_keys: Vec<ForeignKey>,
    pub uniques: Vec<UniqueConstraint>,
    pub checks: Vec<CheckConstraint>,
    /// Reserved: EXCLUDE constraints (importers and later designs).
    pub exclusions: Vec<ExclusionConstraint>,
    pub indexes: Vec<Index>,
    pub triggers: Vec<Trigger>,
    pub row_security: Option<RowSecurity>,
    /// Column holding the tenant id, on tenant-scoped tables.
    pub tenant_column: Option<String>,
    pub comment: Option<String>,
    pub traits: Traits,
    /// `PARTITION BY ...` when this table is partitioned.
    pub partitioning: Option<Partitioning>,
    /// `PARTITION OF parent FOR VALUES ...` when this table is a partition.
    pub partition_of: Option<PartitionOf>,
    /// Dialect table options that change behaviour, as their SQL keywords
    /// (SQLite: `WITHOUT ROWID`, `STRICT`). Compared as a set.
    pub options: Vec<String>,
    /// The table's previous name (`@renamed_from`, `-- plinth:renamed-from`):
    /// a hint for `diff`, never compared.
    pub renamed_from: Option<String>,
    pub origin: Option<SourceRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartitionMethod {
    Range,
    List,
    Hash,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partitioning {
    pub method: PartitionMethod,
    pub key: Vec<IndexKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionOf {
    pub parent_namespace: Option<String>,
    pub parent: String,
    /// The bound as SQL: `FOR VALUES FROM (...) TO (...)`, `DEFAULT`, ...
    pub bound: String,
}

impl Table {
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            namespace: None,
            name: name.into(),
            entity: None,
            columns: Vec::new(),
            primary_key: None,
            foreign_keys: Vec::new(),
            uniques: Vec::new(),
            checks: Vec::new(),
            exclusions: Vec::new(),
            indexes: Vec::new(),
            triggers: Vec::new(),
            row_security: None,
            tenant_column: None,
            comment: None,
            traits: Traits::default(),
            partitioning: None,
            partition_of: None,
            options: Vec::new(),
            renamed_from: None,
            origin: None,
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    pub fn has_column(&self, name: &str) -> bool {
        self.column(name).is_some()
    }

    /// Every constraint and index name in the table (for uniqueness of names).
    pub fn object_names(&self) -> impl Iterator<Item = &str> {
        self.primary_key
            .iter()
            .map(|p| p.name.as_str())
            .chain(self.foreign_keys.iter().map(|f| f.name.as_str()))
            .chain(self.uniques.iter().map(|u| u.name.as_str()))
            .chain(self.checks.iter().map(|c| c.name.as_str()))
            .chain(self.indexes.iter().map(|i| i.name.as_str()))
    }
}

/// Why a column exists: a spec field, or a convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    Field,
    PrimaryKey,
    ForeignKey,
    Tenant,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
    Version,
    CreatedBy,
    UpdatedBy,
}

impl ColumnRole {
    /// Columns added by conventions rather than written by the user.
    pub fn is_convention(self) -> bool {
        !matches!(self, ColumnRole::Field | ColumnRole::ForeignKey)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub logical: LogicalType,
    pub physical: PhysicalType,
    pub nullable: bool,
    pub default: Option<DefaultExpr>,
    pub identity: Option<Identity>,
    /// `GENERATED ALWAYS AS (expr) STORED` (or virtual, PostgreSQL ≥ 18).
    pub generated: Option<Generated>,
    /// The collation as SQL: its name quoted as needed, schema-qualified
    /// when it is not on the search path (`"C"`, `app.ci`).
    pub collation: Option<String>,
    pub comment: Option<String>,
    /// SQLite `AUTOINCREMENT` on an `INTEGER PRIMARY KEY` (a rowid alias,
    /// itself an identity by default): ids are never reused, even after
    /// the largest row is deleted.
    pub autoincrement: bool,
    /// Value written on every UPDATE of the row (MySQL `ON UPDATE
    /// CURRENT_TIMESTAMP`): the database's own touch, without a trigger.
    pub on_update: Option<DefaultExpr>,
    pub role: ColumnRole,
    /// The column's previous name (`@renamed_from`, `-- plinth:renamed-from`):
    /// a hint for `diff`, never compared.
    pub renamed_from: Option<String>,
    pub origin: Option<SourceRef>,
}

impl Column {
    pub fn new(name: impl Into<String>, logical: LogicalType, physical: PhysicalType) -> Self {
        Column {
            name: name.into(),
            logical,
            physical,
            nullable: false,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            comment: None,
            autoincrement: false,
            on_update: None,
            role: ColumnRole::Field,
            renamed_from: None,
            origin: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Generated {
    pub expr: String,
    pub stored: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Identity {
    Always,
    ByDefault,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrimaryKey {
    pub name: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FkAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    /// Schema of the referenced table; None = the default.
    pub ref_namespace: Option<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub on_delete: FkAction,
    pub on_update: FkAction,
    /// `ON DELETE SET NULL (cols)` (PostgreSQL ≥ 15): only these columns are
    /// nulled, so a composite tenant FK keeps its tenant column.
    pub set_null_columns: Option<Vec<String>>,
    pub deferrable: bool,
    pub initially_deferred: bool,
    /// `MATCH FULL` (the default is MATCH SIMPLE).
    pub match_full: bool,
    pub origin: Option<SourceRef>,
}

impl ForeignKey {
    /// A foreign key with the usual defaults: no ON UPDATE action, not
    /// deferrable, no partial SET NULL.
    pub fn new(
        name: String,
        columns: Vec<String>,
        ref_table: String,
        ref_columns: Vec<String>,
        on_delete: FkAction,
    ) -> Self {
        ForeignKey {
            name,
            columns,
            ref_namespace: None,
            ref_table,
            ref_columns,
            on_delete,
            on_update: FkAction::NoAction,
            set_null_columns: None,
            deferrable: false,
            initially_deferred: false,
            match_full: false,
            origin: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueConstraint {
    pub name: String,
    pub columns: Vec<String>,
    pub nulls_not_distinct: bool,
    pub origin: Option<SourceRef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConstraint {
    pub name: String,
    pub expr: CheckExpr,
    pub origin: Option<SourceRef>,
}

/// Reserved for EXCLUDE constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExclusionConstraint {
    pub name: String,
    pub method: IndexMethod,
    /// (element, operator) pairs as SQL text.
    pub elements: Vec<(String, String)>,
    pub predicate: Option<Predicate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexMethod {
    BTree,
    Hash,
    Gin,
    Gist,
    Brin,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IndexKey {
    Column(String),
    Expr(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IndexElement {
    pub key: IndexKey,
    pub descending: bool,
    /// `NULLS FIRST` (true) / `NULLS LAST` (false) when not the default.
    pub nulls_first: Option<bool>,
    pub opclass: Option<String>,
    /// As SQL, like [`Column::collation`].
    pub collation: Option<String>,
}

impl IndexElement {
    pub fn column(name: impl Into<String>) -> Self {
        IndexElement {
            key: IndexKey::Column(name.into()),
            descending: false,
            nulls_first: None,
            opclass: None,
            collation: None,
        }
    }

    pub fn column_desc(name: impl Into<String>, descending: bool) -> Self {
        IndexElement {
            descending,
            ..IndexElement::column(name)
        }
    }
    pub fn column_name(&self) -> Option<&str> {
        match &self.key {
            IndexKey::Column(c) => Some(c),
            IndexKey::Expr(_) => None,
        }
    }
}

/// What an index is for, so the design document can say why it exists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IndexPurpose {
    /// Supports the named foreign key (lookups on parent delete/update).
    ForeignKey(String),
    /// Enforces uniqueness among live (not soft-deleted) rows.
    Unique,
    /// Serves the named declared query.
    Query(String),
    /// The reverse direction of a junction table.
    JunctionReverse,
    /// Written by the user (`@index`, `@@index`).
    Declared,
    Imported,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    pub name: String,
    pub elements: Vec<IndexElement>,
    pub unique: bool,
    pub method: IndexMethod,
    pub predicate: Option<Predicate>,
    pub include: Vec<String>,
    pub nulls_not_distinct: bool,
    /// Every reason this index exists (merged when indexes are deduplicated).
    pub purposes: Vec<IndexPurpose>,
    pub origin: Option<SourceRef>,
}

impl Index {
    pub fn btree(name: impl Into<String>, columns: &[&str], purpose: IndexPurpose) -> Self {
        Index {
            name: name.into(),
            elements: columns.iter().map(|c| IndexElement::column(*c)).collect(),
            unique: false,
            method: IndexMethod::BTree,
            predicate: None,
            include: Vec::new(),
            nulls_not_distinct: false,
            purposes: vec![purpose],
            origin: None,
        }
    }

    /// Leading plain columns, stopping at the first expression.
    pub fn leading_columns(&self) -> Vec<&str> {
        self.elements.iter().map_while(|e| e.column_name()).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerTiming {
    Before,
    After,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriggerEvent {
    Insert,
    Update,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub name: String,
    pub timing: TriggerTiming,
    pub events: Vec<TriggerEvent>,
    /// Name of a routine in [`Schema::routines`].
    pub routine: String,
    pub args: Vec<String>,
}

/// A helper routine the schema owns. The kind says what it does; each
/// target writes its body in its own procedural language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    pub name: String,
    pub kind: RoutineKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoutineKind {
    /// Returns a new UUIDv7 (for databases without a built-in).
    Uuidv7,
    /// Trigger: on update, sets `updated_at` to now and/or `updated_by` to the
    /// session's actor, so application code cannot forget.
    Touch { updated_at: bool, updated_by: bool },
    /// Trigger: increments `version` on update.
    BumpVersion,
    /// Trigger: writes before/after rows to the audit table.
    AuditRow {
        audit_table: String,
        tenant_column: Option<String>,
    },
    /// Trigger: rejects UPDATE and DELETE on append-only tables.
    RejectChange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSecurity {
    pub enabled: bool,
    pub forced: bool,
    pub policies: Vec<Policy>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub name: String,
    /// `ALL`, `SELECT`, ...
    pub command: PolicyCommand,
    pub using: Option<PolicyExpr>,
    pub with_check: Option<PolicyExpr>,
    /// `TO role, ...`; empty means PUBLIC.
    pub roles: Vec<String>,
    /// PERMISSIVE (the default) or RESTRICTIVE.
    pub permissive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyCommand {
    All,
    Select,
    Insert,
    Update,
    Delete,
}
