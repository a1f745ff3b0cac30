//! `plinth migrate apply|status|down` on a real PostgreSQL (the sandbox):
//! the hand-written three-migration directory (100k rows, a batched
//! backfill, concurrent indexes), dry run, resume, checksum refusal,
//! destructive refusal, located format errors, INVALID index recovery.

mod migrate_common;

use migrate_common::*;

#[test]
fn apply_status_down_round_trip_on_the_shop_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("migrations");
    write_dir(&dir, SHOP);
    let d = dir.to_str().unwrap();
    let db = sandbox().fresh_database().unwrap();
    let u = url(&db);

    // Before anything: all pending, JSON parses.
    let o = migrate(&["status", "--db", &u, d, "--format", "json"]);
    expect_code(&o, 0, "status before");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let states: Vec<&str> = json["migrations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["pending", "pending", "pending"]);

    // Dry run: the plan with locks and transaction modes; nothing created.
    let o = migrate(&["apply", "--db", &u, d, "--dry-run"]);
    expect_code(&o, 0, "dry run");
    let plan = text(&o.stdout);
    assert!(
        plan.contains("step 3 index_total: lock SHARE_UPDATE_EXCLUSIVE, no transaction"),
        "{plan}"
    );
    assert!(
        plan.contains("step 2 backfill_total: lock ROW_EXCLUSIVE, batched"),
        "{plan}"
    );
    assert!(
        plan.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx"),
        "{plan}"
    );
    assert!(plan.contains("(dry run: nothing was run)"), "{plan}");
    insta::assert_snapshot!("migrate_dry_run_shop", plan.replace(d, "DIR"));
    assert!(!scalar::<bool>(
        &db,
        "SELECT to_regclass('plinth.plinth_migrations') IS NOT NULL"
    ));
    assert!(!scalar::<bool>(&db, "SELECT to_regclass('orders') IS NOT NULL"));

    // Up to the second migration.
    let o = migrate(&["apply", "--db", &u, d, "--to", "20260102000000"]);
    expect_code(&o, 0, "apply --to");
    let log = text(&o.stderr);
    assert!(log.contains("backfill_total: 100000 rows in 11 batches"), "{log}");
    assert_eq!(
        history(&db),
        [
            ("20260101000000".into(), 2, 2, true),
            ("20260102000000".into(), 5, 5, true)
        ]
    );
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM orders WHERE total IS NULL"), 0);
    assert!(scalar::<bool>(&db, "SELECT bool_and(total = qty * price) FROM orders"));
    assert!(scalar::<bool>(
        &db,
        "SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_total_idx'::regclass"
    ));
    assert!(scalar::<bool>(
        &db,
        "SELECT convalidated FROM pg_constraint WHERE conname = 'orders_total_not_null'"
    ));

    let o = migrate(&["status", "--db", &u, d]);
    expect_code(&o, 0, "status mid");
    let table = text(&o.stdout);
    assert!(table.contains("20260102000000  add_order_total   applied"), "{table}");
    assert!(
        table.contains("20260103000000  create_customers  pending  0/4"),
        "{table}"
    );

    // The rest, then a no-op re-run.
    expect_code(&migrate(&["apply", "--db", &u, d]), 0, "apply all");
    let o = migrate(&["apply", "--db", &u, d]);
    expect_code(&o, 0, "apply again");
    assert!(text(&o.stderr).contains("applied 0 migration(s), 0 step(s); 3 already applied"));
    assert!(scalar::<bool>(
        &db,
        "SELECT to_regclass('orders_customer_id_idx') IS NOT NULL"
    ));

    // Down one: customers go, the history forgets the migration.
    let o = migrate(&["down", "--db", &u, d]);
    expect_code(&o, 0, "down 1");
    assert!(!scalar::<bool>(&db, "SELECT to_regclass('customers') IS NOT NULL"));
    assert_eq!(history(&db).len(), 2);

    // The next one drops a column: refused without --allow-destructive, and nothing changes.
    let o = migrate(&["down", "--db", &u, d, "--steps", "1"]);
    expect_code(&o, 2, "destructive down refused");
    let err = text(&o.stderr);
    assert!(err.contains("step 5 drop_column_total is destructive"), "{err}");
    assert!(err.contains("--allow-destructive"), "{err}");
    assert_eq!(history(&db).len(), 2);
    assert!(scalar::<bool>(
        &db,
        "SELECT to_regclass('orders_total_idx') IS NOT NULL"
    ));

    let o = migrate(&["down", "--db", &u, d, "--allow-destructive"]);
    expect_code(&o, 0, "down destructive");
    assert_eq!(history(&db), [("20260101000000".into(), 2, 2, true)]);
    assert_eq!(
        scalar::<i64>(
            &db,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders'"
        ),
        3
    );
    assert!(!scalar::<bool>(
        &db,
        "SELECT to_regclass('orders_total_idx') IS NOT NULL"
    ));

    // Up again converges.
    expect_code(&migrate(&["apply", "--db", &u, d]), 0, "apply after down");
    assert_eq!(history(&db).iter().filter(|r| r.3).count(), 3);

    // --to rolls back everything newer than the version.
    let o = migrate(&["down", "--db", &u, d, "--to", "20260101000000", "--allow-destructive"]);
    expect_code(&o, 0, "down --to");
    assert_eq!(history(&db).len(), 1);
}

#[test]
fn an_edited_applied_migration_is_refused_with_its_file_named() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    write_dir(
        &dir,
        &[(
            "20260101000000_t",
            "-- plinth:step 1 create_t\nCREATE TABLE t (a int);\n",
            "",
        )],
    );
    let d = dir.to_str().unwrap();
    let db = sandbox().fresh_database().unwrap();
    let u = url(&db);
    expect_code(&migrate(&["apply", "--db", &u, d]), 0, "first apply");
    let up = dir.join("20260101000000_t/up.sql");
    std::fs::write(&up, "-- plinth:step 1 create_t\nCREATE TABLE t (a bigint);\n").unwrap();
    write_dir(
        &dir,
        &[(
            "20260102000000_u",
            "-- plinth:step 1 create_u\nCREATE TABLE u (a int);\n",
            "",
        )],
    );
    let o = migrate(&["apply", "--db", &u, d]);
    expect_code(&o, 2, "edited migration");
    let err = text(&o.stderr);
    assert!(err.contains(&up.display().to_string()), "{err}");
    assert!(err.contains("was applied with checksum"), "{err}");
    assert!(
        !scalar::<bool>(&db, "SELECT to_regclass('u') IS NOT NULL"),
        "nothing after a refusal"
    );
    let o = migrate(&["status", "--db", &u, d]);
    expect_code(&o, 1, "status with a changed file");
    assert!(text(&o.stdout).contains("changed on disk"), "{}", text(&o.stdout));
}

#[test]
fn malformed_files_exit_2_with_a_location_before_connecting() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("m");
    write_dir(
        &dir,
        &[(
            "20260101000000_t",
            "-- plinth:step 1 create_t\nCREATE TABLE t (a int);\n-- plinth:step 2 idx lock=SHARE_UPDATE no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
            "",
        )],
    );
    // The URL is never used: the directory is read first.
    let o = migrate(&["apply", "--db", "host=/nonexistent dbname=x", dir.to_str().unwrap()]);
    expect_code(&o, 2, "bad header");
    let err = text(&o.stderr);
    assert!(
        err.contains("20260101000000_t/up.sql:3:27: `SHARE_UPDATE` is not a valid lock"),
        "{err}"
    );
    assert!(err.contains("help: lock is one of"), "{err}");

    std::fs::create_dir_all(dir.join("not_a_migration")).unwrap();
    let o = migrate(&["status", "--db", "host=/nonexistent dbname=x", dir.to_str().unwrap()]);
    expect_code(&o, 2, "bad folder");
    assert!(text(&o.stderr).contains("folder `not_a_migration` is not `<version>_<name>`"));

    let o = migrate(&[
        "apply",
        "--db",
        "host=/nonexistent",
        tmp.path().join("missing").to_str().unwrap(),
    ]);
    expect_code(&o, 2, "missing dir");
    assert!(text(&o.stderr).contains("cannot read the migration directory"));
}

#[test]
fn an_invalid_index_left_by_a_failed_concurrent_build_is_rebuilt() {
    let db = sandbox().fresh_database().unwrap();
    let mut c = db.client().unwrap();
    c.batch_execute("CREATE TABLE t (a int); INSERT INTO t VALUES (1), (1), (2);")
        .unwrap();
    // A unique build on duplicates fails and leaves an INVALID index behind.
    assert!(c
        .batch_execute("CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON t (a)")
        .is_err());
    assert!(!scalar::<bool>(
        &db,
        "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_a_key'::regclass"
    ));
    c.batch_execute("DELETE FROM t WHERE ctid = (SELECT min(ctid) FROM t WHERE a = 1)")
        .unwrap();

    let tmp = tempfile::tempdir().unwrap();
    write_dir(
        tmp.path(),
        &[(
            "20260101000000_unique_a",
            "-- plinth:step 1 unique_a lock=SHARE_UPDATE_EXCLUSIVE no-transaction\n\
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_a_key ON t (a);\n",
            "",
        )],
    );
    let o = migrate(&["apply", "--db", &url(&db), tmp.path().to_str().unwrap()]);
    expect_code(&o, 0, "apply");
    assert!(
        text(&o.stderr).contains("dropped INVALID index t_a_key"),
        "{}",
        text(&o.stderr)
    );
    assert!(scalar::<bool>(
        &db,
        "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_a_key'::regclass"
    ));
}

#[test]
fn an_interrupted_migration_resumes_at_its_first_unfinished_step() {
    let tmp = tempfile::tempdir().unwrap();
    write_dir(
        tmp.path(),
        &[(
            "20260101000000_three",
            "-- plinth:step 1 a\nCREATE TABLE a (x int);\n\
-- plinth:step 2 b\nCREATE TABLE b (x int);\n\
-- plinth:step 3 fails\nSELECT 1 / (SELECT count(*) FROM c)::int;\n",
            "-- plinth:step 1 unfail\n-- nothing to undo\n\
-- plinth:step 2 drop_b\nDROP TABLE b;\n\
-- plinth:step 3 drop_a\nDROP TABLE a;\n",
        )],
    );
    let d = tmp.path().to_str().unwrap();
    let db = sandbox().fresh_database().unwrap();
    let u = url(&db);
    let o = migrate(&["apply", "--db", &u, d]);
    expect_code(&o, 1, "failing step");
    let err = text(&o.stderr);
    assert!(err.contains("20260101000000_three/up.sql step 3 fails failed"), "{err}");
    assert!(err.contains("up.sql:6:1"), "{err}");
    assert_eq!(history(&db), [("20260101000000".into(), 2, 3, false)]);
    let o = migrate(&["status", "--db", &u, d]);
    assert!(text(&o.stdout).contains("in progress  2/3"), "{}", text(&o.stdout));

    db.client()
        .unwrap()
        .batch_execute("CREATE TABLE public.c (x int); INSERT INTO public.c VALUES (1);")
        .unwrap();
    let o = migrate(&["apply", "--db", &u, d]);
    expect_code(&o, 0, "resume");
    assert!(
        text(&o.stderr).contains("resuming at step 3 of 3"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(history(&db), [("20260101000000".into(), 3, 3, true)]);
}

#[test]
fn a_partly_applied_migration_rolls_back_only_its_done_steps() {
    let tmp = tempfile::tempdir().unwrap();
    write_dir(
        tmp.path(),
        &[(
            "20260101000000_three",
            "-- plinth:step 1 a\nCREATE TABLE a (x int);\n\
-- plinth:step 2 b\nCREATE TABLE b (x int);\n\
-- plinth:step 3 c\nCREATE TABLE c (x int);\n",
            // Dropping c would fail if its step ran: c was never created.
            "-- plinth:step 1 drop_c\nDROP TABLE c;\n\
-- plinth:step 2 drop_b\nDROP TABLE b;\n\
-- plinth:step 3 drop_a\nDROP TABLE a;\n",
        )],
    );
    let d = tmp.path().to_str().unwrap();
    let db = sandbox().fresh_database().unwrap();
    let u = url(&db);
    db.client().unwrap().batch_execute("CREATE TABLE c (x int)").unwrap();
    let o = migrate(&["apply", "--db", &u, d]);
    expect_code(&o, 1, "step 3 collides with an existing table");
    assert_eq!(history(&db), [("20260101000000".into(), 2, 3, false)]);

    let o = migrate(&["down", "--db", &u, d]);
    expect_code(&o, 0, "down of a partly applied migration");
    let log = text(&o.stderr);
    assert!(log.contains("rolling back 2 step(s)"), "{log}");
    assert!(!log.contains("drop_c"), "{log}");
    assert!(history(&db).is_empty());
    assert!(!scalar::<bool>(
        &db,
        "SELECT to_regclass('a') IS NOT NULL OR to_regclass('b') IS NOT NULL"
    ));
    assert!(
        scalar::<bool>(&db, "SELECT to_regclass('c') IS NOT NULL"),
        "the table the migration never made stays"
    );
}

#[test]
fn an_unreachable_database_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    write_dir(
        tmp.path(),
        &[("20260101000000_t", "-- plinth:step 1 t\nSELECT 1;\n", "")],
    );
    let o = migrate(&[
        "apply",
        "--db",
        "host=/nonexistent-plinth dbname=x connect_timeout=2",
        tmp.path().to_str().unwrap(),
    ]);
    expect_code(&o, 1, "unreachable");
    assert!(
        text(&o.stderr).contains("cannot connect to the database"),
        "{}",
        text(&o.stderr)
    );
    let o = migrate(&["apply", "--db", "postgres://[bad", tmp.path().to_str().unwrap()]);
    expect_code(&o, 2, "bad url");
}
