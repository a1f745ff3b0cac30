//! The review engine.
//!
//! Two kinds of rules share one vocabulary ([`RuleMeta`], [`Finding`]):
//!
//! - **schema rules** ([`schema`]) look at a finished [`plinth_model::Schema`],
//!   whatever it was read from (spec, SQL, Prisma, DBML, a live database);
//! - **migration rules** ([`migration`]) look at migration files statement by
//!   statement. A dialect front end (at the edge, e.g. `plinth-postgres`)
//!   turns each statement into a dialect-neutral [`migration::Op`]; the engine
//!   keeps a [`migration::State`] of the schema as it evolves through the
//!   files, so a rule knows whether a table is new, whether a CHECK already
//!   proves NOT NULL, and whether we are inside a transaction.
//!
//! This crate is pure: no IO, no database, no clock. Reading files,
//! configuration and printing reports live in the CLI.

pub mod config;
pub mod docs;
pub mod finding;
pub mod migration;
pub mod report;
pub mod rule;
pub mod schema;
pub mod settings;

pub use finding::{Edit, Finding, Fix};
pub use plinth_model::SourceRef;
pub use rule::{RuleKind, RuleMeta, Severity};
pub use settings::Settings;

/// Every rule the engine knows, schema rules first, each group in id order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = schema::RULES.iter().map(|r| &r.meta).collect();
    rules.extend(migration::RULES.iter().map(|r| &r.meta));
    rules
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static RuleMeta> {
    all_rules().into_iter().find(|r| r.id == id)
}
