//! Where databases come from: a throwaway [`Cluster`] (owned or the
//! process-wide shared one) or an external server given by URL, and fresh,
//! uniquely named databases that drop themselves.
//!
//! Every verification gets its own database so that runs (and tests running
//! in parallel on one cluster) can never see each other's objects, and so
//! that nothing is left behind on an external server.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use crate::cluster::{try_shared, Cluster};
use crate::error::SandboxError;
use crate::sql::ident;

/// Environment variable naming an external server (`--database-url`).
pub const DATABASE_URL_ENV: &str = "PLINTH_DATABASE_URL";

/// A server to create throwaway databases on.
#[derive(Debug)]
pub struct Sandbox {
    server: Server,
    /// Connection settings for the maintenance database, from which
    /// databases are created and dropped.
    admin: postgres::Config,
}

#[derive(Debug)]
enum Server {
    Owned(Box<Cluster>),
    Shared(&'static Cluster),
    /// An external server; the string is the URL with any password removed.
    External(String),
}

impl Sandbox {
    /// Starts a private cluster, stopped when the sandbox is dropped.
    pub fn start() -> Result<Sandbox, SandboxError> {
        Ok(Sandbox::owning(Cluster::start()?))
    }

    /// Starts a private cluster from the binaries in `bin_dir` (see
    /// [`Cluster::start_in`]), stopped when the sandbox is dropped.
    pub fn start_in(bin_dir: &std::path::Path) -> Result<Sandbox, SandboxError> {
        Ok(Sandbox::owning(Cluster::start_in(bin_dir)?))
    }

    fn owning(cluster: Cluster) -> Sandbox {
        let admin = cluster.config("postgres");
        Sandbox {
            server: Server::Owned(Box::new(cluster)),
            admin,
        }
    }

    /// Uses the process-wide [`crate::shared`] cluster (one per test binary).
    pub fn shared() -> Result<Sandbox, SandboxError> {
        let cluster = try_shared()?;
        Ok(Sandbox {
            server: Server::Shared(cluster),
            admin: cluster.config("postgres"),
        })
    }

    /// An external server, as a `postgresql://` URL or a libpq key=value
    /// string. The role needs CREATEDB (and CREATEROLE for the tenant probe);
    /// its database (default `postgres`) is only used to create and drop the
    /// throwaway databases.
    pub fn external(url: &str) -> Result<Sandbox, SandboxError> {
        let mut admin = postgres::Config::from_str(url).map_err(|e| SandboxError::Url(e.to_string()))?;
        if admin.get_dbname().is_none() {
            admin.dbname("postgres");
        }
        admin.application_name("plinth-sandbox");
        if admin.get_connect_timeout().is_none() {
            admin.connect_timeout(Duration::from_secs(10));
        }
        let shown = redact(url);
        admin
            .connect(postgres::NoTls)
            .map_err(|e| SandboxError::pg(format!("cannot connect to {shown}"), e))?;
        Ok(Sandbox {
            server: Server::External(shown),
            admin,
        })
    }

    /// `url` (from `--database-url`), else env `PLINTH_DATABASE_URL`, else a
    /// private cluster.
    pub fn connect(url: Option<&str>) -> Result<Sandbox, SandboxError> {
        match url
            .map(str::to_string)
            .or_else(|| std::env::var(DATABASE_URL_ENV).ok().filter(|u| !u.is_empty()))
        {
            Some(u) => Sandbox::external(&u),
            None => Sandbox::start(),
        }
    }

    /// The cluster, when this sandbox runs one.
    pub fn cluster(&self) -> Option<&Cluster> {
        match &self.server {
            Server::Owned(c) => Some(c),
            Server::Shared(c) => Some(c),
            Server::External(_) => None,
        }
    }

    /// Human-readable description of the server, without secrets.
    pub fn describe(&self) -> String {
        match (&self.server, self.cluster()) {
            (Server::External(url), _) => format!("external server {url}"),
            (_, Some(c)) => format!(
                "throwaway PostgreSQL {} at {}",
                c.major_version(),
                c.socket_dir().display()
            ),
            (_, None) => "unknown server".to_string(),
        }
    }

    /// A connection to the maintenance database.
    pub fn admin_client(&self) -> Result<postgres::Client, SandboxError> {
        self.admin
            .connect(postgres::NoTls)
            .map_err(|e| SandboxError::pg("cannot connect to the maintenance database", e))
    }

    /// Server major version (from `server_version_num`), e.g. 15.
    pub fn server_version(&self) -> Result<u32, SandboxError> {
        if let Some(c) = self.cluster() {
            return Ok(c.major_version());
        }
        let row = self
            .admin_client()?
            .query_one("SELECT current_setting('server_version_num')::int", &[])
            .map_err(|e| SandboxError::pg("cannot read server_version_num", e))?;
        Ok((row.get::<_, i32>(0) / 10_000) as u32)
    }

    /// Creates an empty database `plinth_<random>`, dropped (with FORCE) when
    /// the returned handle is dropped.
    pub fn fresh_database(&self) -> Result<Database<'_>, SandboxError> {
        let name = format!("plinth_{}", random_suffix());
        let mut admin = self.admin_client()?;
        admin
            .batch_execute(&format!(
                "CREATE DATABASE {} TEMPLATE template1 ENCODING 'UTF8'",
                ident(&name)
            ))
            .map_err(|e| SandboxError::pg(format!("cannot create database {name}"), e))?;
        let mut config = self.admin.clone();
        config.dbname(&name);
        Ok(Database {
            sandbox: self,
            name,
            config,
        })
    }
}

/// A throwaway database; dropped from the server when this is dropped.
#[derive(Debug)]
pub struct Database<'s> {
    sandbox: &'s Sandbox,
    name: String,
    config: postgres::Config,
}

impl Database<'_> {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn sandbox(&self) -> &Sandbox {
        self.sandbox
    }

    /// Connection settings of this database (as the sandbox's superuser).
    pub fn config(&self) -> &postgres::Config {
        &self.config
    }

    /// A new connection as the sandbox's (super)user.
    pub fn client(&self) -> Result<postgres::Client, SandboxError> {
        self.config
            .connect(postgres::NoTls)
            .map_err(|e| SandboxError::pg(format!("cannot connect to {}", self.name), e))
    }

    /// A new connection that acts as `role` (`SET ROLE`, session-wide).
    ///
    /// Why `SET ROLE` rather than logging in as the role: the application
    /// role the probes need is NOLOGIN and has no password, and an external
    /// server may not allow password-less logins; row-level security and
    /// privileges are decided by the current role either way.
    pub fn connect_as(&self, role: &str) -> Result<postgres::Client, SandboxError> {
        let mut client = self.client()?;
        client
            .batch_execute(&format!("SET ROLE {}", ident(role)))
            .map_err(|e| SandboxError::pg(format!("cannot SET ROLE {role}"), e))?;
        Ok(client)
    }
}

impl Drop for Database<'_> {
    fn drop(&mut self) {
        let result = self.sandbox.admin_client().and_then(|mut admin| {
            let quoted = ident(&self.name);
            // FORCE (PostgreSQL ≥ 13) terminates leftover connections, e.g.
            // a client a caller forgot to drop.
            match admin.batch_execute(&format!("DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")) {
                Ok(()) => Ok(()),
                Err(_) => {
                    let _ = admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                        &[&self.name],
                    );
                    admin
                        .batch_execute(&format!("DROP DATABASE IF EXISTS {quoted}"))
                        .map_err(|e| SandboxError::pg("drop database", e))
                }
            }
        });
        if let Err(e) = result {
            eprintln!("plinth-sandbox: could not drop database {}: {e}", self.name);
        }
    }
}

/// 16 hex digits, unique within the process (counter) and unlikely to
/// collide across processes sharing an external server (random seed).
fn random_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(t) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    format!("{:016x}", h.finish())
}

/// Removes a password from a URL or key=value string for messages.
fn redact(url: &str) -> String {
    if let Some(rest) = url.split_once("://").map(|(_, r)| r) {
        if let Some((userinfo, _)) = rest.split_once('@') {
            if let Some((user, _)) = userinfo.split_once(':') {
                return url.replacen(userinfo, &format!("{user}:***"), 1);
            }
        }
        return url.to_string();
    }
    url.split_whitespace()
        .map(|kv| {
            if kv.starts_with("password=") {
                "password=***"
            } else {
                kv
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgresql://u:secret@h:5432/db"),
            "postgresql://u:***@h:5432/db"
        );
        assert_eq!(redact("postgresql://u@h/db"), "postgresql://u@h/db");
        assert_eq!(
            redact("host=/tmp user=u password=x dbname=d"),
            "host=/tmp user=u password=*** dbname=d"
        );
    }

    #[test]
    fn suffixes_differ() {
        assert_ne!(random_suffix(), random_suffix());
        assert_eq!(random_suffix().len(), 16);
    }
}
