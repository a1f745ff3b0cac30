//! Optimistic locking for `@versioned` entities: `version integer NOT NULL
//! DEFAULT 1`, incremented by a trigger; an update that says
//! `WHERE version = $n` for a stale n affects no row.

use crate::context::Design;
use plinth_model::{
    Column, ColumnRole, DefaultExpr, Literal, LogicalType, PhysicalType, Routine, RoutineKind, Trigger, TriggerEvent,
    TriggerTiming,
};

pub const ROUTINE: &str = "plinth_bump_version";

pub fn run(d: &mut Design) {
    for ti in 0..d.schema.tables.len() {
        if !d.schema.tables[ti].traits.versioned {
            continue;
        }
        let table = d.schema.tables[ti].name.clone();
        let trigger = d.ident(&format!("{table}_bump_version"));
        let t = &mut d.schema.tables[ti];
        let mut c = Column::new("version", LogicalType::Int, PhysicalType::Integer);
        c.role = ColumnRole::Version;
        c.default = Some(DefaultExpr::Literal(Literal::Number("1".into())));
        c.comment =
            Some("Optimistic lock: updates say WHERE version = <read version>; a trigger increments it.".into());
        t.columns.push(c);
        t.triggers.push(Trigger {
            name: trigger,
            timing: TriggerTiming::Before,
            events: vec![TriggerEvent::Update],
            routine: ROUTINE.into(),
            args: vec![],
        });
        d.schema.add_routine(Routine {
            name: ROUTINE.into(),
            kind: RoutineKind::BumpVersion,
        });
        d.schema.decide(table, "optimistic-lock", "@versioned: a version column, incremented by trigger on every update, so concurrent writers detect lost updates (UPDATE ... WHERE version = $n affects 0 rows when stale).");
    }
}
