//! Offline diff: two schema models in, a typed change set out.
//!
//! `diff(from, to, hints)` compares semantically (the comparison keys of
//! `plinth_model::equality`, so `int4`/`integer` or `'x'::text`/`'x'` are
//! no change) and returns every change in a deterministic order: enums
//! first, then tables by name (renames, columns in TO's order, constraints,
//! indexes, comments), then drops. Renames come only from explicit hints
//! ([`Hints`]: `@renamed_from` in a spec, `-- plinth:renamed-from` in SQL,
//! `--rename` on the command line); a dropped and an added object of the
//! same shape become a [`Question`], never a guessed rename. Changes that
//! lose data say so ([`Change::destructive`]).
//!
//! Invariant: pure — no IO, no clock; the same input gives the same output.

mod change;
mod enums;
mod tables;
mod types;

pub use change::{Change, Constraint, Trait, TypeChange};
pub use types::classify;

use plinth_model::equality::CompareOptions;
use plinth_model::Schema;
use std::collections::BTreeMap;

/// Explicit rename hints, keyed by the new name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// new table name → old table name.
    pub tables: BTreeMap<String, String>,
    /// (new table name, new column name) → old column name.
    pub columns: BTreeMap<(String, String), String>,
    /// (enum type, new value) → old value.
    pub enum_values: BTreeMap<(String, String), String>,
}

impl Hints {
    /// The hints a schema carries (`renamed_from` on tables and columns).
    pub fn from_schema(to: &Schema) -> Hints {
        let mut h = Hints::default();
        for t in &to.tables {
            if let Some(old) = &t.renamed_from {
                h.tables.insert(t.name.clone(), old.clone());
            }
            for c in &t.columns {
                if let Some(old) = &c.renamed_from {
                    h.columns.insert((t.name.clone(), c.name.clone()), old.clone());
                }
            }
        }
        h
    }

    /// Adds the hints of `other` (its entries win).
    pub fn merge(mut self, other: Hints) -> Hints {
        self.tables.extend(other.tables);
        self.columns.extend(other.columns);
        self.enum_values.extend(other.enum_values);
        self
    }
}

/// A likely rename that was not assumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// `orders.title` (the new object).
    pub subject: String,
    pub text: String,
}

/// Every change from one schema to the other, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
    pub questions: Vec<Question>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes that lose data.
    pub fn destructive(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.destructive())
    }
}

/// How to compare expressions.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A dialect's expression normaliser (plinth-postgres provides one);
    /// without it, expressions are compared after whitespace and outer
    /// parentheses are normalised.
    pub normalize_expr: Option<fn(&str) -> String>,
}

impl Options {
    pub(crate) fn compare(&self) -> CompareOptions {
        CompareOptions {
            index_names: false,
            constraint_names: false,
            normalize_expr: self.normalize_expr,
            ..CompareOptions::default()
        }
    }
}

/// The change set from `from` to `to`, with default options.
pub fn diff(from: &Schema, to: &Schema, hints: &Hints) -> ChangeSet {
    diff_with(from, to, hints, &Options::default())
}

/// The change set from `from` to `to`.
pub fn diff_with(from: &Schema, to: &Schema, hints: &Hints, options: &Options) -> ChangeSet {
    let mut out = ChangeSet::default();
    let (early, late) = enums::diff(from, to, hints);
    out.changes.extend(early);
    tables::diff(from, to, hints, options, &mut out);
    out.changes.extend(late);
    others(from, to, &mut out);
    out
}

/// Routines, sequences and verbatim objects: reported, not planned.
fn others(from: &Schema, to: &Schema, out: &mut ChangeSet) {
    let mut seen = |kind: &str, a: Vec<(String, String)>, b: Vec<(String, String)>| {
        let ma: BTreeMap<_, _> = a.into_iter().collect();
        let mb: BTreeMap<_, _> = b.into_iter().collect();
        for (k, v) in &ma {
            match mb.get(k) {
                None => out.changes.push(Change::Unsupported {
                    object: format!("{kind} {k}"),
                    what: "removed".into(),
                }),
                Some(w) if w != v => out.changes.push(Change::Unsupported {
                    object: format!("{kind} {k}"),
                    what: "changed".into(),
                }),
                _ => {}
            }
        }
        for k in mb.keys().filter(|k| !ma.contains_key(*k)) {
            out.changes.push(Change::Unsupported {
                object: format!("{kind} {k}"),
                what: "added".into(),
            });
        }
    };
    let routines = |s: &Schema| {
        s.routines
            .iter()
            .map(|r| (r.name.clone(), format!("{:?}", r.kind)))
            .collect::<Vec<_>>()
    };
    seen("routine", routines(from), routines(to));
    let sequences = |s: &Schema| {
        s.sequences
            .iter()
            .map(|q| {
                (
                    q.name.clone(),
                    format!("{:?}", (&q.data_type, q.increment, q.start, &q.owned_by)),
                )
            })
            .collect::<Vec<_>>()
    };
    seen("sequence", sequences(from), sequences(to));
    let opaque = |s: &Schema| {
        s.opaque
            .iter()
            .map(|o| {
                (
                    format!("{} {}", o.kind, o.name),
                    o.sql.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            })
            .collect::<Vec<_>>()
    };
    seen("object", opaque(from), opaque(to));
}
