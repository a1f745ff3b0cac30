use super::{check, pg};

#[test]
fn index_not_concurrent() {
    check(
        "index-not-concurrent",
        &pg(16),
        &["CREATE INDEX orders_customer_id_idx ON orders (customer_id);"],
        &[
            "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
            "CREATE TABLE orders (id bigint, customer_id bigint);\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);",
        ],
    );
}

#[test]
fn index_drop_not_concurrent() {
    check(
        "index-drop-not-concurrent",
        &pg(16),
        &[
            "DROP INDEX orders_customer_id_idx;",
            "DROP INDEX IF EXISTS a_idx, b_idx;",
        ],
        &["DROP INDEX CONCURRENTLY orders_customer_id_idx;"],
    );
}

#[test]
fn index_reindex_not_concurrent() {
    check(
        "index-reindex-not-concurrent",
        &pg(16),
        &["REINDEX INDEX orders_customer_id_idx;", "REINDEX TABLE orders;"],
        &["REINDEX INDEX CONCURRENTLY orders_customer_id_idx;"],
    );
    // Before 12 there is no concurrent form to suggest.
    let findings = super::lint("REINDEX TABLE orders;", &pg(11));
    assert!(super::of("index-reindex-not-concurrent", &findings).is_empty());
}

#[test]
fn index_concurrently_in_transaction() {
    check(
        "index-concurrently-in-transaction",
        &pg(16),
        &[
            "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
            "-- plinth:no-transaction\nBEGIN;\nDROP INDEX CONCURRENTLY a_idx;\nCOMMIT;",
            "ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;",
        ],
        &[
            "-- plinth:no-transaction\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);",
            "-- plinth:no-transaction\nBEGIN;\nCOMMIT;\nREINDEX INDEX CONCURRENTLY a_idx;",
        ],
    );
}

#[test]
fn index_pg14_concurrent_bug() {
    let sql = "-- plinth:no-transaction\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);";
    check(
        "index-pg14-concurrent-bug",
        &pg(14),
        &[sql, "-- plinth:no-transaction\nREINDEX INDEX CONCURRENTLY a_idx;"],
        &["-- plinth:no-transaction\nCREATE INDEX orders_customer_id_idx ON orders (customer_id);"],
    );
    let mut fixed = pg(14);
    fixed.minor = Some(4);
    assert!(super::of("index-pg14-concurrent-bug", &super::lint(sql, &fixed)).is_empty());
    let mut buggy = pg(14);
    buggy.minor = Some(2);
    assert_eq!(
        super::of("index-pg14-concurrent-bug", &super::lint(sql, &buggy)).len(),
        1
    );
    assert!(super::of("index-pg14-concurrent-bug", &super::lint(sql, &pg(15))).is_empty());
}
