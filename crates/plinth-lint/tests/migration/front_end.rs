//! The PostgreSQL front end: spans, ops, directives, errors.

use plinth_lint::migration::{AlterAction, Op};
use plinth_postgres::lint_ops::migration_file;

#[test]
fn one_statement_per_sql_statement_with_exact_spans() {
    let sql = "-- header\nBEGIN;\nALTER TABLE t ADD COLUMN a int; -- trailing\n\nCREATE INDEX i ON t (a)\n;\nCOMMIT;\n";
    let f = migration_file(sql);
    let texts: Vec<&str> = f.statements.iter().map(|s| &sql[s.span.start..s.span.end]).collect();
    assert_eq!(
        texts,
        [
            "BEGIN",
            "ALTER TABLE t ADD COLUMN a int",
            "CREATE INDEX i ON t (a)",
            "COMMIT"
        ]
    );
    for s in &f.statements {
        assert_eq!(s.sql, sql[s.span.start..s.span.end]);
    }
    assert!(
        matches!(f.statements[1].op, Op::AlterTable { ref actions, .. } if matches!(actions[0], AlterAction::AddColumn { .. }))
    );
}

#[test]
fn a_syntax_error_is_located_and_the_next_statements_are_still_read() {
    let sql = "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADDD COLUMN b int;\nDROP TABLE t;";
    let f = migration_file(sql);
    assert_eq!(f.statements.len(), 3);
    let Op::SyntaxError { message } = &f.statements[1].op else {
        panic!("{:?}", f.statements[1].op)
    };
    assert!(message.contains("syntax error"), "{message}");
    assert_eq!(
        &sql[f.statements[1].span.start..f.statements[1].span.end],
        "ALTER TABLE t ADDD COLUMN b int"
    );
    assert!(matches!(f.statements[2].op, Op::DropTable { .. }));
}

#[test]
fn ignore_comments_above_or_trailing_and_file_wide() {
    let sql = "-- plinth-ignore-file column-json\n-- plinth:no-transaction\n\
               -- plinth-ignore data-drop-column, compat-drop-default -- reviewed\n\
               ALTER TABLE t DROP COLUMN a;\n\
               ALTER TABLE t DROP COLUMN b; -- plinth-ignore data-drop-column\n\
               ALTER TABLE t DROP COLUMN c;\n";
    let f = migration_file(sql);
    assert!(f.no_transaction);
    assert_eq!(f.ignore_file, Some(vec!["column-json".to_string()]));
    assert_eq!(f.statements[0].ignores, ["data-drop-column", "compat-drop-default"]);
    assert_eq!(f.statements[1].ignores, ["data-drop-column"]);
    assert!(f.statements[2].ignores.is_empty());
    // And the engine honours them.
    let findings = super::lint(sql, &super::pg(16));
    let drops = super::of("data-drop-column", &findings);
    assert_eq!(drops.len(), 1);
    assert_eq!(
        &sql[drops[0].span.unwrap().start..drops[0].span.unwrap().end],
        "ALTER TABLE t DROP COLUMN c"
    );
}

#[test]
fn ignore_file_without_ids_silences_everything() {
    let sql = "-- plinth-ignore-file\nALTER TABLE t DROP COLUMN a;\nTRUNCATE t;";
    assert_eq!(migration_file(sql).ignore_file, Some(vec![]));
    assert!(super::lint(sql, &super::pg(16)).is_empty());
}

#[test]
fn a_comment_inside_a_string_is_not_a_directive() {
    let sql = "UPDATE t SET note = '-- plinth-ignore data-dml-without-where';";
    let f = migration_file(sql);
    assert!(f.statements[0].ignores.is_empty());
}

#[test]
fn psql_meta_commands_and_copy_data_do_not_become_statements() {
    let sql = "\\set ON_ERROR_STOP 1\nCOPY t (a) FROM stdin;\n1\n2\n\\.\nDROP TABLE t;";
    let f = migration_file(sql);
    assert_eq!(f.statements.len(), 2);
    assert!(matches!(f.statements[1].op, Op::DropTable { .. }));
}

#[test]
fn defaults_are_judged_volatile_by_function() {
    let f = migration_file(
        "ALTER TABLE t ADD COLUMN a uuid DEFAULT gen_random_uuid(), ADD COLUMN b timestamptz DEFAULT now(), \
         ADD COLUMN c text DEFAULT 'x', ADD COLUMN d int DEFAULT (1 + 2), ADD COLUMN e int DEFAULT nextval('s');",
    );
    let Op::AlterTable { actions, .. } = &f.statements[0].op else {
        panic!()
    };
    let volatile: Vec<bool> = actions
        .iter()
        .map(|a| match a {
            AlterAction::AddColumn { column, .. } => column.default.as_ref().unwrap().volatile,
            _ => panic!(),
        })
        .collect();
    assert_eq!(volatile, [true, false, false, false, true]);
}

#[test]
fn ignores_that_match_nothing_or_name_unknown_rules_are_reported() {
    let sql = "-- plinth-ignore-file column-json, data-truncate\n\
               -- plinth-ignore data-drop-column\n\
               ALTER TABLE t DROP COLUMN a;\n\
               -- plinth-ignore data-drop-table\n\
               ALTER TABLE t ADD COLUMN b text;\n\
               -- plinth-ignore data-drop-colunm\n\
               ALTER TABLE t DROP COLUMN c;\n\
               ALTER TABLE t ADD COLUMN d json;\n";
    let findings = super::lint(sql, &super::pg(16));
    let unused: Vec<String> = super::of("ignore-unused", &findings)
        .iter()
        .map(|f| f.message.clone())
        .collect();
    assert_eq!(
        unused,
        [
            "plinth-ignore for data-drop-table matches no finding on this statement",
            "plinth-ignore names unknown rule `data-drop-colunm`",
            "plinth-ignore for data-truncate matches no finding in this file",
        ]
    );
    let unknown = super::of("ignore-unused", &findings)[1];
    assert_eq!(unknown.help.as_deref(), Some("did you mean `data-drop-column`?"));
    // The misspelt ignore did not hide the finding; the right ones did.
    assert_eq!(super::of("data-drop-column", &findings).len(), 1);
    assert!(super::of("column-json", &findings).is_empty());
}
