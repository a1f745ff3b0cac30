//! Fresh databases: uniquely named, isolated from each other, dropped on
//! drop (even with connections still open), and reachable through an
//! external-server URL as `--database-url` would give it.

use plinth_sandbox::{Sandbox, APP_ROLE};

fn exists(sandbox: &Sandbox, name: &str) -> bool {
    let n: i64 = sandbox
        .admin_client()
        .unwrap()
        .query_one("SELECT count(*) FROM pg_database WHERE datname = $1", &[&name])
        .unwrap()
        .get(0);
    n == 1
}

#[test]
fn fresh_databases_are_isolated_and_dropped() {
    let sandbox = Sandbox::shared().unwrap_or_else(|e| panic!("{e}"));
    let a = sandbox.fresh_database().unwrap();
    let b = sandbox.fresh_database().unwrap();
    assert_ne!(a.name(), b.name());
    assert!(
        a.name().starts_with("plinth_") && a.name().len() == "plinth_".len() + 16,
        "{}",
        a.name()
    );

    a.client()
        .unwrap()
        .batch_execute("CREATE TABLE only_in_a (x int)")
        .unwrap();
    let n: i64 = b
        .client()
        .unwrap()
        .query_one("SELECT count(*) FROM pg_class WHERE relname = 'only_in_a'", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);

    let name = a.name().to_string();
    // A connection left open must not keep the database alive (WITH FORCE).
    let mut leftover = a.client().unwrap();
    leftover.batch_execute("SELECT 1").unwrap();
    assert!(exists(&sandbox, &name));
    drop(a);
    assert!(!exists(&sandbox, &name), "{name} survived drop");
    assert!(leftover.batch_execute("SELECT 1").is_err());
    assert!(exists(&sandbox, b.name()));
}

#[test]
fn connect_as_switches_role() {
    let sandbox = Sandbox::shared().unwrap();
    let db = sandbox.fresh_database().unwrap();
    // A per-database role name: roles are cluster-wide and tests run in parallel.
    let role = format!("reader_{}", &db.name()[7..]);
    db.client()
        .unwrap()
        .batch_execute(&format!("CREATE ROLE {role} NOLOGIN"))
        .unwrap();
    let mut c = db.connect_as(&role).unwrap();
    let who: String = c.query_one("SELECT current_user::text", &[]).unwrap().get(0);
    assert_eq!(who, role);
    assert!(
        c.batch_execute("CREATE TABLE t (x int)").is_err(),
        "a plain role cannot create in public on PG ≥ 15"
    );
    drop(c);
    db.client()
        .unwrap()
        .batch_execute(&format!("DROP ROLE {role}"))
        .unwrap();
    assert_ne!(role, APP_ROLE);
}

#[test]
fn external_server_by_url() {
    let owner = Sandbox::shared().unwrap();
    let cluster = owner.cluster().unwrap();
    for url in [
        cluster.url("postgres"),
        format!(
            "postgresql://plinth@{}:{}/postgres",
            cluster.socket_dir().display().to_string().replace('/', "%2F"),
            cluster.port()
        ),
    ] {
        let external = Sandbox::connect(Some(&url)).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(external.cluster().is_none());
        assert!(
            external.describe().starts_with("external server"),
            "{}",
            external.describe()
        );
        assert_eq!(external.server_version().unwrap(), cluster.major_version());
        let db = external.fresh_database().unwrap();
        let name = db.name().to_string();
        let current: String = db
            .client()
            .unwrap()
            .query_one("SELECT current_database()::text", &[])
            .unwrap()
            .get(0);
        assert_eq!(current, name);
        drop(db);
        assert!(!exists(&owner, &name));
    }
}

#[test]
fn unreachable_external_server_is_a_clear_error() {
    let err = Sandbox::external("host=/nonexistent-plinth-dir port=1 user=x dbname=y connect_timeout=2").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("cannot connect"), "{text}");
    let err = Sandbox::external("postgresql://u:hunter2@[::1]:1/db?connect_timeout=2").unwrap_err();
    assert!(!err.to_string().contains("hunter2"), "password leaked: {err}");
}
