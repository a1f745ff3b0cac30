//! Soft delete: a nullable `deleted_at`. The uniques pass turns unique
//! constraints of these tables into partial unique indexes over live rows,
//! so a deleted row frees its unique values.

use crate::context::Design;
use crate::passes::timestamps::timestamp_column;
use plinth_model::ColumnRole;

pub const COLUMN: &str = "deleted_at";

pub fn run(d: &mut Design) {
    let mut tables = Vec::new();
    for t in d.schema.tables.iter_mut() {
        if !t.traits.soft_delete || t.traits.junction || t.traits.append_only {
            t.traits.soft_delete = false;
            continue;
        }
        let mut c = timestamp_column(COLUMN, ColumnRole::DeletedAt);
        c.nullable = true;
        c.comment = Some("Set when the row is deleted; NULL for live rows.".into());
        t.columns.push(c);
        tables.push(t.name.clone());
    }
    if !tables.is_empty() {
        d.schema.decide("schema", "soft-delete", "Rows are soft-deleted with deleted_at: history stays recoverable, unique values are enforced among live rows only (partial unique indexes WHERE deleted_at IS NULL), and foreign key indexes stay full because deleted rows still reference their parents.");
    }
}
