//! The runner's connection: settings, the run lock, and a watcher that sees
//! who blocks us while a statement waits for a lock.

use crate::error::{db, MigrateError};
use postgres::{Client, Config, NoTls};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Key of the session advisory lock that keeps two runners off one database.
const RUN_LOCK_KEY: i64 = 0x706c_696e_7468; // "plinth"

/// How long a second runner waits for the first before giving up.
const RUN_LOCK_WAIT: Duration = Duration::from_secs(60);

/// A connection to the target database.
pub struct Session {
    pub(crate) client: Client,
    config: Config,
    pid: i32,
    watcher: Option<Watcher>,
}

struct Watcher {
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Option<(Instant, String)>>>,
    thread: Option<JoinHandle<()>>,
}

impl Session {
    /// Connects to `url` (a `postgres://` URL or a libpq key=value string).
    pub fn connect(url: &str) -> Result<Session, MigrateError> {
        let mut config = Config::from_str(url).map_err(|e| {
            MigrateError::Input(format!(
                "--db: not a PostgreSQL connection string: {e}\n  help: pass postgres://user@host:5432/dbname or `host=... dbname=...`"
            ))
        })?;
        if config.get_application_name().is_none() {
            config.application_name("plinth migrate");
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let mut client = config
            .connect(NoTls)
            .map_err(|e| MigrateError::Failed(format!("cannot connect to the database: {e}")))?;
        let pid: i32 = client
            .query_one("SELECT pg_backend_pid()", &[])
            .map_err(|e| db("cannot read the backend pid", e))?
            .get(0);
        // PostgreSQL ≥ 14: when this process dies mid-statement the server
        // notices within 250 ms and cancels the statement (and releases the
        // run lock) instead of finishing work nobody will record.
        let _ = client.batch_execute("SET client_connection_check_interval = '250ms'");
        keep_history_schema_off_path(&mut client)?;
        Ok(Session {
            client,
            config,
            pid,
            watcher: None,
        })
    }

    /// The connection, e.g. to read the history.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The server's major version, e.g. 15.
    pub fn server_major(&mut self) -> Result<i32, MigrateError> {
        let v: i32 = self
            .client
            .query_one("SELECT current_setting('server_version_num')::int", &[])
            .map_err(|e| db("cannot read the server version", e))?
            .get(0);
        Ok(v / 10_000)
    }

    /// Takes the run lock (a session advisory lock, released when the
    /// connection ends, also when the process is killed). Waits up to a
    /// minute for another runner.
    pub fn lock_run(&mut self, log: &mut dyn std::io::Write) -> Result<(), MigrateError> {
        let started = Instant::now();
        let mut told = false;
        loop {
            let got: bool = self
                .client
                .query_one("SELECT pg_try_advisory_lock($1)", &[&RUN_LOCK_KEY])
                .map_err(|e| db("cannot take the run lock", e))?
                .get(0);
            if got {
                return Ok(());
            }
            let holder: Option<i32> = self
                .client
                .query_opt(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted \
                     AND objid = ($1 & 4294967295)::oid AND classid = ($1 >> 32)::oid LIMIT 1",
                    &[&RUN_LOCK_KEY],
                )
                .ok()
                .flatten()
                .map(|r| r.get(0));
            if started.elapsed() > RUN_LOCK_WAIT {
                return Err(MigrateError::Failed(format!(
                    "another plinth migrate holds the run lock on this database (backend pid {})\n  help: wait for it to finish, or stop it",
                    holder.map_or("unknown".into(), |p| p.to_string())
                )));
            }
            if !told {
                let _ = writeln!(
                    log,
                    "waiting for another plinth migrate (backend pid {}) to finish",
                    holder.map_or("unknown".into(), |p| p.to_string())
                );
                told = true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Starts watching which sessions block this one (every 50 ms, on a
    /// second connection), so that a lock timeout can name its cause.
    pub fn watch_blockers(&mut self) -> Result<(), MigrateError> {
        if self.watcher.is_some() {
            return Ok(());
        }
        let mut config = self.config.clone();
        config.application_name("plinth migrate (lock watcher)");
        let mut client = config
            .connect(NoTls)
            .map_err(|e| MigrateError::Failed(format!("cannot open the lock watcher connection: {e}")))?;
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(None));
        let (stop2, seen2, pid) = (stop.clone(), seen.clone(), self.pid);
        let thread = std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match client.query(
                    "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), \
                     left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 160), \
                     coalesce(extract(epoch FROM clock_timestamp() - a.xact_start)::float8, 0) \
                     FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids($1))",
                    &[&pid],
                ) {
                    Ok(rows) if !rows.is_empty() => {
                        let text = rows
                            .iter()
                            .map(|r| {
                                format!(
                                    "backend pid {} (application \"{}\", {} for {:.1} s, last statement: {})",
                                    r.get::<_, i32>(0),
                                    r.get::<_, String>(1),
                                    r.get::<_, String>(2),
                                    r.get::<_, f64>(4),
                                    r.get::<_, String>(3)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; ");
                        if let Ok(mut s) = seen2.lock() {
                            *s = Some((Instant::now(), text));
                        }
                    }
                    Ok(_) => {}
                    Err(_) => return,
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        self.watcher = Some(Watcher {
            stop,
            seen,
            thread: Some(thread),
        });
        Ok(())
    }

    /// The sessions last seen blocking this one within `window`.
    pub fn recent_blocker(&self, window: Duration) -> Option<String> {
        let w = self.watcher.as_ref()?;
        let seen = w.seen.lock().ok()?;
        seen.as_ref()
            .filter(|(at, _)| at.elapsed() <= window)
            .map(|(_, text)| text.clone())
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The history lives in the schema `plinth`. For a role also named
/// `plinth`, the default search path's `"$user"` entry would resolve to that
/// schema once it exists, and every unqualified `CREATE TABLE` of a
/// migration would land next to the history instead of in `public`. So the
/// runner's session drops `"$user"` from its search path in that case.
fn keep_history_schema_off_path(client: &mut Client) -> Result<(), MigrateError> {
    let row = client
        .query_one("SELECT current_user::text, current_setting('search_path')", &[])
        .map_err(|e| db("cannot read the search path", e))?;
    let (user, path): (String, String) = (row.get(0), row.get(1));
    if user != crate::history::SCHEMA {
        return Ok(());
    }
    let kept = without_user_entry(&path);
    if kept != path {
        client
            .execute("SELECT pg_catalog.set_config('search_path', $1, false)", &[&kept])
            .map_err(|e| db("cannot set the search path", e))?;
    }
    Ok(())
}

/// `search_path` without its `$user` entry.
pub(crate) fn without_user_entry(path: &str) -> String {
    path.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty() && *e != "\"$user\"" && *e != "$user")
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_user_entry_leaves_the_search_path() {
        assert_eq!(super::without_user_entry("\"$user\", public"), "public");
        assert_eq!(super::without_user_entry("app, $user,public"), "app, public");
        assert_eq!(super::without_user_entry("public"), "public");
    }
}
