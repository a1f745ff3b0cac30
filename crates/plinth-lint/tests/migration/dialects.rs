//! MySQL / MariaDB and SQLite rules on hand-built ops (their front ends are
//! in plinth-mysql and plinth-sqlite).

use super::{lint_files, of, render};
use plinth_lint::migration::*;
use plinth_lint::Settings;
use plinth_model::{DialectKind, SourceRef, Target};

fn settings(dialect: DialectKind) -> Settings {
    Settings::new(Target { dialect, version: 8 })
}

fn statement(sql: &str, op: Op) -> Statement {
    Statement {
        span: SourceRef {
            start: 0,
            end: sql.len(),
        },
        sql: sql.into(),
        op,
        ignores: Vec::new(),
    }
}

fn alter(table: &str, actions: Vec<AlterAction>) -> Op {
    Op::AlterTable {
        table: Name::new(table),
        if_exists: false,
        actions,
    }
}

fn option(name: &str, value: &str) -> AlterAction {
    AlterAction::MySqlOption {
        name: name.into(),
        value: value.into(),
    }
}

fn column(name: &str, type_name: &str) -> ColumnDef {
    ColumnDef {
        name: name.into(),
        type_name: type_name.into(),
        not_null: false,
        default: None,
        identity: false,
        generated_stored: false,
        primary_key: false,
        unique: false,
        references: None,
    }
}

fn add(c: ColumnDef) -> AlterAction {
    AlterAction::AddColumn {
        column: c,
        if_not_exists: false,
    }
}

/// Lints one statement per case; returns the rendered findings of `rule`
/// for the firing cases and asserts the quiet ones.
fn check(rule: &str, dialect: DialectKind, fires: Vec<(&str, Op)>, quiet: Vec<(&str, Op)>) -> String {
    let s = settings(dialect);
    let mut out = String::new();
    for (sql, op) in fires {
        let file = MigrationFile {
            statements: vec![statement(sql, op)],
            ..Default::default()
        };
        let findings = lint_files(&[file], &s);
        let mine = of(rule, &findings);
        assert!(!mine.is_empty(), "{rule} should fire on {sql}");
        out.push_str(&format!("--- {sql}\n{}", render(sql, &mine)));
    }
    for (sql, op) in quiet {
        let file = MigrationFile {
            statements: vec![statement(sql, op)],
            ..Default::default()
        };
        let findings = lint_files(&[file], &s);
        assert!(of(rule, &findings).is_empty(), "{rule} should stay quiet on {sql}");
    }
    out
}

#[test]
fn mysql_algorithm_copy() {
    let out = check(
        "mysql-algorithm-copy",
        DialectKind::MySql,
        vec![(
            "ALTER TABLE orders MODIFY note TEXT, ALGORITHM=COPY",
            alter("orders", vec![option("ALGORITHM", "COPY")]),
        )],
        vec![(
            "ALTER TABLE orders ADD COLUMN note TEXT, ALGORITHM=INSTANT",
            alter(
                "orders",
                vec![add(column("note", "text")), option("ALGORITHM", "INSTANT")],
            ),
        )],
    );
    insta::assert_snapshot!("mysql-algorithm-copy", out);
    // The same op on PostgreSQL is none of this rule's business.
    let file = MigrationFile {
        statements: vec![statement("x", alter("orders", vec![option("ALGORITHM", "COPY")]))],
        ..Default::default()
    };
    assert!(of("mysql-algorithm-copy", &lint_files(&[file], &super::pg(16))).is_empty());
}

#[test]
fn mysql_lock_blocking() {
    let out = check(
        "mysql-lock-blocking",
        DialectKind::MySql,
        vec![
            (
                "ALTER TABLE orders ADD INDEX i (c), LOCK=SHARED",
                alter("orders", vec![option("LOCK", "SHARED")]),
            ),
            (
                "ALTER TABLE orders ADD INDEX i (c), LOCK=EXCLUSIVE",
                alter("orders", vec![option("lock", "exclusive")]),
            ),
        ],
        vec![(
            "ALTER TABLE orders ADD INDEX i (c), LOCK=NONE",
            alter("orders", vec![option("LOCK", "NONE")]),
        )],
    );
    insta::assert_snapshot!("mysql-lock-blocking", out);
}

#[test]
fn mysql_table_copy() {
    let retype = |ty: &str| AlterAction::AlterType {
        column: "total".into(),
        type_name: ty.into(),
        using: None,
    };
    let mut generated = column("total_cents", "bigint");
    generated.generated_stored = true;
    let out = check(
        "mysql-table-copy",
        DialectKind::MySql,
        vec![
            (
                "ALTER TABLE orders MODIFY total DECIMAL(12,2)",
                alter("orders", vec![retype("decimal(12,2)")]),
            ),
            (
                "ALTER TABLE orders DROP PRIMARY KEY",
                alter(
                    "orders",
                    vec![AlterAction::DropConstraint {
                        name: "PRIMARY".into(),
                        if_exists: false,
                    }],
                ),
            ),
            (
                "ALTER TABLE orders ADD COLUMN total_cents BIGINT AS (total * 100) STORED",
                alter("orders", vec![add(generated)]),
            ),
        ],
        vec![
            (
                "ALTER TABLE orders MODIFY total DECIMAL(12,2), ALGORITHM=INPLACE, LOCK=NONE",
                alter("orders", vec![retype("decimal(12,2)"), option("ALGORITHM", "INPLACE")]),
            ),
            (
                "ALTER TABLE orders ADD COLUMN note TEXT",
                alter("orders", vec![add(column("note", "text"))]),
            ),
        ],
    );
    insta::assert_snapshot!("mysql-table-copy", out);
    // Widening a VARCHAR within its length-byte class is in place.
    let s = settings(DialectKind::MySql);
    let create = Op::CreateTable {
        table: Name::new("u"),
        if_not_exists: false,
        columns: vec![column("name", "varchar(20)")],
        constraints: vec![],
    };
    let widen = |n: &str| {
        let a = AlterAction::AlterType {
            column: "name".into(),
            type_name: format!("varchar({n})"),
            using: None,
        };
        vec![
            MigrationFile {
                statements: vec![statement("create", create.clone())],
                ..Default::default()
            },
            MigrationFile {
                statements: vec![statement("alter", alter("u", vec![a]))],
                ..Default::default()
            },
        ]
    };
    assert!(of("mysql-table-copy", &lint_files(&widen("40"), &s)).is_empty());
    assert_eq!(of("mysql-table-copy", &lint_files(&widen("300"), &s)).len(), 1);
}

#[test]
fn sqlite_alter_unsupported() {
    let out = check(
        "sqlite-alter-unsupported",
        DialectKind::Sqlite,
        vec![
            (
                "ALTER TABLE orders ALTER COLUMN total SET NOT NULL",
                alter("orders", vec![AlterAction::SetNotNull { column: "total".into() }]),
            ),
            (
                "ALTER TABLE orders DROP CONSTRAINT orders_total_check",
                alter(
                    "orders",
                    vec![AlterAction::DropConstraint {
                        name: "orders_total_check".into(),
                        if_exists: false,
                    }],
                ),
            ),
        ],
        vec![
            (
                "ALTER TABLE orders ADD COLUMN note TEXT",
                alter("orders", vec![add(column("note", "text"))]),
            ),
            (
                "ALTER TABLE orders RENAME COLUMN a TO b",
                alter(
                    "orders",
                    vec![AlterAction::RenameColumn {
                        column: "a".into(),
                        to: "b".into(),
                    }],
                ),
            ),
        ],
    );
    insta::assert_snapshot!("sqlite-alter-unsupported", out);
}

#[test]
fn sqlite_add_column_unsupported() {
    let mut with_now = column("created_at", "text");
    with_now.default = Some(DefaultValue {
        sql: "CURRENT_TIMESTAMP".into(),
        volatile: false,
    });
    let mut unique = column("email", "text");
    unique.unique = true;
    let mut required = column("tenant_id", "integer");
    required.not_null = true;
    let mut constant = column("status", "text");
    constant.default = Some(DefaultValue {
        sql: "'new'".into(),
        volatile: false,
    });
    constant.not_null = true;
    let out = check(
        "sqlite-add-column-unsupported",
        DialectKind::Sqlite,
        vec![
            (
                "ALTER TABLE orders ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP",
                alter("orders", vec![add(with_now)]),
            ),
            (
                "ALTER TABLE users ADD COLUMN email TEXT UNIQUE",
                alter("users", vec![add(unique)]),
            ),
            (
                "ALTER TABLE users ADD COLUMN tenant_id INTEGER NOT NULL",
                alter("users", vec![add(required)]),
            ),
        ],
        vec![(
            "ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'new'",
            alter("orders", vec![add(constant)]),
        )],
    );
    insta::assert_snapshot!("sqlite-add-column-unsupported", out);
}
