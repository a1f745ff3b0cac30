//! Audit: `created_by` / `updated_by` on audited tables, and an `audit_log`
//! filled by an AFTER trigger with the row before and after as jsonb, so
//! no code path can skip the trail. The log is append-only and, with
//! tenancy, tenant-scoped (rows of global tables carry a NULL tenant).

use crate::context::Design;
use crate::lower::key_kind;
use crate::passes::timestamps::{ensure_touch, timestamp_column};
use crate::passes::types::physical_type;
use plinth_model::{
    CheckConstraint, CheckExpr, Column, ColumnRole, DefaultExpr, Identity, Index, IndexPurpose, LogicalType,
    PhysicalType, PrimaryKey, Routine, RoutineKind, Table, Trigger, TriggerEvent, TriggerTiming,
};

pub const ROUTINE: &str = "plinth_audit";

pub fn run(d: &mut Design) {
    if !d.schema.tables.iter().any(|t| t.traits.audited) {
        return;
    }
    let log = audit_table_name(d);
    let kind = key_kind(&d.settings);
    let key_type = physical_type(d, &LogicalType::Key(kind));
    for ti in 0..d.schema.tables.len() {
        let t = &d.schema.tables[ti];
        if !t.traits.audited {
            continue;
        }
        let table = t.name.clone();
        let junction = t.traits.junction;
        let append_only = t.traits.append_only;
        let pk = t.primary_key.as_ref().map(|p| p.columns.clone()).unwrap_or_default();
        let tenant = t.tenant_column.clone().or_else(|| {
            // The tenant root's own rows belong to the tenant they define.
            t.traits.tenant_root.then(|| "id".to_string())
        });
        if !junction {
            let actor_col = |name: &str, role| {
                let mut c = Column::new(name, LogicalType::Key(kind), key_type.clone());
                c.role = role;
                c.nullable = true;
                c.default = Some(DefaultExpr::CurrentActor);
                c
            };
            let t = &mut d.schema.tables[ti];
            t.columns.push(actor_col("created_by", ColumnRole::CreatedBy));
            if !append_only {
                t.columns.push(actor_col("updated_by", ColumnRole::UpdatedBy));
                ensure_touch(d, ti, false, true);
            }
        }
        let mut args = vec![tenant.unwrap_or_default()];
        args.extend(pk);
        let trigger = d.ident(&format!("{table}_audit"));
        d.schema.tables[ti].triggers.push(Trigger {
            name: trigger,
            timing: TriggerTiming::After,
            events: vec![TriggerEvent::Insert, TriggerEvent::Update, TriggerEvent::Delete],
            routine: ROUTINE.into(),
            args,
        });
    }
    let tenant_column = d.tenant_column.clone();
    d.schema
        .tables
        .push(audit_table(d, &log, tenant_column.clone(), key_type));
    d.schema.add_routine(Routine {
        name: ROUTINE.into(),
        kind: RoutineKind::AuditRow {
            audit_table: log.clone(),
            tenant_column,
        },
    });
    d.schema.decide(
        log,
        "audit-log",
        "An AFTER INSERT/UPDATE/DELETE trigger on every audited table writes the action, actor (session setting app.actor_id), row key and the row before and after as jsonb; created_by/updated_by default to the same actor. The log is append-only.",
    );
}

fn audit_table_name(d: &Design) -> String {
    let wanted = "audit_log";
    if d.schema.table(wanted).is_some() {
        "plinth_audit_log".into()
    } else {
        wanted.into()
    }
}

fn audit_table(d: &Design, name: &str, tenant: Option<String>, key_type: PhysicalType) -> Table {
    let mut t = Table::new(name);
    t.comment = Some("Who changed what and when: one row per insert, update or delete of an audited table.".into());
    t.traits.append_only = true;
    t.traits.global = tenant.is_none();
    let mut id = Column::new("id", LogicalType::BigInt, PhysicalType::BigInt);
    id.identity = Some(Identity::Always);
    id.role = ColumnRole::PrimaryKey;
    t.columns.push(id);
    if let Some(tc) = &tenant {
        let mut c = Column::new(tc.clone(), LogicalType::Key(key_kind(&d.settings)), key_type);
        c.nullable = true;
        c.role = ColumnRole::Tenant;
        c.comment = Some("NULL for changes to global tables.".into());
        t.columns.push(c);
        t.tenant_column = Some(tc.clone());
    }
    let mut at = timestamp_column("at", ColumnRole::CreatedAt);
    at.default = Some(DefaultExpr::Now);
    t.columns.push(at);
    let mut actor = Column::new("actor", LogicalType::Text, PhysicalType::Text);
    actor.nullable = true;
    actor.default = Some(DefaultExpr::CurrentActor);
    t.columns.push(actor);
    t.columns
        .push(Column::new("action", LogicalType::Text, PhysicalType::Text));
    t.columns
        .push(Column::new("table_name", LogicalType::Text, PhysicalType::Text));
    for (col, nullable) in [("row_key", false), ("before", true), ("after", true)] {
        let mut c = Column::new(col, LogicalType::Json, PhysicalType::Jsonb);
        c.nullable = nullable;
        t.columns.push(c);
    }
    t.primary_key = Some(PrimaryKey {
        name: d.object_name(name, &[], "pkey"),
        columns: vec!["id".into()],
    });
    t.checks.push(CheckConstraint {
        name: d.object_name(name, &["action"], "check"),
        expr: CheckExpr::InList {
            column: "action".into(),
            values: vec!["insert".into(), "update".into(), "delete".into()],
        },
        origin: None,
    });
    let mut cols: Vec<&str> = Vec::new();
    if let Some(tc) = &tenant {
        cols.push(tc);
    }
    cols.extend(["table_name", "row_key"]);
    let idx = Index::btree(d.object_name(name, &cols, "idx"), &cols, IndexPurpose::Declared);
    t.indexes.push(idx);
    t
}
