//! `tenant-column-missing`: tenant data without the tenant column.

use super::util::{schema_tenant_column, table_named, tenant_column_of};
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::Schema;

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "tenant-column-missing",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Table holds tenant data (references a tenant table) but has no tenant column",
        what: "In a multi-tenant schema (a declared tenant column, or `tenant_id` / `workspace_id` / \
               `organization_id` on at least half the tables), finds tables without the tenant column that \
               reference a table that has one. Global tables and the tenant table itself are left alone.",
        why: "Row-level security and every tenant-scoped index work on the tenant column. A child table without \
              it can only be isolated through a join, which policies, exports and deletes of a tenant forget; \
              cross-tenant references cannot be prevented by a foreign key.",
        example: "CREATE TABLE projects (id uuid PRIMARY KEY, tenant_id uuid NOT NULL);\n\
                  CREATE TABLE tasks (id uuid PRIMARY KEY, project_id uuid REFERENCES projects); -- no tenant_id",
        fix: "Add the tenant column (NOT NULL), lead the table's indexes with it, and include it in the foreign \
              key: `FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)`.",
    },
    check,
};

fn check(schema: &Schema, _: &Settings, out: &mut Vec<Finding>) {
    let Some(tenant) = schema_tenant_column(schema) else {
        return;
    };
    for table in &schema.tables {
        if table.traits.global || table.traits.tenant_root || table.partition_of.is_some() {
            continue;
        }
        if tenant_column_of(table, Some(&tenant)).is_some() {
            continue;
        }
        let scoped_parent = table.foreign_keys.iter().find(|fk| {
            table_named(schema, &fk.ref_table).is_some_and(|p| {
                p.name != table.name && !p.traits.global && tenant_column_of(p, Some(&tenant)).is_some()
            })
        });
        let Some(fk) = scoped_parent else { continue };
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "table {} references tenant-scoped {} but has no {tenant} column",
                    table.name, fk.ref_table
                ),
            )
            .help(format!(
                "add {tenant} NOT NULL and include it in the foreign key to {}",
                fk.ref_table
            ))
            .at(table.origin),
        );
    }
}
