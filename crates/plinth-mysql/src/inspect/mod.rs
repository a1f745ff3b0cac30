//! A live MySQL/MariaDB database → [`Schema`], from information_schema.
//!
//! [`catalog_queries`] is a fixed script of queries for the whole database
//! (the schema filter is in the SQL), each answering one JSON document on
//! one line; the caller runs it (e.g. with the `mariadb` client in batch
//! mode, see `plinth-sandbox`'s `MariaDb::query_lines`) and hands the lines
//! to [`from_catalog`]. So this crate does no IO and needs no client library.
//!
//! Views, triggers, procedures and functions become opaque objects with SQL
//! rebuilt from the catalog (the server keeps view bodies in its own
//! rewritten form); FULLTEXT/SPATIAL indexes become opaque objects spelled
//! like the importer's.

mod build;
mod objects;

pub use build::from_catalog;

/// The queries, in the order [`from_catalog`] reads their answers.
pub const QUERIES: usize = 10;

/// The catalog script for `database` (ten queries, one JSON line each).
pub fn catalog_queries(database: &str) -> String {
    let db = crate::types::quote_literal(database);
    let q = |select: &str, from: &str, filter: &str, order: &str| {
        format!("SELECT JSON_ARRAYAGG(JSON_OBJECT({select}) ORDER BY {order}) FROM {from} WHERE {filter} = {db};\n")
    };
    let mut s = String::from("SET SESSION group_concat_max_len = 1073741824;\n");
    s.push_str(&format!(
        "SELECT JSON_OBJECT('collation', DEFAULT_COLLATION_NAME, 'server_collation', @@collation_server) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {db};\n"
    ));
    s.push_str(&q(
        "'name', TABLE_NAME, 'type', TABLE_TYPE, 'engine', ENGINE, 'collation', TABLE_COLLATION, 'comment', \
         TABLE_COMMENT, 'options', CREATE_OPTIONS",
        "information_schema.TABLES",
        "TABLE_SCHEMA",
        "TABLE_NAME",
    ));
    s.push_str(&q(
        "'table', TABLE_NAME, 'name', COLUMN_NAME, 'pos', ORDINAL_POSITION, 'default', COLUMN_DEFAULT, 'nullable', \
         IS_NULLABLE, 'type', COLUMN_TYPE, 'collation', COLLATION_NAME, 'extra', EXTRA, 'comment', COLUMN_COMMENT, \
         'generation', GENERATION_EXPRESSION",
        "information_schema.COLUMNS",
        "TABLE_SCHEMA",
        "TABLE_NAME, ORDINAL_POSITION",
    ));
    s.push_str(&q(
        "'table', TABLE_NAME, 'name', INDEX_NAME, 'non_unique', NON_UNIQUE, 'seq', SEQ_IN_INDEX, 'column', \
         COLUMN_NAME, 'sub_part', SUB_PART, 'type', INDEX_TYPE, 'collation', COLLATION, 'comment', INDEX_COMMENT",
        "information_schema.STATISTICS",
        "TABLE_SCHEMA",
        "TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
    ));
    s.push_str(&format!(
        "SELECT JSON_ARRAYAGG(JSON_OBJECT('table', k.TABLE_NAME, 'name', k.CONSTRAINT_NAME, 'column', k.COLUMN_NAME, \
         'pos', k.ORDINAL_POSITION, 'ref_schema', k.REFERENCED_TABLE_SCHEMA, 'ref_table', k.REFERENCED_TABLE_NAME, \
         'ref_column', k.REFERENCED_COLUMN_NAME, 'on_update', r.UPDATE_RULE, 'on_delete', r.DELETE_RULE) \
         ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION) \
         FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
         ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME \
         AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME WHERE k.TABLE_SCHEMA = {db};\n"
    ));
    s.push_str(&q(
        "'table', TABLE_NAME, 'name', CONSTRAINT_NAME, 'clause', CHECK_CLAUSE",
        "information_schema.CHECK_CONSTRAINTS",
        "CONSTRAINT_SCHEMA",
        "TABLE_NAME, CONSTRAINT_NAME",
    ));
    s.push_str(&q(
        "'name', TABLE_NAME, 'definition', VIEW_DEFINITION, 'security', SECURITY_TYPE, 'check_option', CHECK_OPTION",
        "information_schema.VIEWS",
        "TABLE_SCHEMA",
        "TABLE_NAME",
    ));
    s.push_str(&q(
        "'name', TRIGGER_NAME, 'event', EVENT_MANIPULATION, 'table', EVENT_OBJECT_TABLE, 'timing', ACTION_TIMING, \
         'body', ACTION_STATEMENT, 'order', ACTION_ORDER",
        "information_schema.TRIGGERS",
        "TRIGGER_SCHEMA",
        "EVENT_OBJECT_TABLE, ACTION_ORDER",
    ));
    s.push_str(&q(
        "'name', ROUTINE_NAME, 'type', ROUTINE_TYPE, 'returns', DTD_IDENTIFIER, 'body', ROUTINE_DEFINITION, \
         'deterministic', IS_DETERMINISTIC, 'data_access', SQL_DATA_ACCESS, 'security', SECURITY_TYPE, 'comment', \
         ROUTINE_COMMENT",
        "information_schema.ROUTINES",
        "ROUTINE_SCHEMA",
        "ROUTINE_TYPE, ROUTINE_NAME",
    ));
    s.push_str(&q(
        "'routine', SPECIFIC_NAME, 'pos', ORDINAL_POSITION, 'mode', PARAMETER_MODE, 'name', PARAMETER_NAME, 'type', \
         DTD_IDENTIFIER",
        "information_schema.PARAMETERS",
        "SPECIFIC_SCHEMA",
        "SPECIFIC_NAME, ORDINAL_POSITION",
    ));
    s
}

/// Why the catalog's answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectError(pub String);

impl std::fmt::Display for InspectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read the MySQL catalog: {}", self.0)
    }
}

impl std::error::Error for InspectError {}
