//! `rls-not-forced`: RLS enabled but not forced on a tenant table.

use super::util::{schema_tenant_column, tenant_column_of};
use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "rls-not-forced",
        kind: RuleKind::Schema,
        severity: Severity::Warning,
        summary: "Row-level security is enabled but not forced on a tenant table",
        what: "On PostgreSQL, finds tables with a tenant column where ROW LEVEL SECURITY is enabled but not \
               FORCEd.",
        why: "RLS does not apply to the table's owner unless forced. Applications very often connect as the role \
              that ran the migrations, i.e. the owner: for them every policy is silently skipped.",
        example: "ALTER TABLE invoices ENABLE ROW LEVEL SECURITY; -- but not FORCE",
        fix: "ALTER TABLE invoices FORCE ROW LEVEL SECURITY; (and connect the application as a role that does not \
              own the tables).",
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
        if tenant_column_of(table, tenant.as_deref()).is_none() {
            continue;
        }
        let Some(rls) = &table.row_security else { continue };
        if !rls.enabled || rls.forced {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "row-level security on {} is enabled but not forced: the owner bypasses it",
                    table.name
                ),
            )
            .help(format!("ALTER TABLE {} FORCE ROW LEVEL SECURITY;", table.name))
            .at(table.origin),
        );
    }
}
