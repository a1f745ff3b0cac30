use super::{check, pg};

#[test]
fn compat_rename_column() {
    check(
        "compat-rename-column",
        &pg(16),
        &["ALTER TABLE users RENAME COLUMN name TO full_name;"],
        &["CREATE TABLE users (name text);\nALTER TABLE users RENAME COLUMN name TO full_name;"],
    );
}

#[test]
fn compat_rename_table() {
    check(
        "compat-rename-table",
        &pg(16),
        &[
            "ALTER TABLE users RENAME TO accounts;",
            "ALTER VIEW active_users RENAME TO current_users;",
        ],
        &[
            "CREATE TABLE users (id bigint);\nALTER TABLE users RENAME TO accounts;",
            "ALTER INDEX users_email_idx RENAME TO users_email_key;",
        ],
    );
}

#[test]
fn compat_drop_default() {
    check(
        "compat-drop-default",
        &pg(16),
        &["ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;"],
        &["ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';"],
    );
}

#[test]
fn compat_drop_not_null() {
    check(
        "compat-drop-not-null",
        &pg(16),
        &["ALTER TABLE users ALTER COLUMN email DROP NOT NULL;"],
        &["CREATE TABLE users (email text NOT NULL);\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;"],
    );
}

#[test]
fn compat_drop_object() {
    check(
        "compat-drop-object",
        &pg(16),
        &[
            "DROP VIEW active_users;",
            "DROP FUNCTION touch(int);",
            "DROP TYPE order_status;",
        ],
        &["DROP TRIGGER t ON orders;", "DROP EXTENSION pg_trgm;"],
    );
}
