//! Indexes, triggers, comments, row-level security and sequences.

use super::table::name;
use super::{stmt, NULLS_NOT_DISTINCT_SINCE};
use crate::expr::{physical, policy, predicate};
use crate::quote::{ident, idents, literal, qualified};
use plinth_model::{
    Index, IndexKey, IndexMethod, PolicyCommand, Sequence, SqlStatement, Table, Trigger, TriggerEvent, TriggerTiming,
};

pub(crate) fn method_name(m: IndexMethod) -> &'static str {
    match m {
        IndexMethod::BTree => "btree",
        IndexMethod::Hash => "hash",
        IndexMethod::Gin => "gin",
        IndexMethod::Gist => "gist",
        IndexMethod::Brin => "brin",
    }
}

pub(crate) fn create_index(t: &Table, ix: &Index, v: u32) -> String {
    let method = match ix.method {
        IndexMethod::BTree => String::new(),
        m => format!(" USING {}", method_name(m)),
    };
    let elements = ix
        .elements
        .iter()
        .map(|e| {
            let mut k = match &e.key {
                IndexKey::Column(c) => ident(c),
                IndexKey::Expr(x) => format!("({x})"),
            };
            if let Some(c) = &e.collation {
                k.push_str(&format!(" COLLATE {c}"));
            }
            if let Some(op) = &e.opclass {
                k.push_str(&format!(" {op}"));
            }
            if e.descending {
                k.push_str(" DESC");
            }
            match e.nulls_first {
                Some(true) => k.push_str(" NULLS FIRST"),
                Some(false) => k.push_str(" NULLS LAST"),
                None => {}
            }
            k
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut s = format!(
        "CREATE {}INDEX {} ON {}{method} ({elements})",
        if ix.unique { "UNIQUE " } else { "" },
        ident(&ix.name),
        name(t)
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

pub(crate) fn create_trigger(t: &Table, tr: &Trigger) -> String {
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
        name(t),
        ident(&tr.routine)
    )
}

pub(crate) fn comments(t: &Table) -> Vec<SqlStatement> {
    let mut out = Vec::new();
    if let Some(c) = &t.comment {
        out.push(stmt(
            format!("COMMENT ON TABLE {} IS {};", name(t), literal(c)),
            format!("comment on {}", t.name),
            t.origin,
        ));
    }
    for c in &t.columns {
        let Some(text) = &c.comment else { continue };
        out.push(stmt(
            format!("COMMENT ON COLUMN {}.{} IS {};", name(t), ident(&c.name), literal(text)),
            format!("comment on {}.{}", t.name, c.name),
            c.origin,
        ));
    }
    out
}

pub(crate) fn row_security(t: &Table) -> Vec<SqlStatement> {
    let mut out = Vec::new();
    let Some(rls) = &t.row_security else { return out };
    if rls.enabled {
        out.push(stmt(
            format!("ALTER TABLE {} ENABLE ROW LEVEL SECURITY;", name(t)),
            format!("row security on {}", t.name),
            t.origin,
        ));
    }
    if rls.forced {
        out.push(stmt(
            format!("ALTER TABLE {} FORCE ROW LEVEL SECURITY;", name(t)),
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
        let mut sql = format!("CREATE POLICY {} ON {}", ident(&p.name), name(t));
        if !p.permissive {
            sql.push_str(" AS RESTRICTIVE");
        }
        sql.push_str(&format!(" FOR {cmd}"));
        if !p.roles.is_empty() {
            sql.push_str(&format!(" TO {}", idents(&p.roles)));
        }
        if let Some(u) = &p.using {
            sql.push_str(&format!("\n  USING ({})", policy(u)));
        }
        if let Some(w) = &p.with_check {
            sql.push_str(&format!("\n  WITH CHECK ({})", policy(w)));
        }
        sql.push(';');
        out.push(stmt(sql, format!("policy {} on {}", p.name, t.name), t.origin));
    }
    out
}

pub(crate) fn create_sequence(s: &Sequence) -> String {
    let mut sql = format!(
        "CREATE SEQUENCE {} AS {}",
        qualified(s.namespace.as_deref(), &s.name),
        physical(&s.data_type)
    );
    for (word, value) in [
        ("INCREMENT BY", s.increment),
        ("MINVALUE", s.min_value),
        ("MAXVALUE", s.max_value),
        ("START WITH", s.start),
        ("CACHE", s.cache),
    ] {
        if let Some(v) = value {
            sql.push_str(&format!(" {word} {v}"));
        }
    }
    if s.cycle {
        sql.push_str(" CYCLE");
    }
    sql.push(';');
    sql
}

pub(crate) fn sequence_owner(s: &Sequence) -> String {
    let (table, column) = s.owned_by.as_ref().expect("only called for owned sequences");
    format!(
        "ALTER SEQUENCE {} OWNED BY {}.{};",
        qualified(s.namespace.as_deref(), &s.name),
        qualified(s.namespace.as_deref(), table),
        ident(column)
    )
}
