use super::{check, pg};

#[test]
fn opaque_statement() {
    check(
        "opaque-statement",
        &pg(16),
        &[
            "DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD COLUMN note text'; END $$;",
            "SELECT diesel_manage_updated_at('users');",
        ],
        &[
            "SELECT 1;",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;",
        ],
    );
}

#[test]
fn idempotent_create() {
    check(
        "idempotent-create",
        &pg(16),
        &[
            "-- plinth:no-transaction\nCREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);",
            "-- plinth:no-transaction\nCREATE TABLE t (id bigint);",
            "-- plinth:no-transaction\nALTER TABLE orders ADD COLUMN note text;",
        ],
        &[
            "CREATE TABLE t (id bigint);",
            "-- plinth:no-transaction\nCREATE TABLE IF NOT EXISTS t (id bigint);",
            "-- plinth:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);",
        ],
    );
}

#[test]
fn enum_rename_value() {
    check(
        "enum-rename-value",
        &pg(16),
        &["ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';"],
        &["ALTER TYPE order_status ADD VALUE 'refunded';"],
    );
}

#[test]
fn enum_add_value_in_transaction() {
    check(
        "enum-add-value-in-transaction",
        &pg(11),
        &["ALTER TYPE order_status ADD VALUE 'refunded';"],
        &["-- plinth:no-transaction\nALTER TYPE order_status ADD VALUE 'refunded';"],
    );
    let f = super::lint("ALTER TYPE order_status ADD VALUE 'refunded';", &pg(12));
    assert!(super::of("enum-add-value-in-transaction", &f).is_empty());
}

#[test]
fn partition_attach_without_check() {
    check(
        "partition-attach-without-check",
        &pg(16),
        &["ALTER TABLE events ATTACH PARTITION events_2026_01 FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');"],
        &[
            "CREATE TABLE events_2026_01 (at date);\nALTER TABLE events ATTACH PARTITION events_2026_01 FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');",
            "ALTER TABLE events_2026_01 ADD CONSTRAINT b CHECK (at >= '2026-01-01' AND at < '2026-02-01') NOT VALID;\nCOMMIT;\nALTER TABLE events_2026_01 VALIDATE CONSTRAINT b;\nALTER TABLE events ATTACH PARTITION events_2026_01 FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');",
        ],
    );
}

#[test]
fn partition_detach_not_concurrent() {
    check(
        "partition-detach-not-concurrent",
        &pg(16),
        &["ALTER TABLE events DETACH PARTITION events_2020_01;"],
        &["-- plinth:no-transaction\nALTER TABLE events DETACH PARTITION events_2020_01 CONCURRENTLY;"],
    );
    let f = super::lint("ALTER TABLE events DETACH PARTITION events_2020_01;", &pg(13));
    assert!(super::of("partition-detach-not-concurrent", &f).is_empty());
}

#[test]
fn rls_enabled_without_policy() {
    check(
        "rls-enabled-without-policy",
        &pg(16),
        &["ALTER TABLE documents ENABLE ROW LEVEL SECURITY;"],
        &[
            "ALTER TABLE documents ENABLE ROW LEVEL SECURITY;\nCREATE POLICY p ON documents USING (owner = current_user);",
            "CREATE POLICY p ON documents USING (owner = current_user);\nALTER TABLE documents ENABLE ROW LEVEL SECURITY;",
        ],
    );
}

#[test]
fn syntax_error() {
    check(
        "syntax-error",
        &pg(16),
        &["ALTER TABLE orders ADD COLUMN note txt DEFAULT;\nALTER TABLE orders DROP COLUMN x;"],
        &["ALTER TABLE orders ADD COLUMN note text;"],
    );
}
