//! Schema → ordered PostgreSQL statements: types and sequences, tables in
//! dependency order, deferred foreign keys, indexes, comments, routines,
//! triggers, row-level security; objects kept verbatim go first (schemas,
//! extensions, table-free domains and functions) or after the indexes.

mod objects;
pub mod parts;
mod table;

use crate::quote::{literal, qualified};
use crate::routines;
use plinth_model::order::creation_order;
use plinth_model::{ForeignKey, RoutineKind, Schema, SourceRef, SqlStatement};

/// `NULLS NOT DISTINCT` exists since PostgreSQL 15.
pub(crate) const NULLS_NOT_DISTINCT_SINCE: u32 = 15;

pub(crate) fn stmt(sql: String, object: String, origin: Option<SourceRef>) -> SqlStatement {
    SqlStatement { sql, object, origin }
}

/// Every statement needed to create `schema` on an empty database, in order.
pub fn emit(schema: &Schema) -> Vec<SqlStatement> {
    let v = schema.target.version;
    let mut out = Vec::new();
    let (early, late) = opaque_groups(schema);
    let opaque_stmt = |o: &plinth_model::OpaqueObject| {
        let sql = if o.sql.trim_end().ends_with(';') {
            o.sql.trim_end().to_string()
        } else {
            format!("{};", o.sql.trim_end())
        };
        stmt(sql, format!("{} {}", o.kind, o.name), o.origin)
    };
    // Schemas, extensions and collations first: everything else may live in
    // or use them.
    for o in early.iter().filter(|o| FIRST_KINDS.contains(&o.kind.as_str())) {
        out.push(opaque_stmt(o));
    }
    for e in &schema.enums {
        let values = e.values.iter().map(|v| literal(v)).collect::<Vec<_>>().join(", ");
        let name = qualified(e.namespace.as_deref(), &e.name);
        out.push(stmt(
            format!("CREATE TYPE {name} AS ENUM ({values});"),
            format!("type {}", e.name),
            e.origin,
        ));
    }
    for s in &schema.sequences {
        out.push(stmt(
            objects::create_sequence(s),
            format!("sequence {}", s.name),
            s.origin,
        ));
    }
    // Routines used in column defaults must exist before the tables.
    for r in schema.routines.iter().filter(|r| r.kind == RoutineKind::Uuidv7) {
        out.push(stmt(routines::create(schema, r), format!("function {}", r.name), None));
    }
    // Domains, types and functions that need no table: before the tables
    // (columns use domains, checks and index expressions call functions).
    for o in early.iter().filter(|o| !FIRST_KINDS.contains(&o.kind.as_str())) {
        out.push(opaque_stmt(o));
    }
    let (order, deferred) = creation_order(schema);
    let is_deferred = |i: usize, fk: &ForeignKey| deferred.contains(&(i, fk.name.clone()));
    for &i in &order {
        let t = &schema.tables[i];
        let inline: Vec<&ForeignKey> = t.foreign_keys.iter().filter(|fk| !is_deferred(i, fk)).collect();
        out.push(stmt(
            table::create_table(t, &inline, v),
            format!("table {}", t.name),
            t.origin,
        ));
        if t.partition_of.is_some() {
            // A partition inherits columns; its own constraints come after.
            out.extend(table::partition_constraints(t, &inline, v));
        }
    }
    for &i in &order {
        let t = &schema.tables[i];
        for fk in t.foreign_keys.iter().filter(|fk| is_deferred(i, fk)) {
            let sql = format!("ALTER TABLE {} ADD {};", table::name(t), table::foreign_key(fk, v));
            out.push(stmt(sql, format!("foreign key {}", fk.name), fk.origin));
        }
    }
    for s in schema.sequences.iter().filter(|s| s.owned_by.is_some()) {
        out.push(stmt(
            objects::sequence_owner(s),
            format!("sequence {} owner", s.name),
            s.origin,
        ));
    }
    for &i in &order {
        let t = &schema.tables[i];
        for ix in &t.indexes {
            out.push(stmt(
                objects::create_index(t, ix, v),
                format!("index {}", ix.name),
                ix.origin.or(t.origin),
            ));
        }
    }
    for &i in &order {
        out.extend(objects::comments(&schema.tables[i]));
    }
    // Objects over tables (views, triggers, functions returning rows,
    // comments on indexes, ...), once every table and index exists.
    for o in &late {
        out.push(opaque_stmt(o));
    }
    for r in schema.routines.iter().filter(|r| r.kind != RoutineKind::Uuidv7) {
        out.push(stmt(routines::create(schema, r), format!("function {}", r.name), None));
    }
    for &i in &order {
        let t = &schema.tables[i];
        for tr in &t.triggers {
            out.push(stmt(
                objects::create_trigger(t, tr),
                format!("trigger {}", tr.name),
                t.origin,
            ));
        }
    }
    for &i in &order {
        out.extend(objects::row_security(&schema.tables[i]));
    }
    out
}

/// Opaque kinds created before anything else.
const FIRST_KINDS: &[&str] = &["schema", "extension", "collation", "text search configuration"];

/// Splits opaque objects, keeping their order, into those that need no
/// table (directly or through another opaque object that needs one) and
/// those that do.
fn opaque_groups(schema: &Schema) -> (Vec<&plinth_model::OpaqueObject>, Vec<&plinth_model::OpaqueObject>) {
    use std::collections::HashSet;
    let mut relations: HashSet<String> = HashSet::new();
    for t in &schema.tables {
        relations.insert(t.name.clone());
        if let Some(ns) = &t.namespace {
            relations.insert(format!("{ns}.{}", t.name));
        }
    }
    let mut late = vec![false; schema.opaque.len()];
    loop {
        let mut changed = false;
        for (i, o) in schema.opaque.iter().enumerate() {
            if late[i] || FIRST_KINDS.contains(&o.kind.as_str()) {
                continue;
            }
            let over_table = matches!(
                o.kind.as_str(),
                "table" | "view" | "materialized view" | "trigger" | "rule" | "comment" | "index"
            );
            if over_table || o.depends_on.iter().any(|d| relations.contains(d)) {
                late[i] = true;
                changed = true;
                relations.insert(o.name.clone());
                relations.insert(o.name.split('(').next().unwrap_or(&o.name).to_string());
                if let Some(ns) = &o.namespace {
                    relations.insert(format!("{ns}.{}", o.name));
                }
            }
        }
        if !changed {
            break;
        }
    }
    let (mut early, mut rest) = (Vec::new(), Vec::new());
    for (i, o) in schema.opaque.iter().enumerate() {
        if late[i] {
            rest.push(o);
        } else {
            early.push(o);
        }
    }
    (early, rest)
}
