//! The dialect-neutral view of one migration statement.
//!
//! A dialect front end (e.g. `plinth_postgres::lint_ops`) parses a file and
//! produces one [`Statement`] per SQL statement. Only what a rule needs is
//! kept; everything else is `Op::Other` with the statement's kind, so that
//! no statement is silently dropped.

use plinth_model::SourceRef;

/// One statement of a migration file.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Byte range of the statement in its file (without the `;`).
    pub span: SourceRef,
    /// The statement text, for messages and fixes.
    pub sql: String,
    pub op: Op,
    /// `-- plinth-ignore rule-id[, rule-id]` comments directly above the
    /// statement (or at the end of its line), as rule ids.
    pub ignores: Vec<String>,
}

/// A qualified object name as written (`schema` is `None` when unqualified).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Name {
    pub schema: Option<String>,
    pub name: String,
}

impl Name {
    pub fn new(name: impl Into<String>) -> Name {
        Name {
            schema: None,
            name: name.into(),
        }
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.schema {
            Some(s) => write!(f, "{s}.{}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// What a statement does.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    CreateTable {
        table: Name,
        if_not_exists: bool,
        columns: Vec<ColumnDef>,
        constraints: Vec<ConstraintDef>,
    },
    AlterTable {
        table: Name,
        if_exists: bool,
        actions: Vec<AlterAction>,
    },
    DropTable {
        tables: Vec<Name>,
        if_exists: bool,
        cascade: bool,
    },
    RenameTable {
        table: Name,
        to: String,
    },
    CreateIndex(IndexDef),
    DropIndex {
        names: Vec<Name>,
        concurrently: bool,
        if_exists: bool,
    },
    Reindex {
        concurrently: bool,
        target: String,
    },
    CreateEnum {
        name: Name,
        values: Vec<String>,
    },
    AlterEnum {
        name: Name,
        change: EnumChange,
    },
    Truncate {
        tables: Vec<Name>,
    },
    /// VACUUM FULL, CLUSTER: rewrite the table under ACCESS EXCLUSIVE.
    Rewrite {
        command: String,
        table: Option<Name>,
    },
    Begin,
    Commit,
    Rollback,
    /// `SET [LOCAL] name = value` (lock_timeout, statement_timeout, ...).
    Set {
        name: String,
        value: String,
        local: bool,
    },
    /// INSERT / UPDATE / DELETE (a backfill).
    Dml {
        kind: DmlKind,
        table: Name,
        has_where: bool,
    },
    /// CREATE of an object other than a table or index (schema, sequence,
    /// extension, type, view, function, ...). `kind` is lower-case, e.g. `view`.
    CreateObject {
        kind: String,
        name: Name,
        if_not_exists: bool,
        /// `CREATE OR REPLACE`.
        or_replace: bool,
    },
    /// DROP of an object other than a table or index (view, function, type, ...).
    DropObject {
        kind: String,
        names: Vec<Name>,
        if_exists: bool,
    },
    /// ALTER ... RENAME of an object other than a table or a column
    /// (index, view, type, sequence, constraint, ...).
    RenameObject {
        kind: String,
        name: Name,
        to: String,
    },
    CreateTrigger {
        table: Name,
        name: String,
    },
    CreatePolicy {
        table: Name,
        name: String,
    },
    /// A `DO` block or function call: its effects cannot be analysed.
    Opaque {
        kind: String,
    },
    /// Understood to be harmless for locking (CREATE FUNCTION, COMMENT, GRANT, ...).
    Other {
        kind: String,
    },
    /// The statement did not parse; `message` is the parser's.
    SyntaxError {
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DmlKind {
    Insert,
    Update,
    Delete,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnumChange {
    AddValue { value: String, if_not_exists: bool },
    RenameValue { from: String, to: String },
}

/// A column as written in CREATE TABLE or ADD COLUMN.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDef {
    pub name: String,
    /// The type as written, lower-case, e.g. `varchar(20)`, `timestamp`.
    pub type_name: String,
    pub not_null: bool,
    pub default: Option<DefaultValue>,
    /// GENERATED ... AS IDENTITY, serial/bigserial, AUTO_INCREMENT.
    pub identity: bool,
    /// GENERATED ALWAYS AS (...) STORED.
    pub generated_stored: bool,
    pub primary_key: bool,
    pub unique: bool,
    /// Inline REFERENCES target.
    pub references: Option<Name>,
}

/// A column default: whether adding it can be done without a rewrite
/// depends on whether it is volatile.
#[derive(Debug, Clone, PartialEq)]
pub struct DefaultValue {
    pub sql: String,
    /// Calls a volatile function (random(), clock_timestamp(), gen_random_uuid(), nextval) —
    /// `now()` / CURRENT_TIMESTAMP are stable, so not volatile.
    pub volatile: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AlterAction {
    AddColumn {
        column: ColumnDef,
        if_not_exists: bool,
    },
    DropColumn {
        column: String,
        if_exists: bool,
    },
    RenameColumn {
        column: String,
        to: String,
    },
    AlterType {
        column: String,
        type_name: String,
        using: Option<String>,
    },
    SetNotNull {
        column: String,
    },
    DropNotNull {
        column: String,
    },
    SetDefault {
        column: String,
        default: DefaultValue,
    },
    DropDefault {
        column: String,
    },
    AddConstraint(ConstraintDef),
    ValidateConstraint {
        name: String,
    },
    DropConstraint {
        name: String,
        if_exists: bool,
    },
    RenameConstraint {
        name: String,
        to: String,
    },
    EnableRowLevelSecurity,
    AttachPartition {
        partition: Name,
    },
    DetachPartition {
        partition: Name,
        concurrently: bool,
    },
    SetTablespace,
    /// MySQL `ALGORITHM=...` / `LOCK=...` options on the ALTER.
    MySqlOption {
        name: String,
        value: String,
    },
    Other {
        kind: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintDef {
    pub name: Option<String>,
    pub kind: ConstraintKind,
    /// Added with NOT VALID (existing rows are not checked).
    pub not_valid: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConstraintKind {
    PrimaryKey {
        columns: Vec<String>,
        using_index: Option<String>,
    },
    Unique {
        columns: Vec<String>,
        using_index: Option<String>,
    },
    ForeignKey {
        columns: Vec<String>,
        references: Name,
        ref_columns: Vec<String>,
    },
    /// `not_null_of` is set when the expression is exactly `col IS NOT NULL`.
    Check {
        expr: String,
        not_null_of: Option<String>,
    },
    Exclude,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    pub name: Option<String>,
    pub table: Name,
    pub columns: Vec<String>,
    pub unique: bool,
    pub concurrently: bool,
    pub if_not_exists: bool,
    pub partial: bool,
}
