//! lock_timeout and retries: another session holds a conflicting lock; the
//! runner retries with backoff and succeeds once it is released, or fails
//! naming the step and the blocking session when it never is.

mod migrate_common;

use migrate_common::*;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const DIR: &[(&str, &str, &str)] = &[
    (
        "20260101000000_create_locked",
        "-- plinth:step 1 create_locked lock=ACCESS_EXCLUSIVE\nCREATE TABLE locked (a int);\n",
        "",
    ),
    (
        "20260102000000_add_b",
        "-- plinth:step 1 add_b lock=ACCESS_EXCLUSIVE cost=catalog\nALTER TABLE locked ADD COLUMN b int;\n",
        "",
    ),
];

/// Holds ACCESS SHARE on `locked` (as application "lock-holder") from
/// another connection until `hold` has passed or `release` fires.
fn hold_lock(db: &plinth_sandbox::Database<'_>, hold: Duration) -> (mpsc::Sender<()>, std::thread::JoinHandle<()>) {
    let mut config = db.config().clone();
    config.application_name("lock-holder");
    let mut client = config.connect(postgres::NoTls).unwrap();
    let (locked_tx, locked_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        client
            .batch_execute("BEGIN; LOCK TABLE locked IN ACCESS SHARE MODE;")
            .unwrap();
        locked_tx.send(()).unwrap();
        let _ = release_rx.recv_timeout(hold);
        client.batch_execute("COMMIT").unwrap();
    });
    locked_rx.recv().unwrap();
    (release_tx, thread)
}

#[test]
fn a_lock_released_during_the_retries_is_waited_for() {
    let tmp = tempfile::tempdir().unwrap();
    write_dir(tmp.path(), DIR);
    let d = tmp.path().to_str().unwrap();
    let db = sandbox().fresh_database().unwrap();
    let u = url(&db);
    expect_code(
        &migrate(&["apply", "--db", &u, d, "--to", "20260101000000"]),
        0,
        "first",
    );

    let (_release, holder) = hold_lock(&db, Duration::from_millis(1500));
    let started = Instant::now();
    // Attempts at 0, ~0.55 s, ~1.35 s (backoff 250, 500 ms after 300 ms waits); the lock goes at 1.5 s.
    let o = migrate(&["apply", "--db", &u, d, "--lock-timeout", "300ms", "--retries", "6"]);
    let took = started.elapsed();
    holder.join().unwrap();
    expect_code(&o, 0, "apply after retries");
    let log = text(&o.stderr);
    assert!(
        log.contains("20260102000000_add_b/up.sql step 1 add_b: lock timeout (300 ms), attempt 1/7"),
        "{log}"
    );
    assert!(log.contains("application \"lock-holder\""), "{log}");
    assert!(
        took >= Duration::from_millis(1400),
        "succeeded before the lock was released: {took:?}"
    );
    assert_eq!(
        scalar::<i64>(
            &db,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'locked'"
        ),
        2
    );
    assert_eq!(history(&db).iter().filter(|r| r.3).count(), 2);
}

#[test]
fn a_lock_never_released_fails_naming_the_step_and_the_blocker() {
    let tmp = tempfile::tempdir().unwrap();
    write_dir(tmp.path(), DIR);
    let d = tmp.path().to_str().unwrap();
    let db = sandbox().fresh_database().unwrap();
    let u = url(&db);
    expect_code(
        &migrate(&["apply", "--db", &u, d, "--to", "20260101000000"]),
        0,
        "first",
    );

    let (release, holder) = hold_lock(&db, Duration::from_secs(60));
    let o = migrate(&["apply", "--db", &u, d, "--lock-timeout", "200ms", "--retries", "2"]);
    expect_code(&o, 1, "apply against a held lock");
    let err = text(&o.stderr);
    assert!(
        err.contains(
            "20260102000000_add_b/up.sql step 1 add_b could not take its lock within lock_timeout 200 ms, 3 attempt(s)"
        ),
        "{err}"
    );
    assert!(err.contains("blocked by: backend pid"), "{err}");
    assert!(
        err.contains("application \"lock-holder\", idle in transaction"),
        "{err}"
    );
    assert!(err.contains("LOCK TABLE locked IN ACCESS SHARE MODE"), "{err}");
    assert_eq!(
        history(&db),
        [
            ("20260101000000".into(), 1, 1, true),
            ("20260102000000".into(), 0, 1, false)
        ],
        "the failed step is not recorded"
    );

    release.send(()).unwrap();
    holder.join().unwrap();
    let o = migrate(&["apply", "--db", &u, d]);
    expect_code(&o, 0, "re-run after release");
    assert_eq!(history(&db).iter().filter(|r| r.3).count(), 2);
}
