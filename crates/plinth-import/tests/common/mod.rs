//! Shared by the importer tests: a readable dump of a model, applying it to
//! a real PostgreSQL, and feeding every truncation of a file to an importer.

#![allow(dead_code)]

use plinth_import::ImportWarning;
use plinth_model::Schema;
use std::fmt::Write;

/// One line per object, in model order: easy to review in a snapshot.
pub fn dump(s: &Schema) -> String {
    let mut o = String::new();
    writeln!(o, "target {:?} {}", s.target.dialect, s.target.version).unwrap();
    for e in &s.enums {
        writeln!(o, "enum {:?}.{} {:?}", e.namespace, e.name, e.values).unwrap();
    }
    for q in &s.sequences {
        writeln!(
            o,
            "sequence {:?}.{} {:?} owned by {:?}",
            q.namespace, q.name, q.data_type, q.owned_by
        )
        .unwrap();
    }
    for x in &s.opaque {
        writeln!(o, "opaque {} {}: {}", x.kind, x.name, x.sql).unwrap();
    }
    for t in &s.tables {
        writeln!(
            o,
            "table {:?}.{} (entity {:?}, group {:?}, junction {})",
            t.namespace, t.name, t.entity, t.traits.group, t.traits.junction
        )
        .unwrap();
        if let Some(c) = &t.comment {
            writeln!(o, "  comment {c:?}").unwrap();
        }
        for c in &t.columns {
            writeln!(
                o,
                "  column {} {:?} / {:?}{}{}{}",
                c.name,
                c.logical,
                c.physical,
                if c.nullable { " null" } else { " not null" },
                c.default
                    .as_ref()
                    .map(|d| format!(" default {d:?}"))
                    .unwrap_or_default(),
                c.comment
                    .as_ref()
                    .map(|d| format!(" comment {d:?}"))
                    .unwrap_or_default(),
            )
            .unwrap();
        }
        if let Some(p) = &t.primary_key {
            writeln!(o, "  primary key {} {:?}", p.name, p.columns).unwrap();
        }
        for u in &t.uniques {
            writeln!(o, "  unique {} {:?}", u.name, u.columns).unwrap();
        }
        for f in &t.foreign_keys {
            writeln!(
                o,
                "  foreign key {} {:?} -> {:?}.{} {:?} delete {:?} update {:?}",
                f.name, f.columns, f.ref_namespace, f.ref_table, f.ref_columns, f.on_delete, f.on_update
            )
            .unwrap();
        }
        for c in &t.checks {
            writeln!(o, "  check {} {:?}", c.name, c.expr).unwrap();
        }
        for i in &t.indexes {
            let els: Vec<String> = i
                .elements
                .iter()
                .map(|e| format!("{:?}{}", e.key, if e.descending { " desc" } else { "" }))
                .collect();
            writeln!(
                o,
                "  {}index {} {:?} {}",
                if i.unique { "unique " } else { "" },
                i.name,
                i.method,
                els.join(", ")
            )
            .unwrap();
        }
    }
    for d in &s.decisions {
        writeln!(o, "decision {} [{}]: {}", d.subject, d.rule, d.why).unwrap();
    }
    o
}

/// Emits the model and applies it statement by statement to a fresh
/// database; a missing server fails the test.
pub fn apply_on_postgres(schema: &Schema) {
    let sandbox = plinth_sandbox::Sandbox::shared().expect("a PostgreSQL sandbox");
    let db = sandbox.fresh_database().expect("a fresh database");
    let mut client = db.client().expect("a connection");
    let statements = plinth_postgres::emit(schema);
    if let Err(e) = plinth_sandbox::apply(&mut client, &statements) {
        panic!("{e:?}");
    }
}

/// Every prefix (at char boundaries, every line end and a sample of other
/// offsets) goes through the importer; every warning must lie in the input.
pub fn truncations(src: &str, import: impl Fn(&str) -> Vec<ImportWarning>) {
    for (i, _) in src.char_indices().filter(|(i, c)| *c == '\n' || i % 7 == 0) {
        let cut = &src[..i];
        for w in import(cut) {
            assert!(
                w.span.start <= cut.len() && w.span.end <= cut.len(),
                "{w:?} outside {i} bytes"
            );
            assert!(w.line >= 1 && w.column >= 1);
        }
    }
}
