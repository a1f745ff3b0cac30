//! The emitter's pieces, for callers that build statements one object at a
//! time (the migration planner): the same text `emit` writes.

use plinth_model::{Column, ForeignKey, Index, SqlStatement, Table, Trigger};

/// `CREATE TABLE ...;` with every constraint and the given foreign keys inline.
pub fn create_table(t: &Table, fks: &[&ForeignKey], version: u32) -> String {
    super::table::create_table(t, fks, version)
}

/// A partition's constraints, added after `CREATE TABLE ... PARTITION OF`.
pub fn partition_constraints(t: &Table, fks: &[&ForeignKey], version: u32) -> Vec<SqlStatement> {
    super::table::partition_constraints(t, fks, version)
}

/// The table's name, schema-qualified when it has a namespace.
pub fn table_name(t: &Table) -> String {
    super::table::name(t)
}

/// `name type [COLLATE c] [NOT NULL] [DEFAULT d] [identity] [generated]`.
pub fn column_definition(c: &Column, version: u32) -> String {
    super::table::column_def(c, 0, version).trim().to_string()
}

/// `CONSTRAINT name FOREIGN KEY (...) REFERENCES ...`.
pub fn foreign_key(fk: &ForeignKey, version: u32) -> String {
    super::table::foreign_key(fk, version)
}

/// `CREATE [UNIQUE] INDEX name ON table ...;`.
pub fn create_index(t: &Table, ix: &Index, version: u32) -> String {
    super::objects::create_index(t, ix, version)
}

/// `CREATE TRIGGER ...;`.
pub fn create_trigger(t: &Table, tr: &Trigger) -> String {
    super::objects::create_trigger(t, tr)
}

/// COMMENT ON TABLE / COLUMN statements of a table.
pub fn comments(t: &Table) -> Vec<SqlStatement> {
    super::objects::comments(t)
}

/// ENABLE ROW LEVEL SECURITY and CREATE POLICY statements of a table.
pub fn row_security(t: &Table) -> Vec<SqlStatement> {
    super::objects::row_security(t)
}

/// The column's type as PostgreSQL spells it.
pub fn column_type(c: &Column) -> String {
    crate::expr::physical(&c.physical)
}

/// The column's default as SQL, if it has one.
pub fn column_default(c: &Column, version: u32) -> Option<String> {
    c.default.as_ref().map(|d| crate::expr::default(d, c, version))
}

/// A CHECK body as SQL.
pub fn check(c: &plinth_model::CheckExpr) -> String {
    crate::expr::check(c)
}
