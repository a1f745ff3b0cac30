//! Verification edge of plinth: a throwaway PostgreSQL cluster (or an
//! external server) and a throwaway MariaDB server ([`MariaDb`]), fresh
//! databases, statement-by-statement apply with precise errors, catalog
//! introspection, synthetic rows and behavioural probes of the conventions
//! the DDL emitter promises.
//!
//! This is the only crate of the workspace that talks to a database server.
//! Everything here is synchronous (`postgres` 0.19) because verification is a
//! short, sequential conversation with one server; an async runtime would buy
//! nothing and cost compile time.
//!
//! Typical use:
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let schema: plinth_model::Schema = unimplemented!();
//! # let statements: Vec<plinth_model::SqlStatement> = vec![];
//! use plinth_sandbox::{apply, run_probes, Sandbox};
//! let sandbox = Sandbox::connect(None)?; // PLINTH_DATABASE_URL or a throwaway cluster
//! let db = sandbox.fresh_database()?;
//! apply(&mut db.client()?, &statements)?;
//! let report = run_probes(&db, &schema);
//! assert!(report.passed(), "{report}");
//! # Ok(()) }
//! ```

mod apply;
mod cluster;
mod database;
mod error;
mod introspect;
mod mariadb;
mod probes;
pub mod sql;
mod synth;

pub use apply::{apply, ApplyError, ApplyReport};
pub use cluster::{shared, try_shared, Cluster};
pub use database::{Database, Sandbox, DATABASE_URL_ENV};
pub use error::{describe_error, SandboxError};
pub use introspect::{
    introspect, Catalog, ColumnInfo, ConstraintInfo, ConstraintKind, FunctionInfo, IndexInfo, PolicyInfo, TableInfo,
    TriggerInfo,
};
pub use mariadb::{shared_mariadb, MariaDb, MARIADB_BIN_ENV};
pub use probes::{
    run_probes, ProbeReport, ProbeResult, APPEND_ONLY, APP_ROLE, AUDIT, OPTIMISTIC_LOCK, SOFT_DELETE_UNIQUE,
    TENANT_ISOLATION, TENANT_SETTING, UPDATED_AT,
};
pub use synth::{cuid2, Row, RowFactory, SynthError, Value};
