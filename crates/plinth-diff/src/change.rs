//! One typed change between two schemas, with how it is described.

use plinth_model::{
    CheckConstraint, Column, EnumType, ForeignKey, Index, PhysicalType, PrimaryKey, RowSecurity, Table,
    UniqueConstraint,
};

/// A table constraint that can be added or dropped on its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Constraint {
    PrimaryKey(PrimaryKey),
    ForeignKey(ForeignKey),
    Check(CheckConstraint),
    Unique(UniqueConstraint),
}

impl Constraint {
    pub fn name(&self) -> &str {
        match self {
            Constraint::PrimaryKey(c) => &c.name,
            Constraint::ForeignKey(c) => &c.name,
            Constraint::Check(c) => &c.name,
            Constraint::Unique(c) => &c.name,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Constraint::PrimaryKey(_) => "primary key",
            Constraint::ForeignKey(_) => "foreign key",
            Constraint::Check(_) => "check",
            Constraint::Unique(_) => "unique",
        }
    }
}

/// How a column type change is carried out by PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeChange {
    /// Binary-coercible (varchar(n) → text or a larger n, numeric
    /// precision increase): catalog only.
    Coercible,
    /// The table is rewritten (int → bigint, text → integer, ...).
    Rewrite,
}

/// What a table gained that the conventions care about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trait {
    /// A tenant column on a table that had none.
    TenantColumnAdded,
    /// Soft delete: a `deleted_at` column (and live-row partial unique indexes).
    SoftDeleteAdded,
}

/// One change. Tables and columns are named by their name in TO (after
/// renames); objects carry their full definition from the side they exist on.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // few changes per diff; boxing would only add noise
pub enum Change {
    CreateEnum(EnumType),
    AddEnumValue {
        name: String,
        value: String,
        /// The value it goes before (None: at the end).
        before: Option<String>,
    },
    RenameEnumValue {
        name: String,
        from: String,
        to: String,
    },
    /// PostgreSQL cannot remove an enum value: the type is rebuilt. Rows
    /// holding the value make it fail.
    RemoveEnumValues {
        from: EnumType,
        to: EnumType,
    },
    DropEnum(EnumType),
    CreateTable(Table),
    DropTable(Table),
    RenameTable {
        from: String,
        to: String,
    },
    /// The table's partitioning changes (e.g. a plain table becomes
    /// partitioned): the table is rebuilt.
    Repartition {
        from: Table,
        to: Table,
        /// The partitions TO has for it.
        partitions: Vec<Table>,
    },
    AddColumn {
        table: String,
        column: Column,
    },
    DropColumn {
        table: String,
        column: Column,
    },
    RenameColumn {
        table: String,
        from: Column,
        to: Column,
    },
    AlterColumnType {
        table: String,
        from: Column,
        to: Column,
        how: TypeChange,
    },
    ChangeDefault {
        table: String,
        from: Column,
        to: Column,
    },
    SetNotNull {
        table: String,
        column: Column,
    },
    DropNotNull {
        table: String,
        column: Column,
    },
    AddConstraint {
        table: String,
        constraint: Constraint,
    },
    DropConstraint {
        table: String,
        constraint: Constraint,
    },
    AddIndex {
        table: String,
        index: Index,
    },
    DropIndex {
        table: String,
        index: Index,
    },
    /// Same name, another definition.
    ReplaceIndex {
        table: String,
        from: Index,
        to: Index,
    },
    TableComment {
        table: String,
        from: Option<String>,
        to: Option<String>,
    },
    ColumnComment {
        table: String,
        column: String,
        from: Option<String>,
        to: Option<String>,
    },
    /// Row-level security switched on/off/forced, or its policies changed.
    RowSecurity {
        table: String,
        from: Option<RowSecurity>,
        to: Option<RowSecurity>,
    },
    /// A convention the table now follows (no SQL of its own; the columns
    /// and indexes it brings are their own changes).
    Gained {
        table: String,
        what: Trait,
    },
    /// A difference the planner does not turn into SQL (triggers, policies,
    /// sequences, verbatim objects, identity, generated columns, ...).
    Unsupported {
        object: String,
        what: String,
    },
}

impl Change {
    /// A stable snake_case kind (JSON `kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Change::CreateEnum(_) => "create_enum",
            Change::AddEnumValue { .. } => "add_enum_value",
            Change::RenameEnumValue { .. } => "rename_enum_value",
            Change::RemoveEnumValues { .. } => "remove_enum_values",
            Change::DropEnum(_) => "drop_enum",
            Change::CreateTable(_) => "create_table",
            Change::DropTable(_) => "drop_table",
            Change::RenameTable { .. } => "rename_table",
            Change::Repartition { .. } => "repartition_table",
            Change::AddColumn { .. } => "add_column",
            Change::DropColumn { .. } => "drop_column",
            Change::RenameColumn { .. } => "rename_column",
            Change::AlterColumnType { .. } => "alter_column_type",
            Change::ChangeDefault { .. } => "change_default",
            Change::SetNotNull { .. } => "set_not_null",
            Change::DropNotNull { .. } => "drop_not_null",
            Change::AddConstraint { .. } => "add_constraint",
            Change::DropConstraint { .. } => "drop_constraint",
            Change::AddIndex { .. } => "add_index",
            Change::DropIndex { .. } => "drop_index",
            Change::ReplaceIndex { .. } => "replace_index",
            Change::TableComment { .. } => "table_comment",
            Change::ColumnComment { .. } => "column_comment",
            Change::RowSecurity { .. } => "row_security",
            Change::Gained { what, .. } => match what {
                Trait::TenantColumnAdded => "tenant_column_added",
                Trait::SoftDeleteAdded => "soft_delete_added",
            },
            Change::Unsupported { .. } => "unsupported",
        }
    }

    /// True when applying the change loses data that no down step can bring back.
    pub fn destructive(&self) -> bool {
        matches!(
            self,
            Change::DropTable(_) | Change::DropColumn { .. } | Change::RemoveEnumValues { .. }
        )
    }

    /// The object it is about: `orders`, `orders.total`, `type status`.
    pub fn subject(&self) -> String {
        match self {
            Change::CreateEnum(e) | Change::DropEnum(e) => format!("type {}", e.name),
            Change::AddEnumValue { name, .. } | Change::RenameEnumValue { name, .. } => format!("type {name}"),
            Change::RemoveEnumValues { from, .. } => format!("type {}", from.name),
            Change::CreateTable(t) | Change::DropTable(t) => t.name.clone(),
            Change::RenameTable { to, .. } => to.clone(),
            Change::Repartition { to, .. } => to.name.clone(),
            Change::AddColumn { table, column } | Change::DropColumn { table, column } => {
                format!("{table}.{}", column.name)
            }
            Change::SetNotNull { table, column } | Change::DropNotNull { table, column } => {
                format!("{table}.{}", column.name)
            }
            Change::RenameColumn { table, to, .. }
            | Change::AlterColumnType { table, to, .. }
            | Change::ChangeDefault { table, to, .. } => format!("{table}.{}", to.name),
            Change::AddConstraint { table, constraint } | Change::DropConstraint { table, constraint } => {
                format!("{table}.{}", constraint.name())
            }
            Change::AddIndex { table, index } | Change::DropIndex { table, index } => {
                format!("{table}.{}", index.name)
            }
            Change::ReplaceIndex { table, to, .. } => format!("{table}.{}", to.name),
            Change::TableComment { table, .. } | Change::Gained { table, .. } | Change::RowSecurity { table, .. } => {
                table.clone()
            }
            Change::ColumnComment { table, column, .. } => format!("{table}.{column}"),
            Change::Unsupported { object, .. } => object.clone(),
        }
    }

    /// One line for people.
    pub fn describe(&self) -> String {
        let ty = |t: &PhysicalType| plinth_model::equality::type_key(t);
        match self {
            Change::CreateEnum(e) => format!("create enum type {} ({})", e.name, e.values.join(", ")),
            Change::AddEnumValue { name, value, before } => match before {
                Some(b) => format!("add value '{value}' to enum {name} before '{b}'"),
                None => format!("add value '{value}' to enum {name}"),
            },
            Change::RenameEnumValue { name, from, to } => format!("rename value '{from}' of enum {name} to '{to}'"),
            Change::RemoveEnumValues { from, to } => {
                let gone: Vec<&str> = from
                    .values
                    .iter()
                    .filter(|v| !to.values.contains(v))
                    .map(String::as_str)
                    .collect();
                format!(
                    "remove value(s) {} from enum {} (type rebuilt)",
                    gone.join(", "),
                    from.name
                )
            }
            Change::DropEnum(e) => format!("drop enum type {}", e.name),
            Change::CreateTable(t) => format!("create table {} ({} columns)", t.name, t.columns.len()),
            Change::DropTable(t) => format!("drop table {} and its rows", t.name),
            Change::RenameTable { from, to } => format!("rename table {from} to {to}"),
            Change::Repartition { from, to, .. } => {
                format!("partition table {} ({} → {})", to.name, part(from), part(to))
            }
            Change::AddColumn { table, column } => format!(
                "add column {table}.{} {}{}",
                column.name,
                ty(&column.physical),
                if column.nullable { "" } else { " NOT NULL" }
            ),
            Change::DropColumn { table, column } => format!("drop column {table}.{} and its values", column.name),
            Change::RenameColumn { table, from, to } => format!("rename column {table}.{} to {}", from.name, to.name),
            Change::AlterColumnType { table, from, to, how } => format!(
                "change type of {table}.{} from {} to {} ({})",
                to.name,
                ty(&from.physical),
                ty(&to.physical),
                match how {
                    TypeChange::Coercible => "binary-coercible, no rewrite",
                    TypeChange::Rewrite => "rewrites the column",
                }
            ),
            Change::ChangeDefault { table, to, .. } => match &to.default {
                Some(_) => format!("set default of {table}.{}", to.name),
                None => format!("drop default of {table}.{}", to.name),
            },
            Change::SetNotNull { table, column } => format!("make {table}.{} NOT NULL", column.name),
            Change::DropNotNull { table, column } => format!("make {table}.{} nullable", column.name),
            Change::AddConstraint { table, constraint } => {
                format!("add {} {} on {table}", constraint.kind(), constraint.name())
            }
            Change::DropConstraint { table, constraint } => {
                format!("drop {} {} on {table}", constraint.kind(), constraint.name())
            }
            Change::AddIndex { table, index } => format!("add index {} on {table}", index.name),
            Change::DropIndex { table, index } => format!("drop index {} on {table}", index.name),
            Change::ReplaceIndex { table, to, .. } => format!("change index {} on {table}", to.name),
            Change::TableComment { table, to, .. } => match to {
                Some(_) => format!("set comment on table {table}"),
                None => format!("remove comment on table {table}"),
            },
            Change::ColumnComment { table, column, to, .. } => match to {
                Some(_) => format!("set comment on column {table}.{column}"),
                None => format!("remove comment on column {table}.{column}"),
            },
            Change::RowSecurity { table, from, to } => {
                let n = |r: &Option<RowSecurity>| r.as_ref().map_or(0, |r| r.policies.len());
                let on = |r: &Option<RowSecurity>| r.as_ref().is_some_and(|r| r.enabled);
                format!(
                    "row-level security on {table}: {} → {}, {} → {} policies",
                    if on(from) { "enabled" } else { "off" },
                    if on(to) { "enabled" } else { "off" },
                    n(from),
                    n(to)
                )
            }
            Change::Gained { table, what } => match what {
                Trait::TenantColumnAdded => format!("table {table} becomes tenant-scoped"),
                Trait::SoftDeleteAdded => format!("table {table} gains soft delete"),
            },
            Change::Unsupported { object, what } => format!("{object}: {what} (not planned)"),
        }
    }
}

fn part(t: &Table) -> String {
    match &t.partitioning {
        Some(p) => format!("{:?}", p.method).to_lowercase(),
        None => "not partitioned".into(),
    }
}
