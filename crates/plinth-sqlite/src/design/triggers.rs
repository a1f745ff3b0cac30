//! The design's trigger routines as SQLite triggers (kept as opaque
//! objects with their SQL, which the emitter runs after the tables).
//!
//! SQLite triggers cannot change NEW, so "touch" and "version bump" are one
//! AFTER UPDATE trigger that updates the row again, guarded by `WHEN` so
//! that an explicit value wins and nothing loops (a trigger does not fire
//! itself while recursive triggers are off, SQLite's default). That inner
//! update does fire the other triggers, so the audit trigger skips an
//! update that changed only the maintained columns. Each event gets its
//! own trigger (SQLite has one event per trigger).

use super::NOW_ISO;
use crate::quote::{ident, literal};
use plinth_model::{OpaqueObject, RoutineKind, Schema, Table, TriggerEvent};

fn key_match(t: &Table) -> String {
    match &t.primary_key {
        Some(pk) if !pk.columns.is_empty() => pk
            .columns
            .iter()
            .map(|c| format!("{0} = NEW.{0}", ident(c)))
            .collect::<Vec<_>>()
            .join(" AND "),
        _ => "rowid = NEW.rowid".into(),
    }
}

fn event_word(e: TriggerEvent) -> &'static str {
    match e {
        TriggerEvent::Insert => "insert",
        TriggerEvent::Update => "update",
        TriggerEvent::Delete => "delete",
    }
}

/// `json_object('a', NEW.a, …)` over the given columns.
fn json_row(cols: &[String], row: &str) -> String {
    let pairs: Vec<String> = cols
        .iter()
        .map(|c| format!("{}, {row}.{}", literal(c), ident(c)))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// What the design maintains on update: `updated_at`, `version`.
#[derive(Default)]
struct Maintained {
    name: Option<String>,
    updated_at: bool,
    version: bool,
}

/// `CREATE TRIGGER … AFTER UPDATE` that touches `updated_at` and bumps
/// `version` in one statement (one trigger, so neither re-fires the other).
fn maintain(t: &Table, m: &Maintained) -> Option<(String, String)> {
    let name = m.name.clone()?;
    let table = ident(&t.name);
    let mut when = Vec::new();
    let mut set = Vec::new();
    if m.updated_at {
        when.push("NEW.updated_at IS OLD.updated_at");
        set.push(format!(
            "updated_at = CASE WHEN NEW.updated_at IS OLD.updated_at THEN {NOW_ISO} ELSE NEW.updated_at END"
        ));
    }
    if m.version {
        when.push("NEW.version IS OLD.version");
        set.push("version = CASE WHEN NEW.version IS OLD.version THEN OLD.version + 1 ELSE NEW.version END".into());
    }
    let sql = format!(
        "CREATE TRIGGER {} AFTER UPDATE ON {table} FOR EACH ROW WHEN {}\nBEGIN\n  UPDATE {table} SET {} WHERE {};\nEND",
        ident(&name),
        when.join(" OR "),
        set.join(", "),
        key_match(t)
    );
    Some((name, sql))
}

pub(super) fn lower(schema: &mut Schema, decide: &mut dyn FnMut(String, &'static str, String)) {
    let mut created: Vec<OpaqueObject> = Vec::new();
    for t in &schema.tables {
        let table = ident(&t.name);
        let mut add = |name: String, sql: String| {
            created.push(OpaqueObject {
                kind: "trigger".into(),
                namespace: None,
                name,
                sql,
                depends_on: vec![t.name.clone()],
                origin: None,
            });
        };
        let mut m = Maintained::default();
        for trig in &t.triggers {
            match schema.routines.iter().find(|r| r.name == trig.routine).map(|r| &r.kind) {
                Some(RoutineKind::Touch { updated_at, updated_by }) => {
                    if *updated_at && t.has_column("updated_at") {
                        m.updated_at = true;
                        m.name = Some(trig.name.clone());
                    }
                    if *updated_by {
                        decide(
                            format!("{}.updated_by", t.name),
                            "sqlite-no-session-actor",
                            "SQLite has no session settings: the application sets updated_by on every update".into(),
                        );
                    }
                }
                Some(RoutineKind::BumpVersion) => {
                    m.version = true;
                    m.name.get_or_insert(trig.name.clone());
                }
                _ => {}
            }
        }
        // Columns only the maintenance trigger changes: an update that
        // changes nothing else is that trigger's own, not audited twice.
        let maintained: Vec<&str> = [("updated_at", m.updated_at), ("version", m.version)]
            .into_iter()
            .filter_map(|(c, on)| on.then_some(c))
            .collect();
        if let Some((name, sql)) = maintain(t, &m) {
            add(name, sql);
        }
        for trig in &t.triggers {
            let Some(routine) = schema.routines.iter().find(|r| r.name == trig.routine) else {
                continue;
            };
            match &routine.kind {
                RoutineKind::RejectChange => {
                    for e in &trig.events {
                        let w = event_word(*e);
                        add(
                            format!("{}_{w}", trig.name),
                            format!(
                                "CREATE TRIGGER {} BEFORE {} ON {table} FOR EACH ROW\nBEGIN\n  SELECT \
                                 RAISE(ABORT, {});\nEND",
                                ident(&format!("{}_{w}", trig.name)),
                                w.to_ascii_uppercase(),
                                literal(&format!("{} is append-only: rows cannot be {w}d", t.name))
                            ),
                        );
                    }
                }
                RoutineKind::AuditRow {
                    audit_table,
                    tenant_column,
                } => {
                    let cols: Vec<String> = t.columns.iter().map(|c| c.name.clone()).collect();
                    let tenant_src = trig.args.first().filter(|a| !a.is_empty());
                    let key: Vec<String> = trig.args.iter().skip(1).cloned().collect();
                    for e in &trig.events {
                        let w = event_word(*e);
                        let row = if *e == TriggerEvent::Delete { "OLD" } else { "NEW" };
                        let before = if *e == TriggerEvent::Insert {
                            "NULL".to_string()
                        } else {
                            json_row(&cols, "OLD")
                        };
                        let after = if *e == TriggerEvent::Delete {
                            "NULL".to_string()
                        } else {
                            json_row(&cols, "NEW")
                        };
                        let (tcol, tval) = match (tenant_column, tenant_src) {
                            (Some(tc), Some(src)) => (format!("{}, ", ident(tc)), format!("{row}.{}, ", ident(src))),
                            (Some(tc), None) => (format!("{}, ", ident(tc)), "NULL, ".into()),
                            (None, _) => (String::new(), String::new()),
                        };
                        let when = if *e == TriggerEvent::Update && !maintained.is_empty() {
                            let others: Vec<String> = cols
                                .iter()
                                .filter(|c| !maintained.contains(&c.as_str()))
                                .map(|c| format!("NEW.{0} IS OLD.{0}", ident(c)))
                                .collect();
                            format!(" WHEN NOT ({})", others.join(" AND "))
                        } else {
                            String::new()
                        };
                        let name = format!("{}_{w}", trig.name);
                        add(
                            name.clone(),
                            format!(
                                "CREATE TRIGGER {} AFTER {} ON {table} FOR EACH ROW{when}\nBEGIN\n  INSERT INTO {} \
                                 ({tcol}action, table_name, row_key, before, after)\n  VALUES ({tval}{}, {}, {}, \
                                 {before}, {after});\nEND",
                                ident(&name),
                                w.to_ascii_uppercase(),
                                ident(audit_table),
                                literal(w),
                                literal(&t.name),
                                json_row(&key, row),
                            ),
                        );
                    }
                }
                RoutineKind::Touch { .. } | RoutineKind::BumpVersion | RoutineKind::Uuidv7 => {}
            }
        }
    }
    if !created.is_empty() {
        decide(
            "schema".into(),
            "sqlite-triggers",
            format!(
                "the {} trigger routine(s) become {} SQLite triggers (one per event; updated_at and version are \
                 maintained by one AFTER UPDATE trigger that updates the row again, so an explicit value wins; \
                 the audit trail skips that maintenance update)",
                schema.routines.len(),
                created.len()
            ),
        );
    }
    for t in &mut schema.tables {
        t.triggers.clear();
    }
    schema.routines.clear();
    schema.opaque.extend(created);
}
