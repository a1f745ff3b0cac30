//! Append-only tables (`@append_only`, and the audit log) reject UPDATE and
//! DELETE with a trigger, so history cannot be rewritten by any code path.

use crate::context::Design;
use plinth_model::{Routine, RoutineKind, Trigger, TriggerEvent, TriggerTiming};

pub const ROUTINE: &str = "plinth_reject_change";

pub fn run(d: &mut Design) {
    for ti in 0..d.schema.tables.len() {
        if !d.schema.tables[ti].traits.append_only {
            continue;
        }
        let table = d.schema.tables[ti].name.clone();
        let trigger = d.ident(&format!("{table}_reject_change"));
        d.schema.tables[ti].triggers.push(Trigger {
            name: trigger,
            timing: TriggerTiming::Before,
            events: vec![TriggerEvent::Update, TriggerEvent::Delete],
            routine: ROUTINE.into(),
            args: vec![],
        });
        d.schema.add_routine(Routine {
            name: ROUTINE.into(),
            kind: RoutineKind::RejectChange,
        });
        d.schema.decide(table, "append-only", "Append-only: a BEFORE UPDATE OR DELETE trigger rejects changes, so rows are history that cannot be rewritten.");
    }
}
