//! DESIGN.md generator (to be written).
