//! Nothing an import reads is silently lost: a file mixing statements the
//! model understands with ones it does not yields every one of the latter
//! as a located warning (its exact byte range) and as an opaque object
//! holding its SQL verbatim.

use plinth_postgres::import::{import_sql, ImportOptions};

const SUPPORTED: &[&str] = &[
    "CREATE TABLE parent (id bigint PRIMARY KEY)",
    "CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent)",
    "CREATE INDEX child_parent_idx ON child (parent_id)",
    "CREATE VIEW v AS SELECT id FROM parent",
];

const UNSUPPORTED: &[&str] = &[
    "SECURITY LABEL FOR selinux ON TABLE parent IS 'system_u:object_r:sepgsql_table_t:s0'",
    "CREATE TABLE copy_of_parent AS SELECT * FROM parent",
    "DO $$ BEGIN RAISE NOTICE 'hello; world'; END $$",
    "ALTER TABLE child ALTER CONSTRAINT child_parent_id_fkey DEFERRABLE",
    "ALTER TABLE child INHERIT parent",
    "IMPORT FOREIGN SCHEMA remote FROM SERVER srv INTO public",
    "CREATE TABEL oops (x int)",
];

#[test]
fn every_unsupported_statement_is_a_located_warning_and_an_opaque_object() {
    let mut sql = String::new();
    let mut spans = Vec::new();
    for (i, s) in SUPPORTED.iter().chain(UNSUPPORTED).enumerate() {
        // Interleave them, with comments and blank lines between.
        sql.push_str(&format!("-- statement {i}\n"));
        let start = sql.len();
        sql.push_str(s);
        spans.push((s, start..start + s.len()));
        sql.push_str(";\n\n");
    }
    let r = import_sql(&sql, &ImportOptions::default());

    for (stmt, span) in spans.iter().filter(|(s, _)| UNSUPPORTED.contains(s)) {
        let warning = r.warnings.iter().find(|w| w.span.start == span.start);
        let warning = warning.unwrap_or_else(|| panic!("no warning at {span:?} for {stmt}: {:#?}", r.warnings));
        assert!(
            warning.span.end >= span.end && warning.span.end <= span.end + 1,
            "{warning:?} does not cover {stmt}"
        );
        assert_eq!(&sql[span.clone()], **stmt);
        let kept = r.schema.opaque.iter().find(|o| o.sql == **stmt);
        let kept = kept.unwrap_or_else(|| panic!("{stmt} is not kept verbatim: {:#?}", r.schema.opaque));
        assert_eq!(kept.origin.map(|o| o.start), Some(span.start), "{kept:?}");
    }

    // The supported statements became the model, without warnings.
    for (stmt, span) in spans.iter().filter(|(s, _)| SUPPORTED.contains(s)) {
        assert!(
            !r.warnings.iter().any(|w| w.span.start == span.start),
            "unexpected warning for {stmt}: {:#?}",
            r.warnings
        );
    }
    let child = r.schema.table("child").expect("child");
    assert_eq!(child.foreign_keys[0].name, "child_parent_id_fkey");
    assert_eq!(child.indexes[0].name, "child_parent_idx");
    assert!(r.schema.opaque.iter().any(|o| o.kind == "view" && o.name == "v"));
    assert_eq!(r.warnings.len(), UNSUPPORTED.len(), "{:#?}", r.warnings);
}

#[test]
fn data_is_skipped_and_counted_in_one_summary_warning() {
    let sql = "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n\
               COPY t (a) FROM stdin;\n3\n4\n\\.\nUPDATE t SET a = 5;\n";
    let r = import_sql(sql, &ImportOptions::default());
    assert_eq!(r.summary.data_skipped.get("INSERT"), Some(&2));
    assert_eq!(r.summary.data_skipped.get("COPY"), Some(&1));
    assert_eq!(r.summary.data_skipped.get("UPDATE"), Some(&1));
    assert_eq!(r.summary.copy_rows_skipped, 2);
    assert_eq!(r.warnings.len(), 1, "{:#?}", r.warnings);
    assert!(
        r.warnings[0].message.contains("skipped 4 data statement"),
        "{}",
        r.warnings[0]
    );
    assert!(r.schema.opaque.is_empty());
    assert_eq!(r.schema.tables.len(), 1);
}

#[test]
fn psql_meta_commands_are_located_warnings_and_do_not_break_the_file() {
    let sql = "\\set ON_ERROR_STOP 1\nCREATE TABLE t (a int);\n\\c other\nCREATE TABLE u (b int);\n";
    let r = import_sql(sql, &ImportOptions::default());
    assert_eq!(r.schema.tables.len(), 2);
    assert_eq!(r.warnings.len(), 2, "{:#?}", r.warnings);
    assert_eq!(&sql[r.warnings[0].span.clone()], "\\set ON_ERROR_STOP 1");
    assert_eq!(&sql[r.warnings[1].span.clone()], "\\c other");
}
