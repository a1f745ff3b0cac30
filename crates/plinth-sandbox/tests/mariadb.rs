//! The throwaway MariaDB server against the real binaries: start, query,
//! fresh databases, and no server and no temp dir left behind when the
//! owning process drops it, exits without dropping it (the shared static) or
//! aborts. A missing MariaDB installation fails these tests (no skip):
//! `scripts/test-deps/mariadb.sh` installs it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use plinth_sandbox::{shared_mariadb, MariaDb};

const CHILD_ENV: &str = "PLINTH_MARIADB_REAPER_CHILD";

#[test]
fn starts_runs_sql_and_cleans_up_on_drop() {
    let db = MariaDb::start().unwrap_or_else(|e| panic!("{e}"));
    eprintln!("MariaDB {} started in {:?}", db.version(), db.startup_time());
    assert!(db.version().contains("MariaDB"), "{}", db.version());
    let root = db.root_dir().to_path_buf();
    assert!(root
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("plinth-mariadb-"));
    let pid = db.server_pid().unwrap();
    assert!(process_alive(pid));

    // No TCP listener; the server's defaults are the ones the tests rely on.
    let lines = db
        .query_lines(
            None,
            "SELECT @@skip_networking, @@character_set_server, @@collation_server",
        )
        .unwrap();
    assert_eq!(lines, vec!["1\tutf8mb4\tutf8mb4_general_ci"]);

    let a = db.fresh_database().unwrap();
    let b = db.fresh_database().unwrap();
    assert_ne!(a, b);
    db.run_script(
        Some(&a),
        "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2);",
    )
    .unwrap();
    assert_eq!(db.query_lines(Some(&a), "SELECT COUNT(*) FROM t").unwrap(), vec!["2"]);
    let err = db.run_script(Some(&b), "SELECT * FROM t").unwrap_err().to_string();
    assert!(err.contains("doesn't exist"), "{err}");
    // DELIMITER blocks work (routines and triggers are applied this way).
    db.run_script(
        Some(&a),
        "DELIMITER ;;\nCREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC BEGIN RETURN x * 2; END;;\nDELIMITER ;\n",
    )
    .unwrap();
    assert_eq!(db.query_lines(Some(&a), "SELECT twice(21)").unwrap(), vec!["42"]);

    drop(db);
    assert!(!root.exists(), "{} still exists after drop", root.display());
    assert!(
        wait_until(Duration::from_secs(5), || !process_alive(pid)),
        "mariadbd {pid} survived drop"
    );
    assert!(processes_mentioning(&root).is_empty());
}

#[test]
fn reaper_cleans_up_shared_server_after_normal_exit() {
    check_child_leaves_nothing("child_starts_shared_and_exits");
}

#[test]
fn reaper_cleans_up_after_abort() {
    check_child_leaves_nothing("child_starts_server_and_aborts");
}

/// Runs this test binary again with only `child_test` enabled; the child
/// prints its server's directory and pid, then exits without running any
/// destructor. Within a few seconds both must be gone.
fn check_child_leaves_nothing(child_test: &str) {
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args([child_test, "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let field = |key: &str| {
        stdout
            .lines()
            .find_map(|l| l.split_once(key).map(|(_, v)| v.trim().to_string()))
            .unwrap_or_else(|| panic!("child printed no {key}\nstdout:\n{stdout}\nstderr:\n{stderr}"))
    };
    let root = PathBuf::from(field("PLINTH_ROOT="));
    let pid: u32 = field("PLINTH_PID=").parse().unwrap();
    let gone = wait_until(Duration::from_secs(15), || {
        !root.exists() && !process_alive(pid) && processes_mentioning(&root).is_empty()
    });
    assert!(
        gone,
        "after the child exited: dir exists={}, mariadbd alive={}, processes={:?}",
        root.exists(),
        process_alive(pid),
        processes_mentioning(&root)
    );
}

#[test]
#[ignore = "run by reaper_cleans_up_shared_server_after_normal_exit in a child process"]
fn child_starts_shared_and_exits() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let db = shared_mariadb();
    db.run_script(None, "SELECT 1").unwrap();
    println!("PLINTH_ROOT={}", db.root_dir().display());
    println!("PLINTH_PID={}", db.server_pid().unwrap());
    std::process::exit(0);
}

#[test]
#[ignore = "run by reaper_cleans_up_after_abort in a child process"]
fn child_starts_server_and_aborts() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let db = MariaDb::start().unwrap();
    println!("PLINTH_ROOT={}", db.root_dir().display());
    println!("PLINTH_PID={}", db.server_pid().unwrap());
    use std::io::Write;
    std::io::stdout().flush().unwrap();
    std::process::abort();
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    done()
}

/// Alive and not a zombie.
fn process_alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

/// Pids of live processes whose command line mentions `dir`.
fn processes_mentioning(dir: &Path) -> Vec<u32> {
    let needle = dir.to_string_lossy().into_owned();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|c| String::from_utf8_lossy(&c).replace('\0', " ").contains(&needle))
                .unwrap_or(false)
        })
        .filter(|pid| process_alive(*pid))
        .collect()
}
