//! Schema → ordered PostgreSQL statements.

use crate::expr::{check, default, fk_action, physical, policy, predicate};
use crate::order::creation_order;
use crate::quote::{ident, idents, literal};
use crate::routines;
use plinth_model::{
    ForeignKey, Identity, Index, IndexMethod, PolicyCommand, RoutineKind, Schema, SqlStatement, Table, Trigger,
    TriggerEvent, TriggerTiming,
};

/// `NULLS NOT DISTINCT` exists since PostgreSQL 15.
const NULLS_NOT_DISTINCT_SINCE: u32 = 15;

fn stmt(sql: String, object: String, origin: Option<plinth_model::SourceRef>) -> SqlStatement {
    SqlStatement { sql, object, origin }
}

/// Every statement needed to create `schema` on an empty database, in order.
pub fn emit(schema: &Schema) -> Vec<SqlStatement> {
    let v = schema.target.version;
    let mut out = Vec::new();
    for e in &schema.enums {
        let values = e.values.iter().map(|v| literal(v)).collect::<Vec<_>>().join(", ");
        out.push(stmt(
            format!("CREATE TYPE {} AS ENUM ({values});", ident(&e.name)),
            format!("type {}", e.name),
            e.origin,
        ));
    }
    // Routines used in column defaults must exist before the tables.
    for r in schema.routines.iter().filter(|r| r.kind == RoutineKind::Uuidv7) {
        out.push(stmt(routines::create(schema, r), format!("function {}", r.name), None));
    }
    let (order, deferred) = creation_order(schema);
    for &i in &order {
        let t = &schema.tables[i];
        let inline: Vec<&ForeignKey> = t
            .foreign_keys
            .iter()
            .filter(|fk| !deferred.contains(&(i, fk.name.clone())))
            .collect();
        out.push(stmt(create_table(t, &inline, v), format!("table {}", t.name), t.origin));
    }
    for &i in &order {
        let t = &schema.tables[i];
        for fk in t
            .foreign_keys
            .iter()
            .filter(|fk| deferred.contains(&(i, fk.name.clone())))
        {
            out.push(stmt(
                format!("ALTER TABLE {} ADD {};", ident(&t.name), foreign_key(fk, v)),
                format!("foreign key {}", fk.name),
                fk.origin,
            ));
        }
    }
    for &i in &order {
        let t = &schema.tables[i];
        for ix in &t.indexes {
            out.push(stmt(
                create_index(t, ix, v),
                format!("index {}", ix.name),
                ix.origin.or(t.origin),
            ));
        }
    }
    for &i in &order {
        let t = &schema.tables[i];
        if let Some(c) = &t.comment {
            out.push(stmt(
                format!("COMMENT ON TABLE {} IS {};", ident(&t.name), literal(c)),
                format!("comment on {}", t.name),
                t.origin,
            ));
        }
        for c in t.columns.iter().filter(|c| c.comment.is_some()) {
            out.push(stmt(
                format!(
                    "COMMENT ON COLUMN {}.{} IS {};",
                    ident(&t.name),
                    ident(&c.name),
                    literal(c.comment.as_deref().unwrap_or_default())
                ),
                format!("comment on {}.{}", t.name, c.name),
                c.origin,
            ));
        }
    }
    for r in schema.routines.iter().filter(|r| r.kind != RoutineKind::Uuidv7) {
        out.push(stmt(routines::create(schema, r), format!("function {}", r.name), None));
    }
    for &i in &order {
        let t = &schema.tables[i];
        for tr in &t.triggers {
            out.push(stmt(create_trigger(t, tr), format!("trigger {}", tr.name), t.origin));
        }
    }
    for &i in &order {
        let t = &schema.tables[i];
        let Some(rls) = &t.row_security else { continue };
        if rls.enabled {
            out.push(stmt(
                format!("ALTER TABLE {} ENABLE ROW LEVEL SECURITY;", ident(&t.name)),
                format!("row security on {}", t.name),
                t.origin,
            ));
        }
        if rls.forced {
            out.push(stmt(
                format!("ALTER TABLE {} FORCE ROW LEVEL SECURITY;", ident(&t.name)),
                format!("forced row security on {}", t.name),
                t.origin,
            ));
        }
        for p in &rls.policies {
            let cmd = match p.command {
                PolicyCommand::All => "ALL",
                PolicyCommand::Select => "SELECT",
                PolicyCommand::Insert => "INSERT",
                PolicyCommand::Update => "UPDATE",
                PolicyCommand::Delete => "DELETE",
            };
            let mut sql = format!("CREATE POLICY {} ON {} FOR {cmd}", ident(&p.name), ident(&t.name));
            if let Some(u) = &p.using {
                sql.push_str(&format!("\n  USING ({})", policy(u)));
            }
            if let Some(w) = &p.with_check {
                sql.push_str(&format!("\n  WITH CHECK ({})", policy(w)));
            }
            sql.push(';');
            out.push(stmt(sql, format!("policy {} on {}", p.name, t.name), t.origin));
        }
    }
    out
}

fn create_table(t: &Table, fks: &[&ForeignKey], v: u32) -> String {
    let width = t
        .columns
        .iter()
        .map(|c| ident(&c.name).chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<String> = Vec::new();
    for c in &t.columns {
        let name = ident(&c.name);
        let pad = " ".repeat(width - name.chars().count());
        let mut line = format!("  {name}{pad} {}", physical(&c.physical));
        if !c.nullable {
            line.push_str(" NOT NULL");
        }
        if let Some(d) = &c.default {
            line.push_str(&format!(" DEFAULT {}", default(d, c, v)));
        }
        match c.identity {
            Some(Identity::Always) => line.push_str(" GENERATED ALWAYS AS IDENTITY"),
            Some(Identity::ByDefault) => line.push_str(" GENERATED BY DEFAULT AS IDENTITY"),
            None => {}
        }
        lines.push(line);
    }
    if let Some(pk) = &t.primary_key {
        lines.push(format!(
            "  CONSTRAINT {} PRIMARY KEY ({})",
            ident(&pk.name),
            idents(&pk.columns)
        ));
    }
    for u in &t.uniques {
        let nnd = if u.nulls_not_distinct && v >= NULLS_NOT_DISTINCT_SINCE {
            " NULLS NOT DISTINCT"
        } else {
            ""
        };
        lines.push(format!(
            "  CONSTRAINT {} UNIQUE{nnd} ({})",
            ident(&u.name),
            idents(&u.columns)
        ));
    }
    for c in &t.checks {
        lines.push(format!("  CONSTRAINT {} CHECK ({})", ident(&c.name), check(&c.expr)));
    }
    for fk in fks {
        lines.push(format!("  {}", foreign_key(fk, v)));
    }
    format!("CREATE TABLE {} (\n{}\n);", ident(&t.name), lines.join(",\n"))
}

fn foreign_key(fk: &ForeignKey, v: u32) -> String {
    let mut s = format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
        ident(&fk.name),
        idents(&fk.columns),
        ident(&fk.ref_table),
        idents(&fk.ref_columns)
    );
    if let Some(a) = fk_action(fk.on_delete) {
        s.push_str(&format!(" ON DELETE {a}"));
        if let Some(cols) = fk.set_null_columns.as_ref().filter(|_| v >= 15) {
            s.push_str(&format!(" ({})", idents(cols)));
        }
    }
    if let Some(a) = fk_action(fk.on_update) {
        s.push_str(&format!(" ON UPDATE {a}"));
    }
    if fk.deferrable {
        s.push_str(" DEFERRABLE INITIALLY DEFERRED");
    }
    s
}

fn create_index(t: &Table, ix: &Index, v: u32) -> String {
    let method = match ix.method {
        IndexMethod::BTree => "",
        IndexMethod::Hash => " USING hash",
        IndexMethod::Gin => " USING gin",
        IndexMethod::Gist => " USING gist",
        IndexMethod::Brin => " USING brin",
    };
    let elements = ix
        .elements
        .iter()
        .map(|e| {
            let k = match &e.key {
                plinth_model::IndexKey::Column(c) => ident(c),
                plinth_model::IndexKey::Expr(x) => format!("({x})"),
            };
            if e.descending {
                format!("{k} DESC")
            } else {
                k
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = format!(
        "CREATE {}INDEX {} ON {}{method} ({elements})",
        if ix.unique { "UNIQUE " } else { "" },
        ident(&ix.name),
        ident(&t.name)
    );
    if !ix.include.is_empty() {
        s.push_str(&format!(" INCLUDE ({})", idents(&ix.include)));
    }
    if ix.nulls_not_distinct && v >= NULLS_NOT_DISTINCT_SINCE {
        s.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(p) = &ix.predicate {
        s.push_str(&format!(" WHERE {}", predicate(p)));
    }
    s.push(';');
    s
}

fn create_trigger(t: &Table, tr: &Trigger) -> String {
    let timing = match tr.timing {
        TriggerTiming::Before => "BEFORE",
        TriggerTiming::After => "AFTER",
    };
    let events = tr
        .events
        .iter()
        .map(|e| match e {
            TriggerEvent::Insert => "INSERT",
            TriggerEvent::Update => "UPDATE",
            TriggerEvent::Delete => "DELETE",
        })
        .collect::<Vec<_>>()
        .join(" OR ");
    let args = tr.args.iter().map(|a| literal(a)).collect::<Vec<_>>().join(", ");
    format!(
        "CREATE TRIGGER {} {timing} {events} ON {}\n  FOR EACH ROW EXECUTE FUNCTION {}({args});",
        ident(&tr.name),
        ident(&t.name),
        ident(&tr.routine)
    )
}
