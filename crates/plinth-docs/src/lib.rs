//! Documents rendered from the schema model alone, so they work the same for
//! designed and (later) imported schemas. Pure: every function takes a
//! [`plinth_model::Schema`] and returns text.
//!
//! - [`analysis`]: the facts every document shares (catalog, relationships,
//!   index plan, queries, review checklist, creation order).
//! - [`design_doc`]: DESIGN.md (catalog, fields, relationships, index plan,
//!   query patterns, decisions, review checklist, creation order).
//! - [`erd`]: entity-relationship diagrams — Mermaid, DBML, Graphviz DOT and
//!   a self-laid-out SVG.
//! - [`report`]: one self-contained HTML file.

pub mod analysis;
pub mod design_doc;
pub mod erd;
pub mod report;
