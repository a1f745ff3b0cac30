//! Probes against hand-written DDL: the correct design passes every probe,
//! and each broken variant fails exactly the probe that should catch it —
//! no more (no collateral failures) and no less (no vacuous passes).

mod common;

use std::collections::BTreeSet;
use std::time::Instant;

use plinth_sandbox::{
    run_probes, ProbeReport, Sandbox, APPEND_ONLY, AUDIT, OPTIMISTIC_LOCK, SOFT_DELETE_UNIQUE, TENANT_ISOLATION,
    UPDATED_AT,
};

fn probe(ddl: &[String]) -> ProbeReport {
    let sandbox = Sandbox::shared().unwrap_or_else(|e| panic!("{e}"));
    let db = sandbox.fresh_database().unwrap();
    common::apply_ddl(&db, ddl);
    let started = Instant::now();
    let report = run_probes(&db, &common::schema());
    eprintln!("probes took {:?}\n{report}", started.elapsed());
    report
}

fn failing(report: &ProbeReport) -> BTreeSet<(String, String)> {
    report
        .failures()
        .iter()
        .map(|r| (r.probe.to_string(), r.table.clone()))
        .collect()
}

fn expect_only(report: &ProbeReport, probe: &str, table: &str) {
    let expected: BTreeSet<(String, String)> = [(probe.to_string(), table.to_string())].into();
    assert_eq!(failing(report), expected, "\n{report}");
}

#[test]
fn correct_design_passes_every_probe() {
    let report = probe(&common::ddl());
    assert!(report.passed(), "\n{report}");
    let ran: BTreeSet<(&str, &str)> = report.results.iter().map(|r| (r.probe, r.table.as_str())).collect();
    let expected: BTreeSet<(&str, &str)> = [
        (UPDATED_AT, "workspaces"),
        (UPDATED_AT, "users"),
        (UPDATED_AT, "projects"),
        (UPDATED_AT, "tasks"),
        (SOFT_DELETE_UNIQUE, "users"),
        (SOFT_DELETE_UNIQUE, "projects"),
        (TENANT_ISOLATION, "workspaces"),
        (TENANT_ISOLATION, "projects"),
        (TENANT_ISOLATION, "tasks"),
        (TENANT_ISOLATION, "events"),
        (AUDIT, "users"),
        (AUDIT, "projects"),
        (AUDIT, "tasks"),
        (OPTIMISTIC_LOCK, "tasks"),
        (APPEND_ONLY, "events"),
    ]
    .into();
    assert_eq!(ran, expected, "\n{report}");
    let tasks = report.get(TENANT_ISOLATION, "tasks").unwrap();
    assert!(tasks.detail.contains("0 foreign"), "{}", tasks.detail);
}

#[test]
fn rls_enabled_but_not_forced_fails_tenant_isolation() {
    let report = probe(&common::ddl_without("ALTER TABLE tasks FORCE ROW LEVEL SECURITY;"));
    expect_only(&report, TENANT_ISOLATION, "tasks");
    let detail = &report.get(TENANT_ISOLATION, "tasks").unwrap().detail;
    assert!(detail.contains("relforcerowsecurity=false"), "{detail}");
}

#[test]
fn rls_off_leaks_rows_and_fails_tenant_isolation() {
    let ddl: Vec<String> = common::ddl()
        .into_iter()
        .filter(|s| !s.starts_with("ALTER TABLE projects") && !s.starts_with("CREATE POLICY projects_tenant"))
        .collect();
    let report = probe(&ddl);
    expect_only(&report, TENANT_ISOLATION, "projects");
    let detail = &report.get(TENANT_ISOLATION, "projects").unwrap().detail;
    assert!(detail.contains("relrowsecurity=false"), "{detail}");
    assert!(detail.contains("row(s) of other tenants"), "{detail}");
    assert!(detail.contains("INSERT of a row for tenant B succeeded"), "{detail}");
    assert!(
        detail.contains("UPDATE of tenant B's row under tenant A affected 1"),
        "{detail}"
    );
    assert!(
        detail.contains("DELETE of tenant B's row under tenant A affected 1"),
        "{detail}"
    );
}

#[test]
fn policy_of_false_is_not_isolation() {
    let using = "USING (workspace_id = nullif(current_setting('app.tenant_id', true), '')::uuid) \
                 WITH CHECK (workspace_id = nullif(current_setting('app.tenant_id', true), '')::uuid);";
    let ddl: Vec<String> = common::ddl()
        .into_iter()
        .map(|s| {
            if s.starts_with("CREATE POLICY projects_tenant") {
                s.replace(using, "USING (false);")
            } else {
                s
            }
        })
        .collect();
    let report = probe(&ddl);
    expect_only(&report, TENANT_ISOLATION, "projects");
    let detail = &report.get(TENANT_ISOLATION, "projects").unwrap().detail;
    assert!(detail.contains("sees none of A's rows"), "{detail}");
}

#[test]
fn missing_touch_trigger_fails_updated_at() {
    let report = probe(&common::ddl_without(
        "CREATE TRIGGER projects_touch BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION touch();",
    ));
    expect_only(&report, UPDATED_AT, "projects");
}

#[test]
fn unique_index_not_partial_fails_soft_delete() {
    let report = probe(&common::ddl_replacing(
        "ON projects (workspace_id, slug) WHERE deleted_at IS NULL",
        "ON projects (workspace_id, slug)",
    ));
    expect_only(&report, SOFT_DELETE_UNIQUE, "projects");
    let detail = &report.get(SOFT_DELETE_UNIQUE, "projects").unwrap().detail;
    assert!(detail.contains("must be partial"), "{detail}");
}

#[test]
fn missing_unique_index_fails_soft_delete() {
    let report = probe(&common::ddl_without(
        "CREATE UNIQUE INDEX users_email_key ON users (email) WHERE deleted_at IS NULL;",
    ));
    expect_only(&report, SOFT_DELETE_UNIQUE, "users");
    assert!(report
        .get(SOFT_DELETE_UNIQUE, "users")
        .unwrap()
        .detail
        .contains("was accepted"));
}

#[test]
fn missing_version_trigger_fails_optimistic_lock() {
    let report = probe(&common::ddl_without(
        "CREATE TRIGGER tasks_bump_version BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION bump_version();",
    ));
    expect_only(&report, OPTIMISTIC_LOCK, "tasks");
}

#[test]
fn missing_reject_trigger_fails_append_only() {
    let report = probe(&common::ddl_without(
        "CREATE TRIGGER events_reject_change BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION reject_change();",
    ));
    expect_only(&report, APPEND_ONLY, "events");
}

#[test]
fn missing_audit_trigger_fails_audit() {
    let report = probe(&common::ddl_without(
        "CREATE TRIGGER tasks_audit AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION audit_row('workspace_id', 'id');",
    ));
    expect_only(&report, AUDIT, "tasks");
}

#[test]
fn audit_with_uppercase_actions_fails_audit() {
    let ddl: Vec<String> = common::ddl()
        .into_iter()
        .map(|s| {
            s.replace("lower(TG_OP)", "TG_OP")
                .replace("CHECK (action IN ('insert', 'update', 'delete'))", "CHECK (true)")
        })
        .collect();
    let report = probe(&ddl);
    let failed: BTreeSet<(String, String)> = ["users", "projects", "tasks"]
        .iter()
        .map(|t| (AUDIT.to_string(), t.to_string()))
        .collect();
    assert_eq!(failing(&report), failed, "\n{report}");
}

#[test]
fn missing_tables_fail_loudly_not_vacuously() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    let report = run_probes(&db, &common::schema());
    assert_eq!(report.results.len(), 15, "\n{report}");
    assert!(report.results.iter().all(|r| !r.passed), "\n{report}");
    assert!(
        report.results.iter().all(|r| r.detail.contains("does not exist")),
        "\n{report}"
    );
}
