//! The initial migration plan: every object in the order the DDL creates it.
//!
//! The documents depend on the model only, so this mirrors the PostgreSQL
//! emitter's phases rather than calling it: types, id functions, tables
//! (a table after the tables it references; a reference cycle is closed by
//! adding the foreign keys afterwards), deferred foreign keys, indexes,
//! comments, trigger functions, triggers, row-level security. The object
//! labels are the emitter's `SqlStatement::object` labels, and a test in
//! `tests/` holds the two lists equal for every example.

use plinth_model::{RoutineKind, Schema};
use std::collections::HashSet;

/// What a step creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepKind {
    Type,
    Function,
    Table,
    /// A foreign key added after every table exists (closes a cycle).
    DeferredForeignKey,
    Index,
    Comment,
    Trigger,
    RowSecurity,
    Policy,
}

/// One object of the migration plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    pub kind: StepKind,
    /// `table tasks`, `index tasks_project_id_idx`, `policy tenant_isolation on tasks`
    /// (the emitter's `SqlStatement::object`).
    pub object: String,
    /// The object's own name: `tasks`, `tenant_isolation`, `tasks.number` (a column comment).
    pub name: String,
    /// The table the object belongs to, when it belongs to one.
    pub table: Option<String>,
}

/// Table indexes in creation order, and the (table index, foreign key name)
/// pairs that must wait until every table exists (the model's one ordering,
/// which the emitter uses too).
pub fn table_order(schema: &Schema) -> (Vec<usize>, HashSet<(usize, String)>) {
    plinth_model::order::creation_order(schema)
}

/// Every object, in creation order.
pub fn creation_order(schema: &Schema) -> Vec<PlanStep> {
    let mut out = Vec::new();
    let mut step = |kind, object: String, name: &str, table: Option<&str>| {
        out.push(PlanStep {
            kind,
            object,
            name: name.to_string(),
            table: table.map(str::to_string),
        })
    };
    for e in &schema.enums {
        step(StepKind::Type, format!("type {}", e.name), &e.name, None);
    }
    for r in schema.routines.iter().filter(|r| r.kind == RoutineKind::Uuidv7) {
        step(StepKind::Function, format!("function {}", r.name), &r.name, None);
    }
    let (order, deferred) = table_order(schema);
    let tables = || order.iter().map(|&i| (i, &schema.tables[i]));
    for (_, t) in tables() {
        step(StepKind::Table, format!("table {}", t.name), &t.name, Some(&t.name));
    }
    for (i, t) in tables() {
        for fk in t
            .foreign_keys
            .iter()
            .filter(|fk| deferred.contains(&(i, fk.name.clone())))
        {
            step(
                StepKind::DeferredForeignKey,
                format!("foreign key {}", fk.name),
                &fk.name,
                Some(&t.name),
            );
        }
    }
    for (_, t) in tables() {
        for ix in &t.indexes {
            step(StepKind::Index, format!("index {}", ix.name), &ix.name, Some(&t.name));
        }
    }
    for (_, t) in tables() {
        if t.comment.is_some() {
            step(
                StepKind::Comment,
                format!("comment on {}", t.name),
                &t.name,
                Some(&t.name),
            );
        }
        for c in t.columns.iter().filter(|c| c.comment.is_some()) {
            step(
                StepKind::Comment,
                format!("comment on {}.{}", t.name, c.name),
                &format!("{}.{}", t.name, c.name),
                Some(&t.name),
            );
        }
    }
    for r in schema.routines.iter().filter(|r| r.kind != RoutineKind::Uuidv7) {
        step(StepKind::Function, format!("function {}", r.name), &r.name, None);
    }
    for (_, t) in tables() {
        for tr in &t.triggers {
            step(
                StepKind::Trigger,
                format!("trigger {}", tr.name),
                &tr.name,
                Some(&t.name),
            );
        }
    }
    for (_, t) in tables() {
        let Some(rls) = &t.row_security else { continue };
        if rls.enabled {
            step(
                StepKind::RowSecurity,
                format!("row security on {}", t.name),
                &t.name,
                Some(&t.name),
            );
        }
        if rls.forced {
            step(
                StepKind::RowSecurity,
                format!("forced row security on {}", t.name),
                &t.name,
                Some(&t.name),
            );
        }
        for p in &rls.policies {
            step(
                StepKind::Policy,
                format!("policy {} on {}", p.name, t.name),
                &p.name,
                Some(&t.name),
            );
        }
    }
    out
}
