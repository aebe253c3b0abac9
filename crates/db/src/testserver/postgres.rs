//! A throw-away PostgreSQL 15 server.

use super::{
    ServerProcess, account_ids, find_program, free_port, make_temp_dir, run_checked,
    running_as_root, skip_requested,
};
use crate::DbError;
use crate::postgres::{PgClient, connect};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where Debian installs the PostgreSQL 15 server programs.
const BIN_DIR: &str = "/usr/lib/postgresql/15/bin";
/// The Debian package that ships them.
const PACKAGE: &str = "postgresql-15";

/// A PostgreSQL server in a temporary directory, stopped and deleted on drop.
///
/// As root the server runs as the `postgres` OS user (PostgreSQL refuses root), with trust
/// authentication, `fsync=off`, listening on 127.0.0.1 and on a unix socket in its directory.
pub struct PgServer {
    port: u16,
    dir: PathBuf,
    counter: AtomicUsize,
    _process: ServerProcess,
}

/// A database created on a [`PgServer`] for one test.
#[derive(Debug, Clone)]
pub struct PgDatabase {
    /// The database name.
    pub name: String,
    /// Connection string for [`crate::postgres::connect`].
    pub url: String,
}

impl PgDatabase {
    /// Open a connection to this database.
    pub fn connect(&self) -> Result<PgClient, DbError> {
        connect(&self.url)
    }
}

impl PgServer {
    /// Initialise a data directory and start a server on a free port. Takes about two seconds.
    pub fn start() -> Result<PgServer, DbError> {
        let initdb = find_program(&format!("{BIN_DIR}/initdb"), &[], PACKAGE)?;
        let postgres = find_program(&format!("{BIN_DIR}/postgres"), &[], PACKAGE)?;
        let dir = make_temp_dir("schemata-pg-")?;
        match Self::start_in(&dir, &initdb, &postgres) {
            Ok(server) => Ok(server),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                Err(e)
            }
        }
    }

    fn start_in(dir: &Path, initdb: &Path, postgres: &Path) -> Result<PgServer, DbError> {
        let user = if running_as_root() {
            let (uid, gid) = account_ids("postgres")?;
            std::os::unix::fs::chown(dir, Some(uid), Some(gid))
                .map_err(|e| DbError::io(format!("giving {} to postgres", dir.display()), e))?;
            Some((uid, gid))
        } else {
            None
        };
        let as_user = |cmd: &mut Command| {
            if let Some((uid, gid)) = user {
                cmd.uid(uid).gid(gid);
            }
            // The server needs nothing from the caller's locale or home.
            cmd.env("LC_ALL", "C").env_remove("PGDATA").current_dir(dir);
        };
        let data = dir.join("data");
        let mut init = Command::new(initdb);
        init.arg("--pgdata").arg(&data).args([
            "--username=postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions",
        ]);
        as_user(&mut init);
        run_checked(&mut init, "initdb", &dir.join("initdb.log"))?;

        let port = free_port()?;
        let mut cmd = Command::new(postgres);
        cmd.arg("-D")
            .arg(&data)
            .arg("-p")
            .arg(port.to_string())
            .arg("-c")
            .arg("listen_addresses=127.0.0.1")
            .arg("-c")
            .arg(format!("unix_socket_directories={}", dir.display()))
            .args([
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=50",
                "-c",
                "shared_buffers=32MB",
            ]);
        as_user(&mut cmd);
        let mut process =
            ServerProcess::spawn(cmd, dir.to_path_buf(), dir.join("server.log"), "QUIT")?;
        let url = format!("host=127.0.0.1 port={port} user=postgres dbname=postgres");
        process.wait_ready("postgres", || connect(&url).map(|_| ()))?;
        Ok(PgServer {
            port,
            dir: dir.to_path_buf(),
            counter: AtomicUsize::new(0),
            _process: process,
        })
    }

    /// The TCP port the server listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory holding the data directory, the unix socket and the logs.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Connection string for a database of this server.
    pub fn url(&self, database: &str) -> String {
        format!(
            "host=127.0.0.1 port={} user=postgres dbname={database}",
            self.port
        )
    }

    /// Create an empty database whose name starts with `label` (made a valid identifier) and
    /// ends with a number unique on this server.
    pub fn fresh_database(&self, label: &str) -> Result<PgDatabase, DbError> {
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        let name = database_name(label, n);
        let admin = connect(&self.url("postgres"))?;
        admin.batch_execute(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(PgDatabase {
            url: self.url(&name),
            name,
        })
    }
}

/// A lower-case identifier from `label` and `n`, at most 63 bytes.
pub(crate) fn database_name(label: &str, n: usize) -> String {
    let mut base: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    base.truncate(48);
    format!("t_{base}_{n}")
}

/// The PostgreSQL server shared by the tests of this test binary, started on first use.
///
/// `Ok(None)` when `SCHEMATA_SKIP_DB_TESTS=1`; an error (repeated to every caller) when the
/// server cannot start, e.g. because `postgresql-15` is not installed.
pub fn shared() -> Result<Option<&'static PgServer>, DbError> {
    static SERVER: OnceLock<Result<PgServer, String>> = OnceLock::new();
    if skip_requested() {
        return Ok(None);
    }
    match SERVER.get_or_init(|| PgServer::start().map_err(|e| e.to_string())) {
        Ok(server) => Ok(Some(server)),
        Err(e) => Err(DbError::Server(e.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_identifiers() {
        assert_eq!(
            database_name("Apply Examples::shop", 3),
            "t_apply_examples__shop_3"
        );
        assert!(database_name(&"x".repeat(100), 12345).len() <= 63);
    }
}
