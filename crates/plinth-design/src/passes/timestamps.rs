//! Timestamps: `created_at` and `updated_at` (timestamptz NOT NULL DEFAULT
//! now()), and a trigger that keeps `updated_at` true on every update
//! because application code forgets. Append-only tables only get
//! `created_at`: their rows never change.

use crate::context::Design;
use plinth_model::{
    Column, ColumnRole, DefaultExpr, LogicalType, PhysicalType, Routine, RoutineKind, Trigger, TriggerEvent,
    TriggerTiming,
};

pub const TOUCH_ROUTINE: &str = "plinth_touch";

pub(crate) fn timestamp_column(name: &str, role: ColumnRole) -> Column {
    let mut c = Column::new(name, LogicalType::Timestamp, PhysicalType::Timestamptz);
    c.role = role;
    c
}

/// Adds (once per table) the BEFORE UPDATE trigger that maintains
/// `updated_at` and/or `updated_by`; the routine's flags are widened when a
/// later pass needs more.
pub(crate) fn ensure_touch(d: &mut Design, ti: usize, updated_at: bool, updated_by: bool) {
    let table = d.schema.tables[ti].name.clone();
    let trigger_name = d.ident(&format!("{table}_touch"));
    let t = &mut d.schema.tables[ti];
    let has_at = updated_at || t.has_column("updated_at") && t.traits.timestamps;
    let has_by = updated_by || t.has_column("updated_by");
    let routine = match (has_at, has_by) {
        (true, true) => "plinth_touch_updated_at_by",
        (true, false) => "plinth_touch_updated_at",
        (false, true) => "plinth_touch_updated_by",
        (false, false) => return,
    };
    t.triggers.retain(|tr| tr.name != trigger_name);
    t.triggers.push(Trigger {
        name: trigger_name,
        timing: TriggerTiming::Before,
        events: vec![TriggerEvent::Update],
        routine: routine.into(),
        args: vec![],
    });
    d.schema.add_routine(Routine {
        name: routine.into(),
        kind: RoutineKind::Touch {
            updated_at: has_at,
            updated_by: has_by,
        },
    });
}

pub fn run(d: &mut Design) {
    let mut any = false;
    for ti in 0..d.schema.tables.len() {
        let t = &mut d.schema.tables[ti];
        if !t.traits.timestamps || t.traits.junction {
            continue;
        }
        any = true;
        let mut created = timestamp_column("created_at", ColumnRole::CreatedAt);
        created.default = Some(DefaultExpr::Now);
        t.columns.push(created);
        if t.traits.append_only {
            continue;
        }
        let mut updated = timestamp_column("updated_at", ColumnRole::UpdatedAt);
        updated.default = Some(DefaultExpr::Now);
        t.columns.push(updated);
        ensure_touch(d, ti, true, false);
    }
    if any {
        d.schema.decide("schema", "timestamps", "Tables carry created_at and updated_at (timestamptz NOT NULL DEFAULT now()); a BEFORE UPDATE trigger sets updated_at so no code path can forget.");
    }
}
