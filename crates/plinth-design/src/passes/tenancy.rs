//! Tenancy: every tenant-scoped table gets a NOT NULL tenant column right
//! after its key, referencing the tenant root. Relations, uniques and
//! indexes put it first later; RLS uses it.

use crate::context::Design;
use crate::lower::key_kind;
use crate::passes::types::physical_type;
use plinth_model::{Column, ColumnRole, FkAction, ForeignKey, LogicalType};

pub fn run(d: &mut Design) {
    let (Some(root), Some(column)) = (d.tenant_table.clone(), d.tenant_column.clone()) else {
        return;
    };
    let kind = key_kind(&d.settings);
    let physical = physical_type(d, &LogicalType::Key(kind));
    let mut scoped = Vec::new();
    for ti in 0..d.schema.tables.len() {
        let t = &d.schema.tables[ti];
        if t.traits.global || t.entity.is_none() {
            continue;
        }
        let table = t.name.clone();
        let mut c = Column::new(column.clone(), LogicalType::Key(kind), physical.clone());
        c.role = ColumnRole::Tenant;
        let fk = ForeignKey::new(
            d.object_name(&table, &[&column], "fkey"),
            vec![column.clone()],
            root.clone(),
            vec!["id".into()],
            FkAction::Cascade,
        );
        let t = &mut d.schema.tables[ti];
        let at = usize::from(t.has_column("id"));
        t.columns.insert(at, c);
        t.tenant_column = Some(column.clone());
        t.foreign_keys.push(fk);
        scoped.push(table);
    }
    d.schema.decide(
        "schema",
        "tenant-column",
        format!("Every table not marked @global carries `{column}` (NOT NULL, ON DELETE CASCADE to `{root}`): it leads every unique and index, is part of every foreign key between tenant tables, and row-level security filters on it."),
    );
    for table in scoped {
        d.schema
            .decide(table, "tenant-scoped", format!("Tenant-scoped by `{column}`."));
    }
}
