//! The dialect-neutral schema model.
//!
//! Every source (spec, and later SQL, Prisma, DBML, live databases) lowers into
//! a [`Schema`]; every pass is a function `Schema -> Schema`; every target
//! renders a `Schema`. The model carries what SQL cannot: logical types,
//! traits (tenant-scoped, audited, ...), declared queries and volumes, and the
//! [`Decision`] log that explains each convention applied.
//!
//! Invariant: this crate does no IO, reads no clock and knows no dialect syntax.

pub mod equality;
pub mod naming;
pub mod order;
pub mod query_shape;
mod schema;
mod statement;
mod types;

pub use schema::*;
pub use statement::*;
pub use types::*;
