//! Design passes: turn a validated spec into a [`Schema`] and apply the
//! conventions a principal database architect would.
//!
//! [`design`] lowers the spec ([`lower`]) and then runs each pass in
//! [`passes`] in a fixed order. Every pass is a pure function over the model
//! and records each convention it applies in the decision log
//! ([`Schema::decide`]). Invariant: no IO, no clock, no randomness, so the
//! same spec always gives the same model.

mod context;
mod lower;
pub mod passes;

pub use context::{Design, Relation, RelationKind};
use plinth_model::Schema;
use plinth_spec::ValidSpec;

/// Runs the whole design pipeline on a validated spec.
pub fn design(spec: &ValidSpec) -> Schema {
    let mut d = lower::lower(spec);
    for pass in passes::PIPELINE {
        (pass.run)(&mut d);
    }
    d.schema
}

/// The pipeline stopped after the named pass (for focused tests and docs).
pub fn design_until(spec: &ValidSpec, last_pass: &str) -> Schema {
    let mut d = lower::lower(spec);
    for pass in passes::PIPELINE {
        (pass.run)(&mut d);
        if pass.name == last_pass {
            break;
        }
    }
    d.schema
}
