//! Row-level security: every tenant-scoped table (and the tenant root) has
//! RLS enabled *and forced* (so the table owner is filtered too) with one
//! policy comparing the tenant column to `current_setting('app.tenant_id')`.

use crate::context::Design;
use plinth_model::{Policy, PolicyCommand, PolicyExpr, RowSecurity};

pub const TENANT_SETTING: &str = "app.tenant_id";

pub fn run(d: &mut Design) {
    if d.tenant_column.is_none() {
        return;
    }
    let mut count = 0;
    for t in d.schema.tables.iter_mut() {
        let column = if t.traits.tenant_root {
            "id".to_string()
        } else if let Some(c) = &t.tenant_column {
            c.clone()
        } else {
            continue;
        };
        let Some(ty) = t.column(&column).map(|c| c.physical.clone()) else {
            continue;
        };
        // Audit rows of global tables carry no tenant: writable by anyone,
        // readable by no tenant.
        let shared_rows = t.column(&column).is_some_and(|c| c.nullable);
        let matches = |or_null| PolicyExpr::SessionMatch {
            column: column.clone(),
            setting: TENANT_SETTING.into(),
            ty: ty.clone(),
            or_null,
        };
        t.row_security = Some(RowSecurity {
            enabled: true,
            forced: true,
            policies: vec![Policy {
                name: "tenant_isolation".into(),
                command: PolicyCommand::All,
                using: Some(matches(false)),
                with_check: Some(matches(shared_rows)),
                roles: vec![],
                permissive: true,
            }],
        });
        count += 1;
    }
    d.schema.decide(
        "schema",
        "row-level-security",
        format!("{count} tables have row-level security enabled and forced, with a policy on current_setting('{TENANT_SETTING}', true): a query that forgets its tenant filter sees nothing of other tenants. The application must connect as a role that is neither superuser nor table owner nor BYPASSRLS."),
    );
}
