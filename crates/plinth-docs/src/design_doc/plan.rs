//! Relationships, the index plan and the query patterns.

use super::md::{self, cell, code};
use crate::analysis::{self, text, Cardinality, IndexKind, Relationship};
use plinth_model::Schema;

/// The reason without the action it explains (the table shows that).
fn why(r: &Relationship) -> String {
    let Some(reason) = &r.reason else {
        return "not recorded (no design decision covers this key)".into();
    };
    let trimmed = reason
        .strip_prefix("ON DELETE ")
        .and_then(|rest| rest.split_once(": ").map(|(_, why)| why))
        .unwrap_or(reason);
    if trimmed.starts_with("as the spec says") {
        return "chosen in the spec with `@on_delete`".into();
    }
    cell(trimmed)
}

fn end(table: &str, cols: &[String]) -> String {
    match cols {
        [one] => code(&format!("{table}.{one}")),
        _ => format!("{} ({})", code(table), cell(&cols.join(", "))),
    }
}

pub fn relationships(out: &mut String, schema: &Schema) {
    let rels = analysis::relationships(schema);
    if rels.is_empty() {
        out.push_str("No foreign keys: the tables stand alone.\n");
        return;
    }
    let (tenant, links): (Vec<&Relationship>, Vec<&Relationship>) = rels.iter().partition(|r| r.tenant);
    out.push_str(&format!(
        "{} in all. Cardinality reads parent : child; a dashed ERD line is optional.\n\n",
        md::count(rels.len(), "foreign key")
    ));
    // Tenant keys all say the same thing; one paragraph per tenant table.
    let mut roots: Vec<&str> = tenant.iter().map(|r| r.ref_table.as_str()).collect();
    roots.dedup();
    for root in roots {
        let of: Vec<&&Relationship> = tenant.iter().filter(|r| r.ref_table == root).collect();
        let tables: Vec<String> = of.iter().map(|r| code(&r.table)).collect();
        let actions: Vec<&str> = {
            let mut a: Vec<&str> = of.iter().map(|r| r.on_delete_text.as_str()).collect();
            a.dedup();
            a
        };
        out.push_str(&format!(
            "**Tenant.** {} reference {} through their tenant column (1:N, ON DELETE {}): {}\n\n",
            md::and_list(&tables),
            code(root),
            actions.join(" / "),
            md::prose(&of[0].reason.clone().unwrap_or_else(|| "no reason recorded.".into()))
        ));
    }
    let mut rows = Vec::new();
    for r in links.iter().filter(|r| !r.junction) {
        rows.push(vec![
            end(&r.table, &r.columns),
            end(&r.ref_table, &r.ref_columns),
            match r.cardinality {
                Cardinality::OneToMany => "1:N".into(),
                Cardinality::OneToOne => "1:1 (unique)".into(),
            },
            if r.optional {
                "optional".into()
            } else {
                "required".into()
            },
            cell(&r.on_delete_text),
            why(r),
        ]);
    }
    if rows.is_empty() {
        out.push_str("No references besides the tenant and junction keys.\n\n");
    } else {
        md::table(out, &["from", "to", "cardinality", "link", "ON DELETE", "why"], &rows);
    }
    let m2m = analysis::many_to_many(schema);
    if m2m.is_empty() {
        out.push_str("No many-to-many relations.\n");
        return;
    }
    out.push_str("Many-to-many relations, each through a junction table whose rows cascade from both ends:\n\n");
    let rows: Vec<Vec<String>> = m2m
        .iter()
        .map(|m| {
            let keys: Vec<String> = links
                .iter()
                .filter(|r| r.table == m.junction)
                .map(|r| {
                    format!(
                        "{} → {} {}",
                        cell(&r.label),
                        code(&r.ref_table),
                        cell(&r.on_delete_text)
                    )
                })
                .collect();
            vec![
                format!("{} M:N {}", code(&m.left), code(&m.right)),
                code(&m.junction),
                keys.join("; "),
                m.reason.as_deref().map(cell).unwrap_or_default(),
            ]
        })
        .collect();
    md::table(out, &["relation", "junction", "keys, ON DELETE", "why"], &rows);
}

pub fn indexes(out: &mut String, schema: &Schema) {
    let plan = analysis::index_plan(schema);
    if plan.is_empty() {
        out.push_str("No indexes, primary keys or unique constraints.\n");
        return;
    }
    let n = |k: IndexKind| plan.iter().filter(|r| r.kind == k).count();
    out.push_str(&format!(
        "{}, {}, {} and {}. Each row says what it serves: uniqueness, the foreign keys whose columns it leads \
         (so deleting a parent finds the children without a scan), or a declared query.\n\n",
        md::count(n(IndexKind::PrimaryKey), "primary key"),
        md::count(n(IndexKind::UniqueConstraint), "unique constraint"),
        md::count(n(IndexKind::UniqueIndex), "unique index"),
        md::count(n(IndexKind::Index), "other index"),
    ));
    let rows: Vec<Vec<String>> = plan
        .iter()
        .map(|r| {
            let mut cols = r.columns.join(", ");
            if !r.include.is_empty() {
                cols.push_str(&format!(" INCLUDE ({})", r.include.join(", ")));
            }
            vec![
                code(&r.table),
                code(&r.name),
                r.kind.label().to_string(),
                code(&cols),
                r.method.to_string(),
                r.predicate.as_deref().map(code).unwrap_or_default(),
                r.serves
                    .iter()
                    .map(|s| cell(&s.describe()))
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        })
        .collect();
    md::table(
        out,
        &["table", "index", "kind", "columns", "method", "partial", "serves"],
        &rows,
    );
}

pub fn queries(out: &mut String, schema: &Schema) {
    let qs = analysis::queries(schema);
    if qs.is_empty() {
        out.push_str(
            "No queries declared. Declare the hot queries with `query` blocks in the spec so each gets an index \
             and appears here with its volume.\n",
        );
        return;
    }
    out.push_str(
        "Declared queries with their rate, the tables they read, the rows those tables hold (declared `volume`) \
         and the index derived for each.\n\n",
    );
    let rows: Vec<Vec<String>> = qs
        .iter()
        .map(|q| {
            let mut name = code(&q.name);
            if let Some(d) = &q.description {
                name.push_str(&format!(": {}", cell(d)));
            }
            let mut rows = Vec::new();
            for t in &q.tables {
                match q.volumes.iter().find(|(v, _)| v == t) {
                    Some((_, n)) => rows.push(format!("{} in {}", text::count(*n), code(t))),
                    None => rows.push(format!("{} (no volume)", code(t))),
                }
            }
            if let Some(l) = q.limit {
                rows.push(format!("returns ≤ {l}"));
            }
            let index = if q.indexes.is_empty() {
                format!(
                    "none: {}",
                    cell(q.not_indexed.as_deref().unwrap_or("no index was derived"))
                )
            } else {
                q.indexes
                    .iter()
                    .map(|(t, i)| format!("{} on {}", code(i), code(t)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            vec![
                name,
                code(&q.sql),
                q.per_second.map(text::rate).unwrap_or_default(),
                q.tables.iter().map(|t| code(t)).collect::<Vec<_>>().join(", "),
                rows.join("; "),
                index,
            ]
        })
        .collect();
    md::table(
        out,
        &["query", "SQL", "rate", "tables", "expected rows", "index"],
        &rows,
    );
}
