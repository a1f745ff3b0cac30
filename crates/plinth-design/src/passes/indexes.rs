//! Indexes, a first cut of the advisor: declared indexes, one index per
//! declared query (tenant, then equality columns, then one range column or
//! the ORDER BY columns), every foreign key leading some index, and no index
//! that is a prefix of another.

use crate::context::Design;
use crate::passes::{free_name, soft_delete};
use plinth_model::query_shape::analyze;
use plinth_model::{Index, IndexElement, IndexMethod, IndexPurpose, Predicate, Table};

pub fn run(d: &mut Design) {
    declared(d);
    from_queries(d);
    foreign_keys(d);
    drop_prefix_redundant(d);
}

fn with_tenant(t: &Table, columns: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(tc) = &t.tenant_column {
        if !columns.contains(tc) {
            out.push(tc.clone());
        }
    }
    out.extend(columns.iter().cloned());
    out
}

fn add_index(
    d: &mut Design,
    table: &str,
    elements: Vec<IndexElement>,
    predicate: Option<Predicate>,
    purpose: IndexPurpose,
    origin: Option<plinth_model::SourceRef>,
) -> String {
    let cols: Vec<String> = elements
        .iter()
        .map(|e| e.column_name().unwrap_or("expr").to_string())
        .collect();
    let name = free_name(d, table, &format!("{table}_{}_idx", cols.join("_")));
    let t = d.schema.table_mut(table).unwrap();
    t.indexes.push(Index {
        name: name.clone(),
        elements,
        unique: false,
        method: IndexMethod::BTree,
        predicate,
        include: vec![],
        nulls_not_distinct: false,
        purposes: vec![purpose],
        origin,
    });
    name
}

fn declared(d: &mut Design) {
    for set in d.index_sets.clone() {
        let Some(t) = d.schema.table(&set.table) else {
            continue;
        };
        let cols = with_tenant(t, &set.columns);
        add_index(
            d,
            &set.table,
            cols.iter().map(IndexElement::column).collect(),
            None,
            IndexPurpose::Declared,
            set.origin,
        );
    }
}

fn from_queries(d: &mut Design) {
    for q in d.schema.intent.queries.clone() {
        let subject = format!("query {}", q.name);
        let Some(shape) = analyze(&q.sql) else {
            d.schema.decide_at(
                subject,
                "query-not-indexed",
                "No table found in the SQL, so no index was derived.",
                q.origin,
            );
            continue;
        };
        let Some(t) = d.schema.table(&shape.table) else {
            d.schema.decide_at(
                subject,
                "query-not-indexed",
                format!(
                    "`{}` is not a table of this schema, so no index was derived.",
                    shape.table
                ),
                q.origin,
            );
            continue;
        };
        let known = |c: &String| t.has_column(c);
        let mut unknown: Vec<&String> = shape
            .equality
            .iter()
            .chain(&shape.range)
            .chain(shape.order_by.iter().map(|(c, _)| c))
            .filter(|c| !known(c))
            .collect();
        unknown.dedup();
        if !unknown.is_empty() {
            let list = unknown.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ");
            d.schema.decide_at(
                subject,
                "query-not-indexed",
                format!("Columns not in `{}`: {list}; no index was derived.", shape.table),
                q.origin,
            );
            continue;
        }
        let mut elements: Vec<IndexElement> = with_tenant(t, &shape.equality)
            .iter()
            .map(IndexElement::column)
            .collect();
        let has = |els: &[IndexElement], c: &str| els.iter().any(|e| e.column_name() == Some(c));
        if let Some(r) = shape.range.first() {
            if !has(&elements, r) {
                elements.push(IndexElement::column(r));
            }
        } else {
            for (c, desc) in &shape.order_by {
                if !has(&elements, c) {
                    elements.push(IndexElement::column_desc(c.clone(), *desc));
                }
            }
        }
        let tenant_only = elements.len() <= usize::from(t.tenant_column.is_some());
        if tenant_only {
            d.schema.decide_at(
                subject,
                "query-not-indexed",
                "The query filters on no column beyond the tenant, so no extra index was derived.",
                q.origin,
            );
            continue;
        }
        let predicate = (t.traits.soft_delete && shape.is_null.iter().any(|c| c == soft_delete::COLUMN))
            .then(|| Predicate::IsNull(soft_delete::COLUMN.into()));
        let table = shape.table.clone();
        let partial = predicate.is_some();
        let cols: Vec<String> = elements
            .iter()
            .map(|e| {
                format!(
                    "{}{}",
                    e.column_name().unwrap_or("?"),
                    if e.descending { " DESC" } else { "" }
                )
            })
            .collect();
        let name = add_index(
            d,
            &table,
            elements,
            predicate,
            IndexPurpose::Query(q.name.clone()),
            q.origin,
        );
        d.schema.decide(
            name,
            "index-for-query",
            format!(
                "Serves query `{}`: {}equality columns first, then {}{}.",
                q.name,
                if t_has_tenant(d, &table) { "tenant and " } else { "" },
                if shape.range.is_empty() {
                    "the sort order"
                } else {
                    "the range column"
                },
                if partial {
                    "; partial on live rows like the query"
                } else {
                    ""
                }
            ) + &format!(" ({})", cols.join(", ")),
        );
    }
}

fn t_has_tenant(d: &Design, table: &str) -> bool {
    d.schema.table(table).is_some_and(|t| t.tenant_column.is_some())
}

/// True when the first `cols.len()` columns of `lead` are exactly `cols`
/// in any order (a B-tree serves equality on any permutation of its prefix).
fn leads_with(lead: &[&str], cols: &[String]) -> bool {
    lead.len() >= cols.len() && cols.iter().all(|c| lead[..cols.len()].contains(&c.as_str()))
}

fn foreign_keys(d: &mut Design) {
    for ti in 0..d.schema.tables.len() {
        let fks = d.schema.tables[ti].foreign_keys.clone();
        for fk in fks {
            let t = &d.schema.tables[ti];
            let by_constraint = t
                .primary_key
                .iter()
                .map(|p| &p.columns)
                .chain(t.uniques.iter().map(|u| &u.columns))
                .any(|cols| {
                    let lead: Vec<&str> = cols.iter().map(String::as_str).collect();
                    leads_with(&lead, &fk.columns)
                });
            let by_index = t.indexes.iter().position(|i| {
                i.predicate.is_none() && i.method == IndexMethod::BTree && leads_with(&i.leading_columns(), &fk.columns)
            });
            let table = t.name.clone();
            let subject = format!("{}({})", table, fk.columns.join(", "));
            if let Some(ix) = by_index {
                d.schema.tables[ti].indexes[ix]
                    .purposes
                    .push(IndexPurpose::ForeignKey(fk.name.clone()));
            } else if !by_constraint {
                let name = add_index(
                    d,
                    &table,
                    fk.columns.iter().map(IndexElement::column).collect(),
                    None,
                    IndexPurpose::ForeignKey(fk.name.clone()),
                    fk.origin,
                );
                d.schema.decide(subject, "index-foreign-key", format!("`{name}` lets deletes and key updates of `{}` find referencing rows without a scan (and lock far fewer rows).", fk.ref_table));
            }
        }
    }
}

/// Drops plain B-tree indexes whose columns are a prefix of another index
/// (same predicate) or of a unique constraint, keeping their purposes.
fn drop_prefix_redundant(d: &mut Design) {
    let mut dropped = Vec::new();
    for t in d.schema.tables.iter_mut() {
        let mut i = 0;
        while i < t.indexes.len() {
            let a = &t.indexes[i];
            let plain = !a.unique && a.method == IndexMethod::BTree && a.include.is_empty();
            let cover = if plain {
                t.indexes.iter().enumerate().position(|(j, b)| {
                    j != i
                        && b.method == IndexMethod::BTree
                        && b.predicate == a.predicate
                        && b.elements.len() >= a.elements.len()
                        && b.elements[..a.elements.len()] == a.elements[..]
                        && (b.elements.len() > a.elements.len() || j < i)
                })
            } else {
                None
            };
            let by_unique = plain
                && a.predicate.is_none()
                && a.elements.iter().all(|e| !e.descending)
                && t.primary_key
                    .iter()
                    .map(|p| &p.columns)
                    .chain(t.uniques.iter().map(|u| &u.columns))
                    .any(|cols| {
                        let lead = a.leading_columns();
                        lead.len() == a.elements.len()
                            && cols.len() >= lead.len()
                            && cols[..lead.len()].iter().zip(&lead).all(|(x, y)| x == y)
                    });
            if let Some(j) = cover {
                let gone = t.indexes.remove(i);
                let j = if j > i { j - 1 } else { j };
                for p in gone.purposes {
                    if !t.indexes[j].purposes.contains(&p) {
                        t.indexes[j].purposes.push(p);
                    }
                }
                dropped.push((t.name.clone(), gone.name, t.indexes[j].name.clone()));
            } else if by_unique {
                let gone = t.indexes.remove(i);
                dropped.push((t.name.clone(), gone.name, "a unique constraint".into()));
            } else {
                i += 1;
            }
        }
    }
    for (table, gone, by) in dropped {
        d.schema.decide(
            table,
            "no-prefix-redundant-index",
            format!("`{gone}` was not created: its columns are a prefix of {by}, which serves the same lookups."),
        );
    }
}
