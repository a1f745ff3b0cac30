//! The SQLite dialect: the DDL emitter (`emit`, pure), the SQL importer
//! (`import`, pure, on its own SQLite tokenizer and DDL reader) and live
//! introspection (`inspect`, over pragmas, behind the `live` feature
//! because it does IO).
//!
//! One reader of SQLite DDL (`ddl`) serves both sources: the importer reads
//! the script, the inspector reads the SQL SQLite keeps in `sqlite_schema`
//! for what its pragmas do not report (CHECKs, constraint names,
//! expressions). One set of rules (`lower`, `types`) turns both into the
//! model, so a file and the database built from it compare equal.

pub mod ddl;
pub mod design;
pub mod emit;
pub mod import;
#[cfg(feature = "live")]
pub mod inspect;
pub mod lexer;
mod lower;
pub mod quote;
pub mod split;
pub mod types;

pub use design::for_sqlite;
pub use emit::{emit, emit_script};
pub use import::{import_sql, ImportResult, ImportWarning};
#[cfg(feature = "live")]
pub use inspect::{inspect, inspect_file, InspectError};
