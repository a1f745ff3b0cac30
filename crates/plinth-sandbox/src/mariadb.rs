//! A throwaway MariaDB server: `mariadb-install-db` into a temp dir named
//! `/tmp/plinth-mariadb-*`, `mariadbd` on a unix socket only
//! (`--skip-networking`), killed and deleted on drop.
//!
//! Why a private server: like the PostgreSQL [`crate::Cluster`], the MySQL
//! dialect's round trip must run offline without credentials and must never
//! touch real data. Durability is off (`innodb_flush_log_at_trx_commit=0`, no
//! doublewrite, no binary log) because nothing outlives the process.
//!
//! The server is driven through the `mariadb` command-line client in batch
//! mode (no client library to build): scripts go to its stdin, results come
//! back as tab-separated lines (`--raw`, so the caller picks an unambiguous
//! encoding such as one JSON document per query).
//!
//! Cleanup has the same two layers as the PostgreSQL cluster: [`Drop`] kills
//! the server and deletes the directory; a *reaper* `sh` process, blocked on
//! a pipe whose only writer is this process, does the same when the process
//! ends for any reason (a killed test, the never-dropped [`shared_mariadb`]).

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::error::SandboxError;

/// Env var naming the folder holding `mariadbd` (exported by
/// `scripts/test-deps/mariadb.sh`).
pub const MARIADB_BIN_ENV: &str = "PLINTH_MARIADB_BIN";

/// Waits for EOF on stdin (this process closed it or died), then kills the
/// server whose pid is in `$1` and removes `$2`. Signals sent to the whole
/// process group are ignored; the reaper runs in its own group anyway.
const REAPER_SCRIPT: &str = r#"trap '' INT TERM HUP QUIT PIPE
cat >/dev/null 2>&1
pidfile=$1; root=$2
pid=$(cat "$pidfile" 2>/dev/null)
if [ -n "$pid" ]; then
  kill -KILL "$pid" 2>/dev/null
  i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
fi
rm -rf "$root"
"#;

/// A running throwaway MariaDB server. See the module documentation.
#[derive(Debug)]
pub struct MariaDb {
    bin_dir: PathBuf,
    client: PathBuf,
    root: PathBuf,
    data_dir: PathBuf,
    socket: PathBuf,
    version: String,
    startup: Duration,
    server: Option<Child>,
    reaper: Option<(Child, ChildStdin)>,
}

impl MariaDb {
    /// Finds the binaries (env `PLINTH_MARIADB_BIN`, then `PATH`, then
    /// `/usr/sbin`), initialises a data directory and starts the server.
    /// When running as root the server runs as the `mysql` OS user (mariadbd
    /// refuses root), falling back to `postgres` or `nobody`.
    pub fn start() -> Result<MariaDb, SandboxError> {
        let started = Instant::now();
        let bin_dir = find_bin_dir()?;
        let client = find_program(&bin_dir, "mariadb")?;
        let install_db = find_program(&bin_dir, "mariadb-install-db")?;
        let run_as = server_user()?;
        let root = tempfile::Builder::new()
            .prefix("plinth-mariadb-")
            .tempdir_in("/tmp")
            .map_err(|e| SandboxError::io("cannot create a temp dir in /tmp", e))?
            .keep();
        let data_dir = root.join("data");
        let mut db = MariaDb {
            bin_dir,
            client,
            socket: root.join("mysqld.sock"),
            root,
            data_dir,
            version: String::new(),
            startup: Duration::ZERO,
            server: None,
            reaper: None,
        };
        // From here on, an early return drops `db`, which cleans up.
        db.reaper = Some(db.spawn_reaper()?);
        if let Some(user) = &run_as {
            run(
                Command::new("chown").arg(format!("{user}:")).arg(&db.root),
                "chown of the sandbox directory",
            )?;
        }
        let mut install = Command::new(&install_db);
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", db.data_dir.display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"])
            .arg(format!("--basedir={}", basedir(&db.bin_dir).display()))
            .env("LC_ALL", "C")
            .stdin(Stdio::null());
        if let Some(user) = &run_as {
            install.arg(format!("--user={user}"));
        }
        run(&mut install, "mariadb-install-db")?;

        let mut server = Command::new(db.bin_dir.join("mariadbd"));
        server
            .arg("--no-defaults")
            .arg(format!("--datadir={}", db.data_dir.display()))
            .arg(format!("--socket={}", db.socket.display()))
            .arg(format!("--pid-file={}", db.pid_file().display()))
            .arg(format!("--log-error={}", db.log_path().display()))
            .args([
                "--skip-networking",
                "--skip-log-bin",
                "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=16M",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
                "--max-connections=40",
            ])
            .env("LC_ALL", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        if let Some(user) = &run_as {
            server.arg(format!("--user={user}"));
        }
        db.server = Some(
            server
                .spawn()
                .map_err(|e| SandboxError::io("cannot start mariadbd", e))?,
        );
        db.wait_ready(Duration::from_secs(60))?;
        db.version = db.query_lines(None, "SELECT VERSION()")?.concat();
        db.startup = started.elapsed();
        Ok(db)
    }

    /// `SELECT VERSION()`, e.g. `10.11.6-MariaDB-0+deb12u1`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The temp directory removed on drop or by the reaper.
    pub fn root_dir(&self) -> &Path {
        &self.root
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    pub fn bin_dir(&self) -> &Path {
        &self.bin_dir
    }

    /// The `mariadb` client binary.
    pub fn client_path(&self) -> &Path {
        &self.client
    }

    /// How long `start` took (install + server start).
    pub fn startup_time(&self) -> Duration {
        self.startup
    }

    /// The server's process id.
    pub fn server_pid(&self) -> Option<u32> {
        self.server.as_ref().map(Child::id)
    }

    /// Creates a database with a fresh name and returns the name.
    pub fn fresh_database(&self) -> Result<String, SandboxError> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!("plinth_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        self.run_script(None, &format!("CREATE DATABASE `{name}`"))?;
        Ok(name)
    }

    /// Runs a script (statements separated by `;`, `DELIMITER` understood)
    /// with the `mariadb` client as the server's root user, in `database`
    /// when given; returns the client's standard output. Stops at the first
    /// error, which comes back with the client's `ERROR n at line l` text.
    pub fn run_script(&self, database: Option<&str>, sql: &str) -> Result<String, SandboxError> {
        let mut cmd = self.client_command(database);
        let out = pipe_through(&mut cmd, sql, "the mariadb client")?;
        Ok(out)
    }

    /// Runs a script of queries; returns every result row as one line
    /// (columns tab-separated, values raw: the caller chooses an unambiguous
    /// encoding, e.g. one JSON document per query).
    pub fn query_lines(&self, database: Option<&str>, sql: &str) -> Result<Vec<String>, SandboxError> {
        Ok(self.run_script(database, sql)?.lines().map(str::to_string).collect())
    }

    fn client_command(&self, database: Option<&str>) -> Command {
        let mut cmd = Command::new(&self.client);
        cmd.arg("--no-defaults")
            .arg(format!("--socket={}", self.socket.display()))
            .args([
                "--user=root",
                "--batch",
                "--raw",
                "--skip-column-names",
                "--default-character-set=utf8mb4",
                // Send comments to the server: routine bodies keep them, as written.
                "--comments",
            ])
            .env("LC_ALL", "C");
        if let Some(db) = database {
            cmd.arg(format!("--database={db}"));
        }
        cmd
    }

    fn wait_ready(&mut self, limit: Duration) -> Result<(), SandboxError> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(server) = self.server.as_mut() {
                if let Ok(Some(status)) = server.try_wait() {
                    return Err(self.failure(format!("mariadbd exited during start-up ({status})")));
                }
            }
            if self.socket.exists() && self.run_script(None, "SELECT 1").is_ok() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(self.failure(format!("mariadbd did not accept connections within {limit:?}")));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn failure(&self, what: String) -> SandboxError {
        let log = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        SandboxError::Command {
            what,
            status: "server start".into(),
            output: format!(
                "--- server log ---\n{}",
                lines[lines.len().saturating_sub(30)..].join("\n")
            ),
        }
    }

    fn pid_file(&self) -> PathBuf {
        self.root.join("mariadbd.pid")
    }

    fn log_path(&self) -> PathBuf {
        self.root.join("server.log")
    }

    fn spawn_reaper(&self) -> Result<(Child, ChildStdin), SandboxError> {
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(REAPER_SCRIPT)
            .arg("plinth-mariadb-reaper")
            .arg(self.pid_file())
            .arg(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| SandboxError::io("cannot spawn the cleanup reaper (sh)", e))?;
        let stdin = child.stdin.take().expect("piped stdin");
        Ok((child, stdin))
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        // Nothing in the server outlives it: no graceful shutdown needed.
        if let Some(mut server) = self.server.take() {
            let _ = server.kill();
            let _ = server.wait();
        }
        if let Err(e) = std::fs::remove_dir_all(&self.root) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("plinth-sandbox: cannot remove {}: {e}", self.root.display());
            }
        }
        if let Some((mut child, stdin)) = self.reaper.take() {
            let _ = child.kill();
            drop(stdin);
            let _ = child.wait();
        }
    }
}

static SHARED: OnceLock<Result<MariaDb, String>> = OnceLock::new();

/// One MariaDB server for the whole process, started on first use and
/// removed by its reaper when the process exits.
///
/// # Panics
/// When the server cannot start: tests that need MariaDB fail loudly.
pub fn shared_mariadb() -> &'static MariaDb {
    match SHARED.get_or_init(|| MariaDb::start().map_err(|e| e.to_string())) {
        Ok(db) => db,
        Err(e) => panic!("the shared MariaDB sandbox could not start: {e}"),
    }
}

/// `PLINTH_MARIADB_BIN`, then `mariadbd` on `PATH`, then `/usr/sbin`. An
/// explicit directory without `mariadbd` is an error, never a fall-through.
fn find_bin_dir() -> Result<PathBuf, SandboxError> {
    if let Some(dir) = std::env::var_os(MARIADB_BIN_ENV).filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        if dir.join("mariadbd").is_file() {
            return Ok(dir);
        }
        return Err(not_found(format!(
            "{MARIADB_BIN_ENV}={} (it has no mariadbd)",
            dir.display()
        )));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path).chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/local/sbin")]) {
        if dir.join("mariadbd").is_file() {
            return Ok(dir);
        }
    }
    Err(not_found(format!("{MARIADB_BIN_ENV} (unset), PATH, /usr/sbin")))
}

fn not_found(searched: String) -> SandboxError {
    SandboxError::Command {
        what: "finding the MariaDB server".into(),
        status: "mariadbd not found".into(),
        output: format!(
            "looked in: {searched}. Install MariaDB (scripts/test-deps/mariadb.sh does: \
             `apt-get install mariadb-server mariadb-client`) or set {MARIADB_BIN_ENV}"
        ),
    }
}

/// A client program beside the server, in `../bin`, or on `PATH`.
fn find_program(bin_dir: &Path, name: &str) -> Result<PathBuf, SandboxError> {
    let mut candidates = vec![bin_dir.join(name)];
    if let Some(parent) = bin_dir.parent() {
        candidates.push(parent.join("bin").join(name));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    candidates.extend(std::env::split_paths(&path).map(|d| d.join(name)));
    candidates
        .into_iter()
        .find(|p| p.is_file())
        .ok_or_else(|| not_found(format!("{name} beside {} and on PATH", bin_dir.display())))
}

/// The installation prefix (`/usr` for `/usr/sbin`), which
/// `mariadb-install-db` needs to find its SQL scripts.
fn basedir(bin_dir: &Path) -> PathBuf {
    bin_dir
        .parent()
        .map_or_else(|| PathBuf::from("/usr"), Path::to_path_buf)
}

/// `None` when the server can run as the current user; otherwise the OS user
/// to run it as.
fn server_user() -> Result<Option<String>, SandboxError> {
    let euid = std::fs::metadata("/proc/self")
        .map(|m| m.uid())
        .map_err(|e| SandboxError::io("cannot read /proc/self", e))?;
    if euid != 0 {
        return Ok(None);
    }
    for user in ["mysql", "postgres", "nobody"] {
        let exists = Command::new("id")
            .arg("-u")
            .arg(user)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if exists {
            return Ok(Some(user.to_string()));
        }
    }
    Err(SandboxError::Command {
        what: "choosing a server user".into(),
        status: "running as root".into(),
        output: "mariadbd refuses to run as root and no `mysql`, `postgres` or `nobody` user exists".into(),
    })
}

fn pipe_through(cmd: &mut Command, input: &str, what: &str) -> Result<String, SandboxError> {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| SandboxError::io(format!("cannot run {what}"), e))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_string();
    // Written from a thread: a large script and a large result would
    // otherwise deadlock on full pipes.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child
        .wait_with_output()
        .map_err(|e| SandboxError::io(format!("cannot run {what}"), e))?;
    let _ = writer.join();
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    Err(SandboxError::Command {
        what: what.to_string(),
        status: out.status.to_string(),
        output: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

fn run(cmd: &mut Command, what: &str) -> Result<(), SandboxError> {
    let out = cmd
        .output()
        .map_err(|e| SandboxError::io(format!("cannot run {what} ({:?})", cmd.get_program()), e))?;
    if out.status.success() {
        return Ok(());
    }
    Err(SandboxError::Command {
        what: what.to_string(),
        status: out.status.to_string(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    })
}
