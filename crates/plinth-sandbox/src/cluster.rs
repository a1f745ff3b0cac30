//! A throwaway PostgreSQL cluster: `initdb` into a temp dir, `pg_ctl start`
//! on a unix socket only, stop and delete on drop.
//!
//! Why a private cluster rather than the machine's server: verification must
//! run offline on a laptop and in CI without credentials, must be free to
//! create roles and databases, and must never touch real data. Durability is
//! switched off (`fsync`, `synchronous_commit`, `full_page_writes`) because
//! nothing in it outlives the process.
//!
//! Cleanup has two layers. [`Drop`] stops the server and deletes the
//! directory. A *reaper* (a tiny `sh` process started before `initdb`) covers
//! everything `Drop` cannot: a killed or aborted test process, and the
//! process-wide [`shared`] cluster, which lives in a static and is never
//! dropped. The reaper blocks reading a pipe whose only writer is this
//! process; the kernel closes that pipe when the process ends *for any
//! reason*, so the reaper wakes, stops the server and removes the directory.

use std::ffi::OsString;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::error::SandboxError;

/// The superuser `initdb` creates; connections use it over the socket with
/// `trust` authentication (the socket directory is private to the cluster).
pub(crate) const SUPERUSER: &str = "plinth";

/// Stops the server and removes the directory once stdin reaches EOF, which
/// happens when the owning process closes it or dies. Signals that a
/// terminal or a test runner sends to the whole process group are ignored,
/// and the reaper runs in its own process group anyway.
/// Arguments: `$1` data dir, `$2` root dir, `$3...` the pg_ctl command
/// (possibly prefixed by `runuser -u postgres --`).
const REAPER_SCRIPT: &str = r#"trap '' INT TERM HUP QUIT PIPE
cat >/dev/null 2>&1
data=$1; root=$2; shift 2
if [ -f "$data/postmaster.pid" ]; then
  "$@" stop -D "$data" -m immediate -w >/dev/null 2>&1 || {
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null)
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  }
fi
rm -rf "$root"
"#;

/// A running throwaway cluster. See the module documentation.
#[derive(Debug)]
pub struct Cluster {
    bin_dir: PathBuf,
    root: PathBuf,
    data_dir: PathBuf,
    port: u16,
    major_version: u32,
    run_as: Option<String>,
    startup: Duration,
    reaper: Option<(Child, ChildStdin)>,
}

impl Cluster {
    /// Finds the server binaries, creates and starts a cluster.
    ///
    /// Binaries are looked up in this order: env `PG_BIN`, `initdb` on
    /// `PATH`, the highest version under `/usr/lib/postgresql/*/bin`. When
    /// running as root the server runs as the `postgres` OS user (or
    /// `nobody`), because `initdb` refuses to run as root.
    pub fn start() -> Result<Cluster, SandboxError> {
        Cluster::start_in(&find_bin_dir()?)
    }

    /// Like [`Cluster::start`], with the server binaries (`initdb`, `pg_ctl`,
    /// `postgres`) taken from `bin_dir` instead of searched for.
    ///
    /// Why: a test that needs one particular major version (say 18, beside
    /// the system's 15) must not depend on search order, and a wrong
    /// directory must fail loudly rather than fall back to another server.
    pub fn start_in(bin_dir: &Path) -> Result<Cluster, SandboxError> {
        let started = Instant::now();
        if !is_bin_dir(bin_dir) {
            return Err(SandboxError::BinariesNotFound {
                searched: format!("{} (it has no initdb and pg_ctl)", bin_dir.display()),
            });
        }
        let bin_dir = bin_dir.to_path_buf();
        let run_as = server_user()?;
        let base = if Path::new("/tmp").is_dir() {
            PathBuf::from("/tmp")
        } else {
            std::env::temp_dir()
        };
        let root = tempfile::Builder::new()
            .prefix("plinth-")
            .tempdir_in(&base)
            .map_err(|e| SandboxError::io(format!("cannot create a temp dir in {}", base.display()), e))?
            .keep();
        let data_dir = root.join("data");
        let mut cluster = Cluster {
            bin_dir,
            root,
            data_dir,
            port: pick_port(),
            major_version: 0,
            run_as,
            startup: Duration::ZERO,
            reaper: None,
        };
        // From here on, an early return drops `cluster`, which cleans up.
        cluster.reaper = Some(cluster.spawn_reaper()?);
        if let Some(user) = &cluster.run_as {
            run(
                Command::new("chown").arg(format!("{user}:")).arg(&cluster.root),
                "chown of the sandbox directory",
            )?;
        }
        let mut initdb = cluster.server_command("initdb");
        initdb
            .args([
                "--no-sync",
                "--no-instructions",
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
            ])
            .args(["--locale=C", "-D"])
            .arg(&cluster.data_dir);
        run(&mut initdb, "initdb")?;
        cluster.major_version = read_major_version(&cluster.data_dir)?;

        let options = format!(
            "-c listen_addresses='' -k {} -p {} -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c shared_buffers=32MB -c max_connections=60 \
             -c log_min_messages=warning",
            cluster.root.display(),
            cluster.port
        );
        let mut start = cluster.server_command("pg_ctl");
        start
            .args(["-w", "-t", "60", "-D"])
            .arg(&cluster.data_dir)
            .arg("-l")
            .arg(cluster.log_path())
            .args(["-o", &options, "start"]);
        if let Err(e) = run(&mut start, "pg_ctl start") {
            let log = std::fs::read_to_string(cluster.log_path()).unwrap_or_default();
            return Err(match e {
                SandboxError::Command { what, status, output } => SandboxError::Command {
                    what,
                    status,
                    output: format!("{output}\n--- server log ---\n{}", tail(&log, 40)),
                },
                other => other,
            });
        }
        cluster.startup = started.elapsed();
        Ok(cluster)
    }

    /// Major server version, e.g. 15.
    pub fn major_version(&self) -> u32 {
        self.major_version
    }

    /// Directory holding the unix socket (and the data directory).
    pub fn socket_dir(&self) -> &Path {
        &self.root
    }

    /// The temp directory removed on drop or by the reaper.
    pub fn root_dir(&self) -> &Path {
        &self.root
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The port number; with no TCP listener it only names the socket file.
    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn bin_dir(&self) -> &Path {
        &self.bin_dir
    }

    /// How long `start` took (initdb + server start).
    pub fn startup_time(&self) -> Duration {
        self.startup
    }

    /// The postmaster's process id, read from `postmaster.pid`.
    pub fn postmaster_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.data_dir.join("postmaster.pid")).ok()?;
        text.lines().next()?.trim().parse().ok()
    }

    /// Connection settings for `dbname` as the superuser over the socket.
    pub fn config(&self, dbname: &str) -> postgres::Config {
        let mut config = postgres::Config::new();
        config
            .host_path(&self.root)
            .port(self.port)
            .user(SUPERUSER)
            .dbname(dbname)
            .application_name("plinth-sandbox")
            .connect_timeout(Duration::from_secs(10));
        config
    }

    /// A superuser connection to `dbname`.
    pub fn connect(&self, dbname: &str) -> Result<postgres::Client, SandboxError> {
        self.config(dbname)
            .connect(postgres::NoTls)
            .map_err(|e| SandboxError::pg(format!("cannot connect to sandbox database {dbname}"), e))
    }

    /// A libpq-style URL for this cluster (for `--database-url` style use).
    pub fn url(&self, dbname: &str) -> String {
        format!(
            "host={} port={} user={} dbname={}",
            self.root.display(),
            self.port,
            SUPERUSER,
            dbname
        )
    }

    fn log_path(&self) -> PathBuf {
        self.root.join("server.log")
    }

    /// A command for a server binary, run as the server user when needed.
    fn server_command(&self, program: &str) -> Command {
        let path = self.bin_dir.join(program);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(path);
                c
            }
            None => Command::new(path),
        };
        // The server's messages are parsed by tests; keep them in English.
        cmd.env("LC_ALL", "C").env_remove("PGDATA").stdin(Stdio::null());
        cmd
    }

    fn spawn_reaper(&self) -> Result<(Child, ChildStdin), SandboxError> {
        let pg_ctl = self.server_command("pg_ctl");
        let mut argv: Vec<OsString> = vec![pg_ctl.get_program().to_owned()];
        argv.extend(pg_ctl.get_args().map(|a| a.to_owned()));
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(REAPER_SCRIPT)
            .arg("plinth-reaper")
            .arg(&self.data_dir)
            .arg(&self.root)
            .args(argv)
            .env("LC_ALL", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| SandboxError::io("cannot spawn the cleanup reaper (sh)", e))?;
        let stdin = child.stdin.take().expect("piped stdin");
        Ok((child, stdin))
    }

    fn stop(&mut self) {
        if self.data_dir.join("postmaster.pid").exists() {
            let mut stop = self.server_command("pg_ctl");
            stop.args(["stop", "-m", "immediate", "-w", "-D"]).arg(&self.data_dir);
            let stopped = stop
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map(|s| s.success());
            if !matches!(stopped, Ok(true)) {
                if let Some(pid) = self.postmaster_pid() {
                    let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
                }
            }
        }
        if let Err(e) = std::fs::remove_dir_all(&self.root) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("plinth-sandbox: cannot remove {}: {e}", self.root.display());
            }
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
        if let Some((mut child, stdin)) = self.reaper.take() {
            // The work is done; the reaper must not wake up and race a
            // future cluster that reuses nothing but could share a name.
            let _ = child.kill();
            drop(stdin);
            let _ = child.wait();
        }
    }
}

static SHARED: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// One cluster for the whole process (e.g. all tests of a test binary).
/// Started on first use; never dropped (statics are not), so it is stopped
/// and deleted by its reaper when the process exits.
///
/// # Panics
/// When the cluster cannot start — tests that need PostgreSQL must fail
/// loudly when it is missing. Use [`try_shared`] to handle the error.
pub fn shared() -> &'static Cluster {
    match try_shared() {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    }
}

/// Like [`shared`], returning the start error instead of panicking.
pub fn try_shared() -> Result<&'static Cluster, SandboxError> {
    match SHARED.get_or_init(|| Cluster::start().map_err(|e| e.to_string())) {
        Ok(c) => Ok(c),
        Err(e) => Err(SandboxError::Shared(e.clone())),
    }
}

/// `PG_BIN`, then `initdb` on `PATH` (symlinks resolved, so `pg_ctl` and
/// `postgres` are found beside it), then `/usr/lib/postgresql/<highest>/bin`.
fn find_bin_dir() -> Result<PathBuf, SandboxError> {
    search_bin_dir(
        std::env::var_os("PG_BIN"),
        std::env::var_os("PATH"),
        Path::new("/usr/lib/postgresql"),
    )
}

/// The search behind [`find_bin_dir`], with its inputs as parameters.
/// An explicit `PG_BIN` that does not hold the binaries is an error rather
/// than a silent fall-through: it is almost certainly a typo.
fn search_bin_dir(
    pg_bin: Option<OsString>,
    path: Option<OsString>,
    versions_root: &Path,
) -> Result<PathBuf, SandboxError> {
    if let Some(dir) = pg_bin.filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        if is_bin_dir(&dir) {
            return Ok(dir);
        }
        return Err(SandboxError::BinariesNotFound {
            searched: format!("PG_BIN={} (it has no initdb and pg_ctl)", dir.display()),
        });
    }
    for dir in path.iter().flat_map(std::env::split_paths) {
        let initdb = dir.join("initdb");
        if initdb.is_file() {
            let real = initdb
                .canonicalize()
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf));
            if let Some(real) = real.filter(|r| is_bin_dir(r)) {
                return Ok(real);
            }
        }
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(versions_root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            is_bin_dir(&bin).then_some((v, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Ok(bin);
    }
    Err(SandboxError::BinariesNotFound {
        searched: format!("PG_BIN (unset), PATH, {}/*/bin", versions_root.display()),
    })
}

fn is_bin_dir(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("pg_ctl").is_file()
}

/// `None` when the server can run as the current user; otherwise the OS user
/// to run it as (initdb and postgres refuse to run as root).
fn server_user() -> Result<Option<String>, SandboxError> {
    let euid = std::fs::metadata("/proc/self").map(|m| m.uid()).or_else(|_| {
        let out = Command::new("id")
            .arg("-u")
            .output()
            .map_err(|e| SandboxError::io("cannot run `id -u`", e))?;
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse::<u32>()
            .map_err(|_| SandboxError::Url("unreadable output of `id -u`".into()))
    })?;
    if euid != 0 {
        return Ok(None);
    }
    for user in ["postgres", "nobody"] {
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
        output: "initdb refuses to run as root and neither a `postgres` nor a `nobody` user exists".into(),
    })
}

/// With `listen_addresses=''` the port only names the socket file, and each
/// cluster has its own socket directory, so any number works; pid and a
/// counter keep concurrent clusters' shared-memory keys apart too.
fn pick_port() -> u16 {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mix = std::process::id().wrapping_mul(7).wrapping_add(n.wrapping_mul(7919));
    20_000 + (mix % 40_000) as u16
}

fn read_major_version(data_dir: &Path) -> Result<u32, SandboxError> {
    let path = data_dir.join("PG_VERSION");
    let text =
        std::fs::read_to_string(&path).map_err(|e| SandboxError::io(format!("cannot read {}", path.display()), e))?;
    text.trim()
        .split('.')
        .next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| SandboxError::Command {
            what: "reading PG_VERSION".into(),
            status: "unparsable".into(),
            output: text.clone(),
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

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fake_bin(dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        for b in ["initdb", "pg_ctl"] {
            std::fs::write(dir.join(b), "").unwrap();
        }
    }

    #[test]
    fn binary_search_order_and_loud_absence() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("lib");
        let none = search_bin_dir(None, Some("".into()), &root).unwrap_err();
        assert!(matches!(none, SandboxError::BinariesNotFound { .. }));
        assert!(none.to_string().contains("apt-get install postgresql"), "{none}");

        fake_bin(&root.join("9/bin"));
        fake_bin(&root.join("16/bin"));
        fake_bin(&root.join("13/bin"));
        std::fs::create_dir_all(root.join("17/bin")).unwrap(); // no binaries
        assert_eq!(search_bin_dir(None, None, &root).unwrap(), root.join("16/bin"));

        let on_path = tmp.path().join("path");
        fake_bin(&on_path);
        let found = search_bin_dir(None, Some(on_path.clone().into()), &root).unwrap();
        assert_eq!(found, on_path.canonicalize().unwrap());

        let explicit = tmp.path().join("explicit");
        fake_bin(&explicit);
        let found = search_bin_dir(Some(explicit.clone().into()), Some(on_path.into()), &root);
        assert_eq!(found.unwrap(), explicit);
        let typo = search_bin_dir(Some(tmp.path().join("typo").into()), None, &root).unwrap_err();
        assert!(typo.to_string().contains("typo"), "{typo}");
    }

    #[test]
    fn an_explicit_bin_dir_without_binaries_fails_loudly() {
        let tmp = tempfile::tempdir().unwrap();
        let err = Cluster::start_in(&tmp.path().join("nope")).unwrap_err();
        assert!(matches!(err, SandboxError::BinariesNotFound { .. }), "{err}");
        assert!(err.to_string().contains("nope"), "{err}");
    }
}
