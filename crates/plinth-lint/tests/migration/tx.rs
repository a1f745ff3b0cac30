use super::{check, pg};

#[test]
fn tx_nested_begin() {
    check(
        "tx-nested-begin",
        &pg(16),
        &[
            "BEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
            "-- plinth:no-transaction\nBEGIN;\nBEGIN;\nCOMMIT;",
        ],
        &["-- plinth:no-transaction\nBEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;"],
    );
}

#[test]
fn tx_unclosed() {
    check(
        "tx-unclosed",
        &pg(16),
        &[
            "-- plinth:no-transaction\nBEGIN;\nALTER TABLE orders ADD COLUMN note text;",
            "-- plinth:no-transaction\nSELECT 1;\nBEGIN;",
        ],
        &[
            "-- plinth:no-transaction\nBEGIN;\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
            "ALTER TABLE orders ADD COLUMN note text;",
        ],
    );
}

#[test]
fn tx_commit_without_begin() {
    check(
        "tx-commit-without-begin",
        &pg(16),
        &[
            "ALTER TABLE orders ADD COLUMN note text;\nCOMMIT;",
            "-- plinth:no-transaction\nROLLBACK;",
        ],
        &["-- plinth:no-transaction\nBEGIN;\nCOMMIT;"],
    );
}

#[test]
fn tx_backfill_with_ddl() {
    check(
        "tx-backfill-with-ddl",
        &pg(16),
        &[
            "ALTER TABLE users ADD COLUMN locale text;\nUPDATE users SET locale = 'en' WHERE locale IS NULL;",
            "CREATE INDEX users_locale_idx ON users (locale);\nDELETE FROM users WHERE locale = 'xx';",
        ],
        &[
            "-- plinth:no-transaction\nALTER TABLE users ADD COLUMN locale text;\nUPDATE users SET locale = 'en' WHERE id < 100;",
            "ALTER TABLE users ADD COLUMN locale text;\nUPDATE accounts SET x = 1 WHERE id = 1;",
            "-- plinth:no-transaction\nBEGIN;\nALTER TABLE users ADD COLUMN locale text;\nCOMMIT;\nBEGIN;\nUPDATE users SET locale = 'en' WHERE id < 100;\nCOMMIT;",
        ],
    );
}
