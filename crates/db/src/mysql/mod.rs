//! MariaDB (the MySQL-dialect target): a client that drives the `mariadb` command-line program
//! through a unix socket, and introspection of `information_schema` into a
//! [`Design`](schemata_model::Design).
//!
//! No Rust driver is involved: statements go to the client's standard input, and queries return
//! one `JSON_OBJECT(...)` per row, which keeps values with tabs, newlines or the text `NULL`
//! intact through the client's tab-separated output.

mod introspect;
mod types;

pub use introspect::introspect;
pub use types::logical_type;

use crate::DbError;
use crate::testserver::find_program;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The Debian package that ships the `mariadb` client.
const CLIENT_PACKAGE: &str = "mariadb-client";

/// How to reach a MariaDB server with the command-line client: a unix socket, user `root` with
/// no password, and optionally a default database.
#[derive(Debug, Clone)]
pub struct MysqlClient {
    program: PathBuf,
    socket: PathBuf,
    database: Option<String>,
}

impl MysqlClient {
    /// A client for the server listening on `socket`; fails when the `mariadb` (or `mysql`)
    /// program is not installed.
    pub fn new(socket: &Path, database: Option<&str>) -> Result<MysqlClient, DbError> {
        let program = find_program("mariadb", &[], CLIENT_PACKAGE)
            .or_else(|_| find_program("mysql", &[], CLIENT_PACKAGE))?;
        Ok(MysqlClient {
            program,
            socket: socket.to_path_buf(),
            database: database.map(str::to_string),
        })
    }

    /// The same server with another default database.
    pub fn with_database(&self, database: &str) -> MysqlClient {
        MysqlClient {
            database: Some(database.to_string()),
            ..self.clone()
        }
    }

    /// The default database, if any.
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }

    /// Run a script of SQL statements; stops at the first failing statement.
    pub fn execute(&self, sql: &str) -> Result<(), DbError> {
        self.run(sql).map(|_| ())
    }

    /// Run a query whose single column is a `JSON_OBJECT(...)`, and return one value per row.
    pub fn query_json(&self, sql: &str) -> Result<Vec<serde_json::Value>, DbError> {
        let out = self.run(sql)?;
        out.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                serde_json::from_str(line).map_err(|e| {
                    DbError::Mysql(format!("unreadable row `{line}` from the client: {e}"))
                })
            })
            .collect()
    }

    fn run(&self, sql: &str) -> Result<String, DbError> {
        let mut cmd = Command::new(&self.program);
        cmd.arg("--no-defaults")
            .arg(format!("--socket={}", self.socket.display()))
            .args([
                "--user=root",
                "--batch",
                "--raw",
                "--skip-column-names",
                "--default-character-set=utf8mb4",
            ]);
        if let Some(db) = &self.database {
            cmd.arg(format!("--database={db}"));
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| DbError::io("running the mariadb client", e))?;
        if let Some(mut stdin) = child.stdin.take() {
            // A write error means the client exited early; its stderr says why.
            let _ = stdin.write_all(sql.as_bytes());
        }
        let output = child
            .wait_with_output()
            .map_err(|e| DbError::io("running the mariadb client", e))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            let err = String::from_utf8_lossy(&output.stderr);
            // In batch mode the client echoes the failing statement before the error; the caller
            // knows the statement.
            let err = match err.find("ERROR ") {
                Some(at) => err[at..].trim().to_string(),
                None => err.trim().to_string(),
            };
            Err(DbError::Mysql(if err.is_empty() {
                format!("the client exited with {}", output.status)
            } else {
                err
            }))
        }
    }
}

/// Apply a DDL script to the client's database.
pub fn apply(client: &MysqlClient, sql: &str) -> Result<(), DbError> {
    client.execute(sql)
}

/// `text` as a MariaDB string literal.
pub(crate) fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "''"))
}
