//! What a table box shows and how big it is.
//!
//! There are no font metrics without a font file, so every text is drawn in a
//! monospace stack whose advance is close to 0.6 em in all common monospace
//! fonts; sizes computed from character counts then match what a browser
//! draws closely enough that text never spills out of its box.

use crate::analysis::{self, text};
use plinth_model::Table;

/// Advance of one monospace character, as a fraction of the font size.
pub(crate) const CHAR_EM: f64 = 0.6;
pub(crate) const HEADER_FONT: f64 = 13.0;
pub(crate) const ROW_FONT: f64 = 12.0;
/// Convention columns are drawn smaller and grey so the fields stand out.
pub(crate) const MUTED_FONT: f64 = 10.5;
pub(crate) const HEADER_H: f64 = 26.0;
pub(crate) const ROW_H: f64 = 18.0;
pub(crate) const MUTED_ROW_H: f64 = 15.0;
pub(crate) const PAD_X: f64 = 8.0;
pub(crate) const PAD_BOTTOM: f64 = 6.0;
/// Width reserved for the `PK`/`FK` marker before the column name.
pub(crate) const MARK_W: f64 = 36.0;
/// Space between the column name and its type.
pub(crate) const NAME_TYPE_GAP: f64 = 16.0;
pub(crate) const MIN_W: f64 = 140.0;

/// Key marker shown before a column name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMark {
    None,
    PrimaryKey,
    ForeignKey,
    /// Part of the primary key and of a foreign key (junction tables).
    Both,
}

impl KeyMark {
    pub fn label(self) -> &'static str {
        match self {
            KeyMark::None => "",
            KeyMark::PrimaryKey => "PK",
            KeyMark::ForeignKey => "FK",
            KeyMark::Both => "PK FK",
        }
    }
}

/// One column as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxRow {
    pub column: String,
    /// Physical type, with `?` when nullable.
    pub ty: String,
    pub key: KeyMark,
    /// Tenant, timestamp, soft-delete, version and actor columns.
    pub muted: bool,
    /// Top of the row, relative to the box's top.
    pub dy: f64,
    pub h: f64,
}

/// Width of `s` in a monospace font of `size`.
pub(crate) fn text_w(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * CHAR_EM
}

/// The rows of `t` and the box size (w, h) they need.
pub(crate) fn rows(t: &Table) -> (Vec<BoxRow>, f64, f64) {
    let pk: &[String] = t.primary_key.as_ref().map_or(&[], |p| &p.columns);
    let mut out = Vec::with_capacity(t.columns.len());
    let mut w = (text_w(&t.name, HEADER_FONT) + 2.0 * PAD_X).max(MIN_W);
    let mut y = HEADER_H + 4.0;
    for c in &t.columns {
        let in_pk = pk.contains(&c.name);
        let in_fk = t.foreign_keys.iter().any(|fk| fk.columns.contains(&c.name));
        let key = match (in_pk, in_fk) {
            (true, true) => KeyMark::Both,
            (true, false) => KeyMark::PrimaryKey,
            (false, true) => KeyMark::ForeignKey,
            (false, false) => KeyMark::None,
        };
        let muted = analysis::is_de_emphasised(t, c);
        let mut ty = text::physical(&c.physical);
        if c.nullable {
            ty.push('?');
        }
        let (size, h) = if muted {
            (MUTED_FONT, MUTED_ROW_H)
        } else {
            (ROW_FONT, ROW_H)
        };
        let need = PAD_X + MARK_W + text_w(&c.name, size) + NAME_TYPE_GAP + text_w(&ty, size) + PAD_X;
        w = w.max(need);
        out.push(BoxRow {
            column: c.name.clone(),
            ty,
            key,
            muted,
            dy: y,
            h,
        });
        y += h;
    }
    (out, w.ceil(), (y + PAD_BOTTOM).ceil())
}
