//! `convention-soft-delete-unique`: a unique key on a soft-deleted table
//! that still counts deleted rows.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{Predicate, Schema, Table};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "convention-soft-delete-unique",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Unique key on a soft-deleted table also counts deleted rows",
        what: "On tables with a soft-delete column (`deleted_at`, `archived_at`, or the design's DeletedAt column), \
               finds unique constraints and unique indexes that are not partial `WHERE deleted_at IS NULL` (keys \
               that contain the primary key, such as the `(tenant_id, id)` target of a composite foreign key, are \
               unique anyway and are left alone).",
        why: "A soft-deleted row keeps its value: after a user deletes the project `billing`, nobody can create a \
              new `billing`, and the error says the name is taken by a row the application pretends does not \
              exist.",
        example: "CREATE TABLE projects (id bigint PRIMARY KEY, name text NOT NULL, deleted_at timestamptz, \
                  UNIQUE (name));",
        fix: "Replace it with a partial unique index: `CREATE UNIQUE INDEX CONCURRENTLY projects_name_key ON \
              projects (name) WHERE deleted_at IS NULL;` then drop the constraint.",
    },
    check,
};

const NAMES: &[&str] = &["deleted_at", "archived_at", "removed_at"];

/// The table's soft-delete column, if it has one.
pub fn soft_delete_column(table: &Table) -> Option<&str> {
    table
        .columns
        .iter()
        .find(|c| c.role == plinth_model::ColumnRole::DeletedAt || (NAMES.contains(&c.name.as_str()) && c.nullable))
        .map(|c| c.name.as_str())
}

fn live_only(predicate: Option<&Predicate>, column: &str) -> bool {
    match predicate {
        Some(Predicate::IsNull(c)) => c == column,
        Some(Predicate::Sql(sql)) => sql.to_ascii_lowercase().contains(&format!("{column} is null")),
        None => false,
    }
}

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    for table in &schema.tables {
        let Some(deleted) = soft_delete_column(table) else {
            continue;
        };
        let mut keys: Vec<(&str, &str, Vec<&str>, Option<plinth_model::SourceRef>)> = table
            .uniques
            .iter()
            .map(|u| {
                (
                    "unique constraint",
                    u.name.as_str(),
                    u.columns.iter().map(String::as_str).collect(),
                    u.origin,
                )
            })
            .collect();
        for i in table
            .indexes
            .iter()
            .filter(|i| i.unique && !live_only(i.predicate.as_ref(), deleted))
        {
            keys.push(("unique index", &i.name, i.leading_columns(), i.origin));
        }
        for (kind, name, cols, origin) in keys {
            // A key that contains the primary key (`(tenant_id, id)`, the target of a
            // composite foreign key) is unique anyway: no value can be reused.
            let pk = table.primary_key.as_ref().map(|p| p.columns.as_slice()).unwrap_or(&[]);
            let holds_pk = !pk.is_empty() && pk.iter().all(|c| cols.contains(&c.as_str()));
            if cols.contains(&deleted) || holds_pk {
                continue;
            }
            out.push(
                Finding::new(
                    &RULE.meta,
                    format!("{}, {kind} {name}", table_subject(table)),
                    format!(
                        "{kind} {name} on {} ({}) also counts rows where {deleted} is set",
                        table.name,
                        cols.join(", ")
                    ),
                )
                .help(format!(
                    "CREATE UNIQUE INDEX ... ON {} ({}) WHERE {deleted} IS NULL; then drop {name}",
                    table.name,
                    cols.join(", ")
                ))
                .at(origin.or(table.origin)),
            );
        }
    }
}
