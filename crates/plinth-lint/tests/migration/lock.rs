use super::{check, pg};

#[test]
fn lock_timeout_missing() {
    check(
        "lock-timeout-missing",
        &pg(16),
        &[
            "ALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN other text;",
            "CREATE TABLE t (id bigint);\nCREATE INDEX orders_total_idx ON orders (total);",
        ],
        &[
            "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;",
            "SET LOCAL lock_timeout = '2s';\nCREATE INDEX orders_total_idx ON orders (total);",
            "CREATE TABLE t (id bigint);\nALTER TABLE t ADD COLUMN note text;",
            // SHARE UPDATE EXCLUSIVE does not block writes.
            "-- plinth:no-transaction\nCREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);",
        ],
    );
    // Reported once per file.
    let f = super::lint(
        "ALTER TABLE a ADD COLUMN x text;\nALTER TABLE b ADD COLUMN y text;",
        &pg(16),
    );
    assert_eq!(super::of("lock-timeout-missing", &f).len(), 1);
    // `SET lock_timeout = 0` turns it off again.
    let f = super::lint("SET lock_timeout = 0;\nALTER TABLE a ADD COLUMN x text;", &pg(16));
    assert_eq!(super::of("lock-timeout-missing", &f).len(), 1);
}

#[test]
fn lock_statement_timeout_missing() {
    check(
        "lock-statement-timeout-missing",
        &pg(16),
        &["ALTER TABLE orders ALTER COLUMN id TYPE bigint;"],
        &[
            "SET statement_timeout = '5min';\nALTER TABLE orders ALTER COLUMN id TYPE bigint;",
            "ALTER TABLE orders ADD COLUMN note text;",
        ],
    );
}

#[test]
fn lock_set_not_null() {
    check(
        "lock-set-not-null",
        &pg(16),
        &[
            "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (customer_id IS NOT NULL) NOT VALID;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
        ],
        &[
            "CREATE TABLE orders (customer_id bigint);\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
            "ALTER TABLE orders ADD CONSTRAINT c CHECK (customer_id IS NOT NULL) NOT VALID;\nCOMMIT;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
        ],
    );
    // A valid CHECK only skips the scan from 12.
    let sql = "ALTER TABLE orders ADD CONSTRAINT c CHECK (customer_id IS NOT NULL);\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;";
    assert!(super::of("lock-set-not-null", &super::lint(sql, &pg(12))).is_empty());
    assert_eq!(super::of("lock-set-not-null", &super::lint(sql, &pg(11))).len(), 1);
}

#[test]
fn lock_create_trigger() {
    check(
        "lock-create-trigger",
        &pg(16),
        &["CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();"],
        &["CREATE TABLE orders (id bigint);\nCREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();"],
    );
}

#[test]
fn large_tables_raise_scan_and_rewrite_rules_to_errors() {
    let mut s = pg(16);
    s.large_tables.push("orders".into());
    let f = super::lint("ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;", &s);
    assert_eq!(
        super::of("lock-set-not-null", &f)[0].severity,
        plinth_lint::Severity::Error
    );
    let f = super::lint("ALTER TABLE other ALTER COLUMN customer_id SET NOT NULL;", &s);
    assert_eq!(
        super::of("lock-set-not-null", &f)[0].severity,
        plinth_lint::Severity::Warning
    );
}
