use super::{check, pg};

#[test]
fn rewrite_add_column_volatile_default() {
    check(
        "rewrite-add-column-volatile-default",
        &pg(16),
        &[
            "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
            "ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();",
            "ALTER TABLE orders ADD COLUMN x int DEFAULT my_function();",
        ],
        &[
            "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';",
            "ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();",
            "CREATE TABLE orders (id int);\nALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        ],
    );
    // Before 11 any default rewrites.
    let f = super::lint("ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';", &pg(10));
    assert_eq!(super::of("rewrite-add-column-volatile-default", &f).len(), 1);
}

#[test]
fn rewrite_add_column_identity() {
    check(
        "rewrite-add-column-identity",
        &pg(16),
        &[
            "ALTER TABLE events ADD COLUMN id bigserial PRIMARY KEY;",
            "ALTER TABLE events ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;",
        ],
        &[
            "ALTER TABLE events ADD COLUMN id bigint;",
            "CREATE TABLE events (a int);\nALTER TABLE events ADD COLUMN id bigserial;",
        ],
    );
}

#[test]
fn rewrite_add_column_generated() {
    check(
        "rewrite-add-column-generated",
        &pg(16),
        &["ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;"],
        &["ALTER TABLE orders ADD COLUMN total_cents bigint;"],
    );
}

#[test]
fn rewrite_column_type() {
    check(
        "rewrite-column-type",
        &pg(16),
        &[
            "ALTER TABLE orders ALTER COLUMN id TYPE bigint;",
            "ALTER TABLE t ALTER COLUMN name TYPE varchar(40) USING trim(name);",
        ],
        &[
            "ALTER TABLE orders ALTER COLUMN note TYPE text;",
            "CREATE TABLE t (id int);\nALTER TABLE t ALTER COLUMN id TYPE bigint;",
        ],
    );
}

#[test]
fn binary_coercible_changes_are_judged_on_the_type_declared_in_an_earlier_file() {
    let settings = pg(16);
    let files = |second: &str| {
        vec![
            plinth_postgres::lint_ops::migration_file("CREATE TABLE t (name varchar(20), price numeric(10,2));"),
            plinth_postgres::lint_ops::migration_file(second),
        ]
    };
    let rule = "rewrite-column-type";
    for quiet in [
        "ALTER TABLE t ALTER COLUMN name TYPE varchar(40);",
        "ALTER TABLE t ALTER COLUMN name TYPE text;",
        "ALTER TABLE t ALTER COLUMN price TYPE numeric(14,2);",
    ] {
        let f = super::lint_files(&files(quiet), &settings);
        assert!(super::of(rule, &f).is_empty(), "{quiet}: {f:#?}");
    }
    for fires in [
        "ALTER TABLE t ALTER COLUMN name TYPE varchar(10);",
        "ALTER TABLE t ALTER COLUMN price TYPE numeric(14,3);",
    ] {
        let f = super::lint_files(&files(fires), &settings);
        let mine = super::of(rule, &f);
        assert_eq!(mine.len(), 1, "{fires}");
        assert_eq!(mine[0].file, Some(1));
    }
}

#[test]
fn rewrite_table_command() {
    check(
        "rewrite-table-command",
        &pg(16),
        &[
            "VACUUM FULL orders;",
            "CLUSTER orders USING orders_pkey;",
            "ALTER TABLE orders SET TABLESPACE fast;",
        ],
        &["VACUUM orders;", "VACUUM (ANALYZE) orders;"],
    );
}
