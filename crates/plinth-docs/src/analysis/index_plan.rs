//! The index plan: every index-backed object (primary keys and unique
//! constraints too, since they serve lookups) with what it is for.

use super::text;
use plinth_model::{ForeignKey, IndexMethod, IndexPurpose, Schema};

/// What kind of object backs an index-plan row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexKind {
    PrimaryKey,
    UniqueConstraint,
    UniqueIndex,
    Index,
}

impl IndexKind {
    pub fn label(self) -> &'static str {
        match self {
            IndexKind::PrimaryKey => "primary key",
            IndexKind::UniqueConstraint => "unique constraint",
            IndexKind::UniqueIndex => "unique index",
            IndexKind::Index => "index",
        }
    }
}

/// A reason an index exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Serves {
    PrimaryKey,
    /// Uniqueness; `live_rows` when partial on `deleted_at IS NULL`.
    Unique {
        live_rows: bool,
    },
    /// Lookups of the referencing rows of this foreign key.
    ForeignKey {
        constraint: String,
        columns: Vec<String>,
        ref_table: String,
    },
    Query(String),
    JunctionReverse,
    Declared,
    Imported,
}

impl Serves {
    pub fn describe(&self) -> String {
        match self {
            Serves::PrimaryKey => "row identity".into(),
            Serves::Unique { live_rows: true } => "uniqueness among live rows".into(),
            Serves::Unique { live_rows: false } => "uniqueness".into(),
            Serves::ForeignKey {
                constraint,
                columns,
                ref_table,
            } => format!("FK {constraint} ({}) → {ref_table}", columns.join(", ")),
            Serves::Query(q) => format!("query {q}"),
            Serves::JunctionReverse => "reverse lookups through the junction".into(),
            Serves::Declared => "declared in the spec".into(),
            Serves::Imported => "imported".into(),
        }
    }
}

/// One row of the index plan (constraints that build an index included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexRow {
    pub table: String,
    pub name: String,
    pub kind: IndexKind,
    /// Rendered elements: `created_at DESC`, `(lower(email))`.
    pub columns: Vec<String>,
    pub method: &'static str,
    pub predicate: Option<String>,
    pub include: Vec<String>,
    pub serves: Vec<Serves>,
}

/// True when the first `cols.len()` entries of `lead` are exactly `cols`,
/// in any order: a B-tree serves equality on any permutation of its prefix.
pub fn leads_with(lead: &[&str], cols: &[String]) -> bool {
    lead.len() >= cols.len() && cols.iter().all(|c| lead[..cols.len()].contains(&c.as_str()))
}

fn fk_serves(fk: &ForeignKey) -> Serves {
    Serves::ForeignKey {
        constraint: fk.name.clone(),
        columns: fk.columns.clone(),
        ref_table: fk.ref_table.clone(),
    }
}

fn push_unique(v: &mut Vec<Serves>, s: Serves) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Every index-backed object: primary keys, unique constraints, indexes;
/// each with what it serves (its recorded purposes, plus every foreign key
/// it can serve because it leads with the key's columns).
pub fn index_plan(schema: &Schema) -> Vec<IndexRow> {
    let mut out = Vec::new();
    for t in &schema.tables {
        let fks_led_by = |lead: &[&str]| -> Vec<Serves> {
            t.foreign_keys
                .iter()
                .filter(|fk| leads_with(lead, &fk.columns))
                .map(fk_serves)
                .collect()
        };
        let constraint_row = |name: &str, cols: &[String], kind, first: Serves| {
            let lead: Vec<&str> = cols.iter().map(String::as_str).collect();
            let mut serves = vec![first];
            for s in fks_led_by(&lead) {
                push_unique(&mut serves, s);
            }
            IndexRow {
                table: t.name.clone(),
                name: name.to_string(),
                kind,
                columns: cols.to_vec(),
                method: "btree",
                predicate: None,
                include: vec![],
                serves,
            }
        };
        if let Some(pk) = &t.primary_key {
            out.push(constraint_row(
                &pk.name,
                &pk.columns,
                IndexKind::PrimaryKey,
                Serves::PrimaryKey,
            ));
        }
        for u in &t.uniques {
            out.push(constraint_row(
                &u.name,
                &u.columns,
                IndexKind::UniqueConstraint,
                Serves::Unique { live_rows: false },
            ));
        }
        for ix in &t.indexes {
            let mut serves = Vec::new();
            if ix.unique {
                serves.push(Serves::Unique {
                    live_rows: ix.predicate.is_some(),
                });
            }
            #[allow(unreachable_patterns)]
            for p in &ix.purposes {
                let s = match p {
                    IndexPurpose::ForeignKey(name) => match t.foreign_keys.iter().find(|fk| &fk.name == name) {
                        Some(fk) => fk_serves(fk),
                        None => continue,
                    },
                    IndexPurpose::Unique => Serves::Unique {
                        live_rows: ix.predicate.is_some(),
                    },
                    IndexPurpose::Query(q) => Serves::Query(q.clone()),
                    IndexPurpose::JunctionReverse => Serves::JunctionReverse,
                    IndexPurpose::Declared => Serves::Declared,
                    IndexPurpose::Imported => Serves::Imported,
                    _ => Serves::Imported,
                };
                push_unique(&mut serves, s);
            }
            if ix.predicate.is_none() && ix.method == IndexMethod::BTree {
                for s in fks_led_by(&ix.leading_columns()) {
                    push_unique(&mut serves, s);
                }
            }
            out.push(IndexRow {
                table: t.name.clone(),
                name: ix.name.clone(),
                kind: if ix.unique {
                    IndexKind::UniqueIndex
                } else {
                    IndexKind::Index
                },
                columns: ix.elements.iter().map(text::index_element).collect(),
                method: text::index_method(ix.method),
                predicate: ix.predicate.as_ref().map(text::predicate),
                include: ix.include.clone(),
                serves,
            });
        }
    }
    out
}
