//! Schema → ordered PostgreSQL statements: types and sequences, tables in
//! dependency order, deferred foreign keys, indexes, comments, routines,
//! triggers, row-level security, then objects kept verbatim.

mod objects;
mod table;

use crate::order::creation_order;
use crate::quote::{literal, qualified};
use crate::routines;
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
    for o in &schema.opaque {
        let sql = if o.sql.trim_end().ends_with(';') {
            o.sql.trim_end().to_string()
        } else {
            format!("{};", o.sql.trim_end())
        };
        out.push(stmt(sql, format!("{} {}", o.kind, o.name), o.origin));
    }
    out
}
