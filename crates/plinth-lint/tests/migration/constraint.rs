use super::{check, pg};

#[test]
fn constraint_not_valid_missing() {
    check(
        "constraint-not-valid-missing",
        &pg(16),
        &[
            "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
            "ALTER TABLE orders ADD CHECK (total >= 0), ADD COLUMN note text;",
        ],
        &[
            "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;",
            "CREATE TABLE orders (total int);\nALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
            "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey_idx;",
        ],
    );
}

#[test]
fn constraint_validate_same_transaction() {
    check(
        "constraint-validate-same-transaction",
        &pg(16),
        &["ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT c;"],
        &[
            "-- plinth:no-transaction\nBEGIN;\nALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE orders VALIDATE CONSTRAINT c;\nCOMMIT;",
            "ALTER TABLE orders VALIDATE CONSTRAINT c;",
        ],
    );
}

#[test]
fn constraint_unique_without_index() {
    check(
        "constraint-unique-without-index",
        &pg(16),
        &[
            "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
            "ALTER TABLE users ADD PRIMARY KEY (id);",
        ],
        &[
            "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
            "CREATE TABLE users (email text);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);",
        ],
    );
}
