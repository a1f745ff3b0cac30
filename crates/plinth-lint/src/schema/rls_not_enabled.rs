//! `rls-not-enabled`: a tenant table without row-level security.

use super::util::{schema_tenant_column, tenant_column_of};
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "rls-not-enabled",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Table with a tenant column does not enable row-level security",
        what: "On PostgreSQL, finds tables with a tenant column (declared, or the schema's conventional tenant \
               column) where ROW LEVEL SECURITY is not enabled. Tables a spec marks @global (a membership that links users \
               to tenants) are left alone.",
        why: "Without RLS, tenant isolation depends on every query remembering `WHERE tenant_id = $1`. One \
              forgotten filter in a report, an admin screen or an ad-hoc export leaks every tenant's rows.",
        example: "CREATE TABLE invoices (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, total numeric(12,2));",
        fix: "ALTER TABLE invoices ENABLE ROW LEVEL SECURITY; ALTER TABLE invoices FORCE ROW LEVEL SECURITY; \
              CREATE POLICY tenant_isolation ON invoices USING (tenant_id = \
              current_setting('app.tenant_id', true)::uuid);",
    },
    check,
};

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    if settings.target.dialect != DialectKind::Postgres {
        return;
    }
    let tenant = schema_tenant_column(schema);
    for table in &schema.tables {
        if table.traits.global {
            continue;
        }
        let Some(column) = tenant_column_of(table, tenant.as_deref()) else {
            continue;
        };
        if table.row_security.as_ref().is_some_and(|r| r.enabled) || table.partition_of.is_some() {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "table {} has tenant column {column} but row-level security is not enabled",
                    table.name
                ),
            )
            .help(format!(
                "ALTER TABLE {0} ENABLE ROW LEVEL SECURITY; ALTER TABLE {0} FORCE ROW LEVEL SECURITY; and a policy \
                 on {column}",
                table.name
            ))
            .at(table.origin),
        );
    }
}
