//! Relationships: one row per foreign key with its cardinality, whether it
//! is optional or identifying, and the reason for its ON DELETE taken from
//! the decision log; and the many-to-many relations junction tables make.

use super::{decision_why, is_junction, is_tenant_fk, text, unique_sets};
use plinth_model::{FkAction, ForeignKey, Schema, Table};

/// Cardinality of a foreign key, seen from the referenced (parent) side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cardinality {
    /// One parent, many children.
    OneToMany,
    /// One parent, at most one child: the foreign key columns are unique.
    OneToOne,
}

impl Cardinality {
    pub fn label(self) -> &'static str {
        match self {
            Cardinality::OneToMany => "1:N",
            Cardinality::OneToOne => "1:1",
        }
    }
}

/// One foreign key, with what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    /// The child table (holding the foreign key).
    pub table: String,
    pub constraint: String,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    /// The link's name: the foreign key column without `_id` (`project`),
    /// `tenant` for the tenant column.
    pub label: String,
    pub cardinality: Cardinality,
    /// A child may exist without a parent (a nullable link column).
    pub optional: bool,
    /// The foreign key is part of the child's primary key.
    pub identifying: bool,
    /// The tenant column's reference to the tenant table.
    pub tenant: bool,
    /// The child is a junction table.
    pub junction: bool,
    pub on_delete: FkAction,
    /// `CASCADE`, `SET NULL (parent_id)`.
    pub on_delete_text: String,
    /// Why this ON DELETE, from the decision log.
    pub reason: Option<String>,
}

/// A many-to-many relation through a junction table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManyToMany {
    pub junction: String,
    pub left: String,
    pub right: String,
    pub reason: Option<String>,
}

fn on_delete_reason(schema: &Schema, t: &Table, fk: &ForeignKey) -> Option<String> {
    if is_tenant_fk(t, fk) {
        return decision_why(schema, "schema", |r| r == "tenant-column");
    }
    let link_columns = fk.columns.iter().filter(|c| t.tenant_column.as_ref() != Some(*c));
    for c in link_columns {
        let subject = format!("{}.{c}", t.name);
        if let Some(why) = decision_why(schema, &subject, |r| r.starts_with("on-delete-")) {
            return Some(why);
        }
    }
    if is_junction(t) {
        return decision_why(schema, &t.name, |r| r == "junction-table");
    }
    None
}

/// Every foreign key, table by table, with cardinality and ON DELETE reason.
pub fn relationships(schema: &Schema) -> Vec<Relationship> {
    let mut out = Vec::new();
    for t in &schema.tables {
        let uniques = unique_sets(t);
        let pk_cols: &[String] = t.primary_key.as_ref().map_or(&[], |p| &p.columns);
        let junction = is_junction(t);
        for fk in &t.foreign_keys {
            let tenant = is_tenant_fk(t, fk);
            let link: Vec<&String> = fk
                .columns
                .iter()
                .filter(|c| tenant || t.tenant_column.as_ref() != Some(*c))
                .collect();
            let one_to_one = uniques
                .iter()
                .any(|(cols, _)| !cols.is_empty() && cols.iter().all(|c| fk.columns.contains(c)));
            let optional = link.iter().any(|c| t.column(c).is_some_and(|c| c.nullable));
            let label = if tenant {
                "tenant".to_string()
            } else {
                link.iter()
                    .map(|c| c.strip_suffix("_id").unwrap_or(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut on_delete_text = text::fk_action(fk.on_delete).to_string();
            if let Some(cols) = &fk.set_null_columns {
                on_delete_text.push_str(&format!(" ({})", cols.join(", ")));
            }
            out.push(Relationship {
                table: t.name.clone(),
                constraint: fk.name.clone(),
                columns: fk.columns.clone(),
                ref_table: fk.ref_table.clone(),
                ref_columns: fk.ref_columns.clone(),
                label,
                cardinality: if one_to_one {
                    Cardinality::OneToOne
                } else {
                    Cardinality::OneToMany
                },
                optional,
                identifying: fk.columns.iter().all(|c| pk_cols.contains(c)),
                tenant,
                junction,
                on_delete: fk.on_delete,
                on_delete_text,
                reason: on_delete_reason(schema, t, fk),
            });
        }
    }
    out
}

/// Many-to-many relations: each junction table and the two tables it links.
pub fn many_to_many(schema: &Schema) -> Vec<ManyToMany> {
    schema
        .tables
        .iter()
        .filter(|t| is_junction(t))
        .filter_map(|t| {
            let mut links = t.foreign_keys.iter().filter(|fk| !is_tenant_fk(t, fk));
            let (a, b) = (links.next()?, links.next()?);
            Some(ManyToMany {
                junction: t.name.clone(),
                left: a.ref_table.clone(),
                right: b.ref_table.clone(),
                reason: decision_why(schema, &t.name, |r| r == "junction-table").or_else(|| t.comment.clone()),
            })
        })
        .collect()
}
