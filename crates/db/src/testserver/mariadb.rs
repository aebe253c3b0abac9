//! A throw-away MariaDB server, reached with the `mariadb` command-line client.

use super::{
    ServerProcess, find_program, free_port, make_temp_dir, running_as_root, skip_requested,
};
use crate::DbError;
use crate::mysql::MysqlClient;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The Debian package that ships `mariadbd`.
const PACKAGE: &str = "mariadb-server";

/// A MariaDB server in a temporary directory, stopped and deleted on drop.
///
/// It starts from an empty data directory with `--skip-grant-tables` (no accounts, no
/// passwords), listens on 127.0.0.1 and on a unix socket in its directory, and trades
/// durability for speed. Its default character set is `utf8mb4`.
pub struct MariaDbServer {
    port: u16,
    dir: PathBuf,
    socket: PathBuf,
    counter: AtomicUsize,
    _process: ServerProcess,
}

impl MariaDbServer {
    /// Start a server on a free port. Takes about a second.
    pub fn start() -> Result<MariaDbServer, DbError> {
        let mariadbd = find_program("mariadbd", &["/usr/sbin"], PACKAGE)?;
        let dir = make_temp_dir("schemata-mariadb-")?;
        match Self::start_in(&dir, &mariadbd) {
            Ok(server) => Ok(server),
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                Err(e)
            }
        }
    }

    fn start_in(dir: &Path, mariadbd: &Path) -> Result<MariaDbServer, DbError> {
        let data = dir.join("data");
        std::fs::create_dir(&data)
            .map_err(|e| DbError::io(format!("creating {}", data.display()), e))?;
        let socket = dir.join("mariadb.sock");
        let port = free_port()?;
        let mut cmd = Command::new(mariadbd);
        // `--no-defaults` must come first.
        cmd.arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", socket.display()))
            .arg(format!("--pid-file={}", dir.join("mariadb.pid").display()))
            .arg(format!("--tmpdir={}", dir.display()))
            .arg(format!("--port={port}"))
            .args([
                "--bind-address=127.0.0.1",
                "--skip-grant-tables",
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=8M",
                "--innodb-flush-log-at-trx-commit=0",
                "--innodb-doublewrite=0",
                "--skip-log-bin",
            ]);
        if running_as_root() {
            cmd.arg("--user=root");
        }
        cmd.current_dir(dir);
        let mut process =
            ServerProcess::spawn(cmd, dir.to_path_buf(), dir.join("server.log"), "KILL")?;
        let client = MysqlClient::new(&socket, None)?;
        process.wait_ready("mariadbd", || client.execute("SELECT 1"))?;
        Ok(MariaDbServer {
            port,
            dir: dir.to_path_buf(),
            socket,
            counter: AtomicUsize::new(0),
            _process: process,
        })
    }

    /// The TCP port the server listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory holding the data directory, the socket and the log.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The unix socket to reach the server with the client.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// A client with no default database.
    pub fn client(&self) -> Result<MysqlClient, DbError> {
        MysqlClient::new(&self.socket, None)
    }

    /// Create an empty database whose name starts with `label` and ends with a number unique on
    /// this server, and return a client whose default database it is.
    pub fn fresh_database(&self, label: &str) -> Result<MysqlClient, DbError> {
        let n = self.counter.fetch_add(1, Ordering::SeqCst);
        let name = super::postgres::database_name(label, n);
        let client = self.client()?;
        client.execute(&format!("CREATE DATABASE `{name}`"))?;
        Ok(client.with_database(&name))
    }
}

/// The MariaDB server shared by the tests of this test binary, started on first use.
///
/// `Ok(None)` when `SCHEMATA_SKIP_DB_TESTS=1`; an error (repeated to every caller) when the
/// server cannot start, e.g. because `mariadb-server` is not installed.
pub fn shared() -> Result<Option<&'static MariaDbServer>, DbError> {
    static SERVER: OnceLock<Result<MariaDbServer, String>> = OnceLock::new();
    if skip_requested() {
        return Ok(None);
    }
    match SERVER.get_or_init(|| MariaDbServer::start().map_err(|e| e.to_string())) {
        Ok(server) => Ok(Some(server)),
        Err(e) => Err(DbError::Server(e.clone())),
    }
}
