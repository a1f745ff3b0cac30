//! `rls-no-policies`: RLS enabled with no policy.

use super::{table_subject, SchemaRule};
use crate::{Finding, RuleKind, RuleMeta, Settings, Severity};
use plinth_model::{DialectKind, Schema};

pub static RULE: SchemaRule = SchemaRule {
    meta: RuleMeta {
        id: "rls-no-policies",
        kind: RuleKind::Schema,
        severity: Severity::Error,
        summary: "Row-level security is enabled but the table has no policy",
        what: "On PostgreSQL, finds tables where ROW LEVEL SECURITY is enabled and no policy exists.",
        why: "With RLS on and no policy, the default is deny: every role except the owner (and superusers) sees \
              zero rows and cannot insert. It looks like data loss in production and works in development, \
              where the developer owns the tables.",
        example: "ALTER TABLE invoices ENABLE ROW LEVEL SECURITY; -- and no CREATE POLICY",
        fix: "CREATE POLICY tenant_isolation ON invoices USING (tenant_id = current_setting('app.tenant_id', \
              true)::uuid) WITH CHECK (tenant_id = current_setting('app.tenant_id', true)::uuid);",
    },
    check,
};

fn check(schema: &Schema, settings: &Settings, out: &mut Vec<Finding>) {
    if settings.target.dialect != DialectKind::Postgres {
        return;
    }
    for table in &schema.tables {
        let Some(rls) = &table.row_security else { continue };
        if !rls.enabled || !rls.policies.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                &RULE.meta,
                table_subject(table),
                format!(
                    "row-level security is enabled on {} but no policy exists: every row is hidden",
                    table.name
                ),
            )
            .help(format!(
                "CREATE POLICY ... ON {} USING (...) WITH CHECK (...);",
                table.name
            ))
            .at(table.origin),
        );
    }
}
