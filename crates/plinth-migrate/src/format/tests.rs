use super::*;

const UP: &str = "-- Adds orders.total and backfills it.\n\n\
-- plinth:step 1 add_column_total phase=expand lock=ACCESS_EXCLUSIVE cost=catalog\n\
ALTER TABLE orders ADD COLUMN total numeric(19,4);\n\n\
-- plinth:step 2 index_orders_total phase=expand lock=SHARE_UPDATE_EXCLUSIVE cost=scan no-transaction\n\
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);\n\n\
-- plinth:step 3 backfill_total phase=backfill lock=ROW_EXCLUSIVE cost=scan batched\n\
-- (one statement, repeated until it reports 0 rows)\n\
UPDATE orders SET total = 0 WHERE id IN (SELECT id FROM orders WHERE total IS NULL LIMIT 1000);\n";

fn parse_err(text: &str) -> FormatError {
    parse_script("m/up.sql", text).expect_err("should be refused")
}

#[test]
fn reads_the_documented_example() {
    let s = parse_script("m/up.sql", UP).unwrap();
    assert_eq!(s.steps.len(), 3);
    let [a, b, c] = &s.steps[..] else { unreachable!() };
    assert_eq!((a.number, a.name.as_str(), a.line), (1, "add_column_total", 3));
    assert_eq!(a.lock.as_deref(), Some("ACCESS_EXCLUSIVE"));
    assert_eq!(a.phase.as_deref(), Some("expand"));
    assert_eq!(a.cost.as_deref(), Some("catalog"));
    assert!(!a.no_transaction && !a.batched);
    assert!(b.no_transaction && !b.batched);
    assert!(c.batched && !c.no_transaction);
    assert_eq!(c.statements.len(), 1);
    assert!(c.statements[0].sql.starts_with("UPDATE orders"));
    assert_eq!((c.statements[0].line, c.statements[0].col), (11, 1));
    assert_eq!(b.statements[0].line, 7);
}

#[test]
fn statements_split_outside_dollar_quotes_strings_and_comments() {
    let text = "-- plinth:step 1 fn\n\
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;\n\
INSERT INTO t VALUES ('a;b', 'it''s; fine'); /* c; d */ SELECT \"x;y\" FROM t;\n";
    let s = parse_script("up.sql", text).unwrap();
    let sqls: Vec<&str> = s.steps[0].statements.iter().map(|s| s.sql.as_str()).collect();
    assert_eq!(sqls.len(), 3, "{sqls:?}");
    assert!(sqls[0].ends_with("$body$;"));
    assert_eq!(sqls[1], "INSERT INTO t VALUES ('a;b', 'it''s; fine');");
    assert_eq!(sqls[2], "SELECT \"x;y\" FROM t;");
    assert_eq!((s.steps[0].statements[2].line, s.steps[0].statements[2].col), (3, 57));
}

#[test]
fn a_comment_only_step_has_no_statements() {
    let text = "-- plinth:step 1 restore_rows irreversible\n-- The dropped rows cannot come back.\n";
    let s = parse_script("down.sql", text).unwrap();
    assert!(s.steps[0].irreversible);
    assert!(s.steps[0].statements.is_empty());
}

#[test]
fn malformed_headers_are_located() {
    let e = parse_err("-- plinth:step 1 a lock=ACCESS_EXCLUSIV\nSELECT 1;\n");
    assert_eq!((e.line, e.col), (1, 25));
    assert!(e.message.contains("ACCESS_EXCLUSIV"), "{e}");
    assert!(e.hint.contains("ACCESS_EXCLUSIVE"), "{e}");

    let e = parse_err("SELECT 1;\n-- plinth:step 1 a\n");
    assert_eq!((e.line, e.col), (1, 1));
    assert!(e.message.contains("before the first step header"));

    let e = parse_err("-- plinth:step 1 a\nSELECT 1;\n-- plinth:step 3 b\nSELECT 2;\n");
    assert_eq!(e.line, 3);
    assert!(e.message.contains("step 3 where step 2"), "{e}");

    let e = parse_err("-- plinth:step one a\n");
    assert_eq!((e.line, e.col), (1, 16));

    let e = parse_err("-- plinth:step 1\n");
    assert!(e.message.contains("no name"), "{e}");

    let e = parse_err("-- plinth:step 1 batched\nSELECT 1;\n");
    assert!(e.message.contains("no name"), "{e}");

    let e = parse_err("-- plinth:step 1 a no-transation\n");
    assert_eq!((e.line, e.col), (1, 20));
    assert!(e.hint.contains("no-transaction"));

    let e = parse_err("-- plinth:step 1 a speed=fast\n");
    assert!(e.message.contains("unknown header field `speed`"), "{e}");

    let e = parse_err("-- plinth:stepp 1 a\n");
    assert!(e.message.contains("unknown directive"), "{e}");

    let e = parse_err("-- plinth:step 1 a batched\n-- nothing here\n");
    assert!(e.message.contains("no statement"), "{e}");
}

#[test]
fn a_header_swallowed_by_an_unterminated_statement_is_an_error() {
    let e = parse_err("-- plinth:step 1 a\nCREATE TABLE t (a int)\n  -- plinth:step 2 b\nSELECT 1;\n");
    assert_eq!((e.line, e.col), (3, 3));
    assert!(e.hint.contains(';'));
}

#[test]
fn statements_that_cannot_run_in_the_step_mode_are_refused() {
    let e = parse_err("-- plinth:step 1 a\nBEGIN;\nSELECT 1;\nCOMMIT;\n");
    assert_eq!((e.line, e.col), (2, 1));
    let e = parse_err("-- plinth:step 1 a\nCREATE INDEX CONCURRENTLY i ON t (a);\n");
    assert!(e.hint.contains("no-transaction"), "{e}");
    let ok = parse_script("up.sql", "-- plinth:step 1 a\nSTART_X: SELECT 1;\n");
    assert!(ok.is_ok());
}

#[test]
fn renamed_from_hints_are_comments() {
    let s = parse_script("up.sql", "-- plinth:step 1 a\n-- plinth:renamed-from old\nSELECT 1;\n").unwrap();
    assert_eq!(s.steps[0].statements.len(), 1);
}

#[test]
fn folder_names() {
    assert_eq!(
        parse_folder_name("20261122081500_add_order_total"),
        Some(("20261122081500".into(), "add_order_total".into()))
    );
    assert_eq!(parse_folder_name("2026112208150_x"), None);
    assert_eq!(parse_folder_name("20261122081500_"), None);
    assert_eq!(parse_folder_name("20261122081500"), None);
    assert_eq!(parse_folder_name("notes"), None);
    assert!(is_version("20261122081500"));
    assert!(!is_version("2026-11-22"));
}

#[test]
fn checksums_are_sha256_hex() {
    assert_eq!(
        checksum(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn concurrent_index_names() {
    let name = |s: &str| concurrent_index_name(s);
    assert_eq!(
        name("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON orders (total);").as_deref(),
        Some("orders_total_idx")
    );
    assert_eq!(
        name("create unique index concurrently \"Odd \"\"Name\" on app.t using btree (a)").as_deref(),
        Some("app.\"Odd \"\"Name\"")
    );
    assert_eq!(
        name("CREATE INDEX CONCURRENTLY s.i ON ONLY t (a)").as_deref(),
        Some("s.i")
    );
    assert_eq!(name("CREATE INDEX CONCURRENTLY ON t (a)"), None);
    assert_eq!(name("CREATE INDEX i ON t (a)"), None);
    assert_eq!(name("SELECT 1"), None);
}

#[test]
fn line_and_column_count_characters() {
    assert_eq!(line_col("ab\ncé;x", 7), (2, 4));
    assert_eq!(line_col("", 0), (1, 1));
}
