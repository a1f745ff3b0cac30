//! The fault test of issue 7: `plinth migrate apply` is killed (SIGKILL) at
//! random points of a multi-step run (200k rows, batched backfills,
//! concurrent indexes, transactional DDL), then re-run. Every trial must
//! converge to the schema and data of a reference database where the same
//! directory was applied without faults, with a consistent history (every
//! migration finished, steps_done = steps_total) and no INVALID index.
//!
//! Deterministic: the kill delays come from a fixed-seed xorshift. The
//! fault-free reference run is timed step by step (by polling the history);
//! the first 22 trials (two per step) wait until the run has recorded the
//! steps before step s, then kill at a random point of step s's reference
//! duration, so the concurrent index builds and quick DDL steps are hit, not
//! only the longest steps; the others kill anywhere in [0, T].
//! `PLINTH_FAULT_TRIALS` overrides the number of trials (default 24).

mod migrate_common;

use migrate_common::*;
use plinth_model::equality::{compare, CompareOptions};
use plinth_postgres::{inspect, SchemaFilter};
use plinth_sandbox::Database;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const FAULT: &[(&str, &str, &str)] = &[
    (
        "20260201000000_items",
        "-- plinth:step 1 create_items lock=ACCESS_EXCLUSIVE cost=catalog\n\
CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int NOT NULL);\n\
-- plinth:step 2 seed_items lock=ROW_EXCLUSIVE cost=scan\n\
INSERT INTO items (n) SELECT g FROM generate_series(1, 200000) g;\n\
ANALYZE items;\n",
        "",
    ),
    (
        "20260202000000_item_total",
        "-- plinth:step 1 add_total phase=expand lock=ACCESS_EXCLUSIVE cost=catalog\n\
ALTER TABLE items ADD COLUMN total bigint;\n\
-- plinth:step 2 backfill_total phase=backfill lock=ROW_EXCLUSIVE cost=scan batched\n\
UPDATE items SET total = n * 2 WHERE id = ANY (ARRAY(SELECT id FROM items WHERE total IS NULL ORDER BY id LIMIT 5000));\n\
-- plinth:step 3 index_total phase=expand lock=SHARE_UPDATE_EXCLUSIVE cost=scan no-transaction\n\
CREATE INDEX CONCURRENTLY IF NOT EXISTS items_total_idx ON items (total);\n\
-- plinth:step 4 check_total phase=contract lock=ACCESS_EXCLUSIVE cost=catalog\n\
ALTER TABLE items ADD CONSTRAINT items_total_not_null CHECK (total IS NOT NULL) NOT VALID;\n\
-- plinth:step 5 validate_total phase=contract lock=SHARE_UPDATE_EXCLUSIVE cost=scan\n\
ALTER TABLE items VALIDATE CONSTRAINT items_total_not_null;\n",
        "-- plinth:step 1 unvalidate_total lock=NONE\n-- nothing to undo\n\
-- plinth:step 2 drop_check_total lock=ACCESS_EXCLUSIVE\n\
ALTER TABLE items DROP CONSTRAINT IF EXISTS items_total_not_null;\n\
-- plinth:step 3 drop_index_total lock=SHARE_UPDATE_EXCLUSIVE no-transaction\n\
DROP INDEX CONCURRENTLY IF EXISTS items_total_idx;\n\
-- plinth:step 4 unbackfill_total lock=ROW_EXCLUSIVE batched\n\
UPDATE items SET total = NULL WHERE id = ANY (ARRAY(SELECT id FROM items WHERE total IS NOT NULL ORDER BY id LIMIT 5000));\n\
-- plinth:step 5 drop_total lock=ACCESS_EXCLUSIVE destructive\n\
ALTER TABLE items DROP COLUMN IF EXISTS total;\n",
    ),
    (
        "20260203000000_item_label",
        "-- plinth:step 1 add_label phase=expand lock=ACCESS_EXCLUSIVE cost=catalog\n\
ALTER TABLE items ADD COLUMN label text;\n\
-- plinth:step 2 backfill_label phase=backfill lock=ROW_EXCLUSIVE cost=scan batched\n\
UPDATE items SET label = 'item-' || id WHERE id = ANY (ARRAY(SELECT id FROM items WHERE label IS NULL ORDER BY id LIMIT 5000));\n\
-- plinth:step 3 unique_label phase=expand lock=SHARE_UPDATE_EXCLUSIVE cost=scan no-transaction\n\
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS items_label_key ON items (label);\n\
-- plinth:step 4 create_tags phase=expand lock=SHARE_ROW_EXCLUSIVE cost=scan\n\
CREATE TABLE tags (item_id bigint NOT NULL REFERENCES items (id), tag text NOT NULL, PRIMARY KEY (item_id, tag));\n\
INSERT INTO tags SELECT id, 'even' FROM items WHERE n % 2 = 0;\n",
        "-- plinth:step 1 drop_tags lock=ACCESS_EXCLUSIVE destructive\n\
DROP TABLE IF EXISTS tags;\n\
-- plinth:step 2 drop_unique_label lock=SHARE_UPDATE_EXCLUSIVE no-transaction\n\
DROP INDEX CONCURRENTLY IF EXISTS items_label_key;\n\
-- plinth:step 3 unbackfill_label lock=ROW_EXCLUSIVE batched\n\
UPDATE items SET label = NULL WHERE id = ANY (ARRAY(SELECT id FROM items WHERE label IS NOT NULL ORDER BY id LIMIT 5000));\n\
-- plinth:step 4 drop_label lock=ACCESS_EXCLUSIVE destructive\n\
ALTER TABLE items DROP COLUMN IF EXISTS label;\n",
    ),
];

const TOTAL_STEPS: i32 = 11;

/// The step that was running (the first unrecorded one) for each count of
/// recorded steps, for the kill-point figures.
const NEXT_STEP: [&str; 12] = [
    "items#1 create_items",
    "items#2 seed_items",
    "item_total#1 add_total",
    "item_total#2 backfill_total (batched)",
    "item_total#3 index_total (concurrent)",
    "item_total#4 check_total",
    "item_total#5 validate_total",
    "item_label#1 add_label",
    "item_label#2 backfill_label (batched)",
    "item_label#3 unique_label (concurrent)",
    "item_label#4 create_tags",
    "(all recorded)",
];

/// Deterministic pseudo-random numbers (xorshift64*).
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Waits until no `plinth migrate` backend of a killed run is left on `db`.
fn wait_for_orphans(db: &Database<'_>) -> Duration {
    let started = Instant::now();
    let mut c = db.client().unwrap();
    while started.elapsed() < Duration::from_secs(60) {
        let n: i64 = c
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND application_name LIKE 'plinth migrate%'",
                &[],
            )
            .unwrap()
            .get(0);
        if n == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    started.elapsed()
}

/// Steps recorded as done over all migrations (0 when there is no history yet).
fn steps_recorded(db: &Database<'_>) -> i32 {
    if !scalar::<bool>(db, "SELECT to_regclass('plinth.plinth_migrations') IS NOT NULL") {
        return 0;
    }
    history(db).iter().map(|r| r.1).sum()
}

/// `migrate apply`, killed (and the test failed) if it runs past `deadline`.
fn rerun_with_deadline(url: &str, dir: &str, deadline: Duration) -> std::process::Output {
    let started = Instant::now();
    let mut child = plinth_command()
        .args(["migrate", "apply", "--db", url, dir])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > deadline {
            child.kill().ok();
            let o = child.wait_with_output().unwrap();
            panic!("re-run still running after {deadline:?}:\n{}", text(&o.stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Applies the directory to `db` fault-free, polling the history to learn
/// when each step ended: (whole run, end of step 1, 2, ...).
fn timed_reference_run(db: &Database<'_>, dir: &str) -> (Duration, Vec<Duration>) {
    let started = Instant::now();
    let mut child = plinth_command()
        .args(["migrate", "apply", "--db", &url(db), dir])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut ends = vec![None; TOTAL_STEPS as usize];
    let mut poll = db.client().unwrap();
    loop {
        let exited = child.try_wait().unwrap().is_some();
        let exists: bool = poll
            .query_one("SELECT to_regclass('plinth.plinth_migrations') IS NOT NULL", &[])
            .unwrap()
            .get(0);
        if exists {
            let done: i64 = poll
                .query_one("SELECT coalesce(sum(steps_done), 0) FROM plinth.plinth_migrations", &[])
                .unwrap()
                .get(0);
            for end in ends.iter_mut().take(done as usize) {
                end.get_or_insert(started.elapsed());
            }
        }
        if exited {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the reference run hangs");
        std::thread::sleep(Duration::from_millis(5));
    }
    let full_run = started.elapsed();
    let o = child.wait_with_output().unwrap();
    expect_code(&o, 0, "reference apply");
    (full_run, ends.into_iter().map(|e| e.unwrap_or(full_run)).collect())
}

fn fingerprint(db: &Database<'_>) -> String {
    scalar(
        db,
        "SELECT format('%s rows, total %s, labels %s, tags %s', count(*), sum(total), count(DISTINCT label), \
         (SELECT count(*) FROM tags)) FROM items",
    )
}

fn schema(db: &Database<'_>) -> plinth_model::Schema {
    inspect(&mut db.client().unwrap(), &SchemaFilter::only(&["public"])).unwrap()
}

#[test]
fn killed_applies_always_converge() {
    let tmp = tempfile::tempdir().unwrap();
    write_dir(tmp.path(), FAULT);
    let d = tmp.path().to_str().unwrap();

    let reference = sandbox().fresh_database().unwrap();
    let (full_run, step_ends) = timed_reference_run(&reference, d);
    let want_schema = schema(&reference);
    let want_data = fingerprint(&reference);
    assert!(
        !want_schema.tables.is_empty(),
        "{} tables in the reference: {:?}",
        scalar::<i64>(&reference, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
        want_schema
    );

    let trials: usize = std::env::var("PLINTH_FAULT_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let mut kill_points: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut mid_run, mut invalid_left, mut resumed) = (0, 0, 0);
    let mut orphan_wait = Duration::ZERO;
    for trial in 0..trials {
        let db = sandbox().fresh_database().unwrap();
        let u = url(&db);
        // Two kills inside each step's window of the reference run (at a
        // random point of it), the rest anywhere in [0, full run].
        let steps = step_ends.len();
        // Stratified trials: wait until this run has recorded the steps
        // before step s, then kill at a random point of step s's duration in
        // the reference run (at least 30 ms: quick steps end between two
        // polls). The others: anywhere in [0, full run] after the start.
        let (target, wait_for) = if trial < 2 * steps {
            let s = trial % steps;
            let from = if s == 0 { Duration::ZERO } else { step_ends[s - 1] };
            let window = step_ends[s].saturating_sub(from).max(Duration::from_millis(30));
            (s as i32, window.mul_f64(rng.unit()))
        } else {
            (0, full_run.mul_f64(rng.unit()))
        };
        let mut child = plinth_command()
            .args(["migrate", "apply", "--db", &u, d])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let t0 = Instant::now();
        while target > 0 && steps_recorded(&db) < target && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(wait_for);
        let delay = t0.elapsed();
        let finished_anyway = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
        orphan_wait = orphan_wait.max(wait_for_orphans(&db));

        let done = steps_recorded(&db);
        *kill_points.entry(NEXT_STEP[done as usize]).or_default() += 1;
        if !finished_anyway && done < TOTAL_STEPS {
            mid_run += 1;
        }
        if scalar::<i64>(&db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid") > 0 {
            invalid_left += 1;
        }

        let o = rerun_with_deadline(&u, d, Duration::from_secs(300));
        expect_code(
            &o,
            0,
            &format!("trial {trial}: re-run after a kill at {delay:?} ({done} steps recorded)"),
        );
        if text(&o.stderr).contains("resuming at step") {
            resumed += 1;
        }
        let h = history(&db);
        assert_eq!(h.len(), 3, "trial {trial}: {h:?}");
        assert!(
            h.iter().all(|(_, done, total, finished)| done == total && *finished),
            "trial {trial}: inconsistent history {h:?}"
        );
        assert_eq!(
            scalar::<i64>(&db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"),
            0,
            "trial {trial}: an INVALID index survived"
        );
        let diffs = compare(&want_schema, &schema(&db), &CompareOptions::default());
        assert!(diffs.is_empty(), "trial {trial} (kill at {delay:?}): {diffs:#?}");
        assert_eq!(fingerprint(&db), want_data, "trial {trial}: data differs");
    }
    eprintln!(
        "fault test: {trials} trials, fault-free run {full_run:?} (step ends {step_ends:?}); kill points (step running -> trials): {kill_points:?}; \
         {mid_run} killed mid-run, {invalid_left} left an INVALID index, {resumed} re-runs resumed a half-done migration; \
         longest wait for the killed run's backend to go: {orphan_wait:?}; all {trials} converged"
    );
    assert!(
        trials >= 20 || std::env::var("PLINTH_FAULT_TRIALS").is_ok(),
        "the issue asks for at least 20 trials"
    );
    assert!(
        mid_run * 2 >= trials,
        "most kills must land mid-run: {mid_run}/{trials}"
    );
    // Kill points follow the timed reference run; on a loaded machine the
    // steps stretch unevenly, so ask for variety, not for a fixed spread
    // (7 distinct points were seen with a fuzzer on the other core).
    assert!(
        kill_points.len() >= 5,
        "kills must land at varied points: {kill_points:?}"
    );
}

/// Recorded steps over all migrations, on a connection kept for polling.
fn recorded_now(c: &mut postgres::Client) -> i32 {
    let exists: bool = c
        .query_one("SELECT to_regclass('plinth.plinth_migrations') IS NOT NULL", &[])
        .unwrap()
        .get(0);
    if !exists {
        return 0;
    }
    let n: i64 = c
        .query_one("SELECT coalesce(sum(steps_done), 0) FROM plinth.plinth_migrations", &[])
        .unwrap()
        .get(0);
    n as i32
}

/// The same for `down`: `down --to V` (idempotent, unlike `--steps N`) on
/// the fault directory (batched un-backfills, concurrent index drops) is
/// SIGKILLed at points spread by its progress, re-run, and must reach the
/// schema and data of a fault-free rollback with only the first migration
/// left.
#[test]
fn killed_downs_always_converge() {
    let tmp = tempfile::tempdir().unwrap();
    write_dir(tmp.path(), FAULT);
    let d = tmp.path().to_str().unwrap();
    let first = "20260201000000";
    let down_args = |u: &str| -> Vec<String> {
        ["migrate", "down", "--db", u, d, "--to", first, "--allow-destructive"]
            .map(String::from)
            .to_vec()
    };

    let reference = sandbox().fresh_database().unwrap();
    let ru = url(&reference);
    expect_code(&migrate(&["apply", "--db", &ru, d]), 0, "reference apply");
    let started = Instant::now();
    let o = plinth_command().args(down_args(&ru)).output().unwrap();
    let full_down = started.elapsed();
    expect_code(&o, 0, "reference down");
    let want = schema(&reference);
    let want_rows: i64 = scalar(&reference, "SELECT count(*) FROM items");

    let mut rng = Rng(0xd0_11_d0_11);
    let mut kill_points: BTreeMap<i32, usize> = BTreeMap::new();
    let trials = 9;
    for trial in 0..trials {
        let db = sandbox().fresh_database().unwrap();
        let u = url(&db);
        expect_code(&migrate(&["apply", "--db", &u, d]), 0, "apply");
        let mut poll = db.client().unwrap();
        let mut child = plinth_command()
            .args(down_args(&u))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Trial k waits until the rollback has brought the recorded steps
        // down to 11 - k (its progress, not a clock), then 0-50 ms more.
        let target = TOTAL_STEPS - trial as i32;
        while recorded_now(&mut poll) > target && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(50).mul_f64(rng.unit()));
        child.kill().ok();
        child.wait().unwrap();
        drop(poll);
        wait_for_orphans(&db);
        *kill_points.entry(steps_recorded(&db)).or_default() += 1;

        let o = plinth_command().args(down_args(&u)).output().unwrap();
        expect_code(&o, 0, &format!("trial {trial}: down re-run"));
        assert_eq!(history(&db), [(first.into(), 2, 2, true)], "trial {trial}");
        let diffs = compare(&want, &schema(&db), &CompareOptions::default());
        assert!(diffs.is_empty(), "trial {trial}: {diffs:#?}");
        assert_eq!(
            scalar::<i64>(&db, "SELECT count(*) FROM items"),
            want_rows,
            "trial {trial}"
        );
        assert_eq!(
            scalar::<i64>(&db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid"),
            0
        );
    }
    eprintln!(
        "down fault test: {trials} trials, fault-free down {full_down:?}; steps recorded at the kill -> trials: {kill_points:?}; all converged"
    );
    let mid_rollback: usize = kill_points.iter().filter(|(k, _)| **k > 2).map(|(_, n)| n).sum();
    assert!(
        mid_rollback * 2 >= trials,
        "most kills must land mid-rollback: {kill_points:?}"
    );
    assert!(
        kill_points.len() >= 2,
        "kills must land at varied points: {kill_points:?}"
    );
}
