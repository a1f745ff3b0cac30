//! An SVG entity-relationship diagram laid out inside plinth, with no
//! external program, so `plinth erd --format svg` and the HTML report work
//! offline and give byte-identical output for the same model.
//!
//! The layout is layered (Sugiyama-style), see [`layered`]: tables are ranked
//! by foreign-key depth (referenced tables above the tables that reference
//! them), long edges get dummy nodes, crossings are reduced by barycenter
//! sweeps, and x coordinates come from an order-preserving least-squares fit
//! (isotonic regression), which is what guarantees that no two boxes overlap.
//! Tables with a `traits.group` are laid out as a block of their own first and
//! then placed as one node (see [`compose`]), so group frames never overlap
//! either. Every edge bends only in the empty gaps between layers, so lines
//! never run under a box.
//!
//! [`layout`] returns the geometry ([`Layout`]) so tests can check it without
//! parsing SVG; [`render`] draws it.

mod compose;
mod content;
mod draw;
mod layered;

pub use content::{BoxRow, KeyMark};
pub(crate) use draw::esc;

/// An axis-aligned rectangle in SVG user units (pixels at zoom 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// True when the interiors intersect (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// One table's box: where it is and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TableBox {
    pub table: String,
    pub rect: Rect,
    /// `traits.group`, when the table belongs to a drawn group frame.
    pub group: Option<String>,
    pub comment: Option<String>,
    /// One row per column, in column order.
    pub rows: Vec<BoxRow>,
}

/// A frame drawn around the tables of one `traits.group`.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFrame {
    pub name: String,
    pub rect: Rect,
}

/// One foreign key drawn as a line from the referencing (child) table to
/// the referenced (parent) table.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRoute {
    /// The table holding the foreign key.
    pub from: String,
    /// The referenced table.
    pub to: String,
    /// The foreign key constraint's name.
    pub constraint: String,
    /// Points from the child's box border to the parent's. Consecutive points
    /// with equal x are straight vertical runs; any other pair is an S-curve
    /// with vertical tangents inside an empty gap between layers. A self
    /// reference is a loop on the box's right side, drawn with straight lines.
    pub points: Vec<(f64, f64)>,
    /// Cardinality at the child end: `*`, or `0..1` when the key is unique.
    pub from_label: &'static str,
    /// Cardinality at the parent end: `1`, or `0..1` when the key is nullable.
    pub to_label: &'static str,
    pub self_loop: bool,
}

/// The whole diagram's geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// One box per table, in the model's table order.
    pub boxes: Vec<TableBox>,
    pub groups: Vec<GroupFrame>,
    pub edges: Vec<EdgeRoute>,
    /// The tenant table, when tenant foreign keys were left undrawn (every
    /// tenant-scoped table has one; drawing them all would bury the rest).
    pub tenant_note: Option<String>,
}

impl Layout {
    /// The box of `table`, if the schema has it.
    pub fn table(&self, table: &str) -> Option<&TableBox> {
        self.boxes.iter().find(|b| b.table == table)
    }
}

/// Lays the schema out; pure and deterministic.
pub fn layout(schema: &plinth_model::Schema) -> Layout {
    compose::layout(schema)
}

/// The diagram as a standalone SVG document (also embeddable in HTML).
pub fn render(schema: &plinth_model::Schema) -> String {
    draw::svg(&layout(schema))
}

/// Draws an already computed layout (the report reuses one layout for the
/// picture and its own data).
pub fn render_layout(layout: &Layout) -> String {
    draw::svg(layout)
}
