//! The MySQL/MariaDB dialect: the SQL importer (`import`, on sqlparser's
//! MySQL grammar), the DDL emitter (`emit`) and the catalog inspector
//! (`inspect`: the information_schema queries and the model built from
//! their answers; the caller runs the queries, so this crate does no IO).
//!
//! One model for one schema whichever way it is read: the importer and the
//! inspector both end in [`canonical::canonicalize`], which spells types,
//! collations, defaults and implicit indexes the way the server stores them.

pub mod canonical;
pub mod emit;
pub mod expr;
pub mod import;
pub mod inspect;
pub mod quote;
pub mod types;

pub use emit::{emit, emit_script};
pub use expr::normalize_expr;
pub use import::{import_sql, ImportOptions, ImportResult, ImportWarning};
