//! Cluster lifecycle against real PostgreSQL binaries: start, connect, stop,
//! and — the part that keeps CI machines clean — no server and no temp dir
//! left behind when the owning process exits without dropping the cluster
//! (the `shared()` static) or dies abruptly.
//!
//! A missing PostgreSQL installation makes these tests fail with the
//! sandbox's explanation; they never skip.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use plinth_sandbox::{shared, Cluster};

/// Env var that turns the ignored `child_*` tests below into real work when
/// this test binary re-runs itself as a child process.
const CHILD_ENV: &str = "PLINTH_SANDBOX_REAPER_CHILD";

#[test]
fn starts_connects_and_cleans_up_on_drop() {
    let cluster = Cluster::start().unwrap_or_else(|e| panic!("{e}"));
    eprintln!("cluster start took {:?}", cluster.startup_time());
    assert!(cluster.major_version() >= 13, "version {}", cluster.major_version());
    let root = cluster.root_dir().to_path_buf();
    assert!(
        root.as_os_str().len() < 60,
        "socket dir too long for the unix socket limit: {}",
        root.display()
    );
    let pid = cluster.postmaster_pid().expect("postmaster.pid");
    assert!(process_alive(pid));

    let mut client = cluster.connect("postgres").unwrap();
    let row = client
        .query_one(
            "SELECT current_user::text, current_setting('fsync'), current_setting('listen_addresses')",
            &[],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "plinth");
    assert_eq!(row.get::<_, String>(1), "off");
    assert_eq!(row.get::<_, String>(2), "");
    let version: i32 = client
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .unwrap()
        .get(0);
    assert_eq!(version as u32 / 10_000, cluster.major_version());
    drop(client);

    drop(cluster);
    assert!(!root.exists(), "{} still exists after drop", root.display());
    assert!(
        wait_until(Duration::from_secs(5), || !process_alive(pid)),
        "postmaster {pid} survived drop"
    );
    assert!(processes_mentioning(&root).is_empty());
}

#[test]
fn two_clusters_run_side_by_side() {
    let a = Cluster::start().unwrap();
    let b = Cluster::start().unwrap();
    assert_ne!(a.root_dir(), b.root_dir());
    let mut ca = a.connect("postgres").unwrap();
    let mut cb = b.connect("postgres").unwrap();
    ca.batch_execute("CREATE DATABASE only_in_a").unwrap();
    let n: i64 = cb
        .query_one("SELECT count(*) FROM pg_database WHERE datname = 'only_in_a'", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
}

#[test]
fn shared_cluster_is_one_per_process() {
    let a = shared();
    let b = shared();
    assert!(std::ptr::eq(a, b));
    a.connect("postgres").unwrap().batch_execute("SELECT 1").unwrap();
}

#[test]
fn reaper_cleans_up_shared_cluster_after_normal_exit() {
    check_child_leaves_nothing("child_starts_shared_and_exits");
}

#[test]
fn reaper_cleans_up_after_abort() {
    check_child_leaves_nothing("child_starts_cluster_and_aborts");
}

/// Runs this test binary again with only `child_test` enabled; the child
/// prints its cluster's directory and postmaster pid and then exits without
/// running any destructor. Within a few seconds both must be gone.
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
    let gone = wait_until(Duration::from_secs(10), || {
        !root.exists() && !process_alive(pid) && processes_mentioning(&root).is_empty()
    });
    assert!(
        gone,
        "after the child exited: dir exists={}, postmaster alive={}, processes={:?}",
        root.exists(),
        process_alive(pid),
        processes_mentioning(&root)
    );
}

#[test]
#[ignore = "run by reaper_cleans_up_shared_cluster_after_normal_exit in a child process"]
fn child_starts_shared_and_exits() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let c = shared();
    c.connect("postgres").unwrap().batch_execute("SELECT 1").unwrap();
    println!("PLINTH_ROOT={}", c.root_dir().display());
    println!("PLINTH_PID={}", c.postmaster_pid().unwrap());
    // Statics are never dropped; exit explicitly so not even the test
    // harness's own teardown runs.
    std::process::exit(0);
}

#[test]
#[ignore = "run by reaper_cleans_up_after_abort in a child process"]
fn child_starts_cluster_and_aborts() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let c = Cluster::start().unwrap();
    println!("PLINTH_ROOT={}", c.root_dir().display());
    println!("PLINTH_PID={}", c.postmaster_pid().unwrap());
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

/// Alive and not a zombie (a zombie has released everything it held).
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
