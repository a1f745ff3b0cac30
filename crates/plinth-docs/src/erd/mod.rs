//! ERD renderers, one module per format. Each is `render(&Schema) -> String`,
//! deterministic, and reads the model through [`crate::analysis`] so every
//! diagram agrees with DESIGN.md on keys, cardinality and ON DELETE.
pub mod dbml;
pub mod dot;
pub mod mermaid;
pub mod svg;
