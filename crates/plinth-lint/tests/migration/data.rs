use super::{check, pg};

#[test]
fn data_drop_column() {
    check(
        "data-drop-column",
        &pg(16),
        &["ALTER TABLE users DROP COLUMN legacy_password;"],
        &["CREATE TABLE users (a int, b int);\nALTER TABLE users DROP COLUMN b;"],
    );
}

#[test]
fn data_drop_table() {
    check(
        "data-drop-table",
        &pg(16),
        &["DROP TABLE legacy_sessions;", "DROP TABLE IF EXISTS a, b CASCADE;"],
        &["CREATE TABLE scratch (id int);\nDROP TABLE scratch;"],
    );
}

#[test]
fn data_truncate() {
    check(
        "data-truncate",
        &pg(16),
        &["TRUNCATE sessions;"],
        &["CREATE TABLE s (id int);\nTRUNCATE s;"],
    );
}

#[test]
fn data_dml_without_where() {
    check(
        "data-dml-without-where",
        &pg(16),
        &["UPDATE users SET email_verified = false;", "DELETE FROM sessions;"],
        &[
            "UPDATE users SET email_verified = false WHERE id < 1000;",
            "INSERT INTO users (id) VALUES (1);",
            "CREATE TABLE t (a int);\nUPDATE t SET a = 1;",
        ],
    );
}
