//! Throw-away database servers for tests: PostgreSQL 15 and MariaDB 10.11 from Debian's packages.
//!
//! Each server gets its own data directory in a temporary directory, listens only on 127.0.0.1 on
//! a free port (plus a unix socket in that directory), and is stopped with its data removed when
//! its handle is dropped. A test binary usually keeps one server in a `static` (see
//! [`postgres::shared`] and [`mariadb::shared`]) and creates one fresh database per test; statics
//! are never dropped, so every server is also watched by a small `sh` process that holds the read
//! end of a pipe whose write end only this process has: when the test process ends in any way
//! (normal exit, panic, signal), the pipe closes and the watcher stops the server and deletes its
//! directory.
//!
//! When a server binary is missing the start fails with [`DbError::NotInstalled`], naming the
//! Debian package. Tests call [`skip_requested`] first so that `SCHEMATA_SKIP_DB_TESTS=1` turns
//! them into no-ops on machines without the servers.

pub mod mariadb;
pub mod postgres;

pub use mariadb::MariaDbServer;
pub use postgres::PgServer;

use crate::DbError;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// Environment variable that makes the live-database tests skip instead of fail.
pub const SKIP_ENV: &str = "SCHEMATA_SKIP_DB_TESTS";

/// Whether `SCHEMATA_SKIP_DB_TESTS` asks to skip tests that need a database server.
pub fn skip_requested() -> bool {
    std::env::var(SKIP_ENV).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// How long a server may take to accept connections.
pub(crate) const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A free TCP port on 127.0.0.1 (free when asked; the server binds it right after).
pub(crate) fn free_port() -> Result<u16, DbError> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))
        .map_err(|e| DbError::io("finding a free port", e))?;
    let port = listener
        .local_addr()
        .map_err(|e| DbError::io("finding a free port", e))?
        .port();
    Ok(port)
}

/// The path of `program`: taken as is when it contains a `/`, else searched in `PATH` and then in
/// `extra_dirs`. Missing programs are reported with the Debian package that ships them.
pub(crate) fn find_program(
    program: &str,
    extra_dirs: &[&str],
    package: &str,
) -> Result<PathBuf, DbError> {
    let not_installed = || DbError::NotInstalled {
        program: program.to_string(),
        package: package.to_string(),
    };
    if program.contains('/') {
        let p = PathBuf::from(program);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(not_installed())
        };
    }
    let path_dirs = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    path_dirs
        .into_iter()
        .chain(extra_dirs.iter().map(PathBuf::from))
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .ok_or_else(not_installed)
}

/// Whether this process runs as root (the owner of `/proc/self` is the effective user).
pub(crate) fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// User and group id of an OS account, from `/etc/passwd`.
pub(crate) fn account_ids(user: &str) -> Result<(u32, u32), DbError> {
    let passwd =
        fs::read_to_string("/etc/passwd").map_err(|e| DbError::io("reading /etc/passwd", e))?;
    for line in passwd.lines() {
        let fields: Vec<&str> = line.split(':').collect();
        if fields.len() >= 4
            && fields[0] == user
            && let (Ok(uid), Ok(gid)) = (fields[2].parse(), fields[3].parse())
        {
            return Ok((uid, gid));
        }
    }
    Err(DbError::Server(format!(
        "there is no OS user `{user}` (it comes with the server's Debian package)"
    )))
}

/// A fresh temporary directory that this code removes itself (through the watcher).
pub(crate) fn make_temp_dir(prefix: &str) -> Result<PathBuf, DbError> {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .map(|d| d.keep())
        .map_err(|e| DbError::io("creating a temporary directory", e))
}

/// The last lines of a log file, for error messages.
pub(crate) fn log_tail(path: &Path) -> String {
    let mut text = String::new();
    if let Ok(mut f) = fs::File::open(path) {
        let _ = f.read_to_string(&mut text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(15);
    lines[start..].join("\n")
}

/// A log file to pass as a child's stdout/stderr.
pub(crate) fn log_file(path: &Path) -> Result<(Stdio, Stdio), DbError> {
    let f = fs::File::create(path)
        .map_err(|e| DbError::io(format!("creating {}", path.display()), e))?;
    let g = f
        .try_clone()
        .map_err(|e| DbError::io(format!("opening {}", path.display()), e))?;
    Ok((Stdio::from(f), Stdio::from(g)))
}

/// Run a command to completion; a failure carries its output.
pub(crate) fn run_checked(cmd: &mut Command, what: &str, log: &Path) -> Result<(), DbError> {
    let (out, err) = log_file(log)?;
    let status = cmd
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .status()
        .map_err(|e| DbError::io(format!("running {what}"), e))?;
    if status.success() {
        Ok(())
    } else {
        Err(DbError::Server(format!(
            "{what} failed ({status}):\n{}",
            log_tail(log)
        )))
    }
}

/// A running server process, its directory, and the watcher that cleans both up.
pub(crate) struct ServerProcess {
    child: Child,
    watcher: Option<Child>,
    watcher_pipe: Option<ChildStdin>,
    dir: PathBuf,
    log: PathBuf,
}

impl ServerProcess {
    /// Spawn `cmd` (already set up with its arguments and user) as the server living in `dir`.
    /// `stop_signal` is the signal that stops it quickly (`QUIT` for PostgreSQL's immediate
    /// shutdown, `KILL` for a server whose data is thrown away anyway).
    pub(crate) fn spawn(
        mut cmd: Command,
        dir: PathBuf,
        log: PathBuf,
        stop_signal: &str,
    ) -> Result<Self, DbError> {
        use std::os::unix::process::CommandExt;
        let (out, err) = log_file(&log)?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0)
            .spawn()
            .map_err(|e| DbError::io("starting the server", e))?;
        let mut server = ServerProcess {
            child,
            watcher: None,
            watcher_pipe: None,
            dir,
            log,
        };
        // The watcher waits for end-of-file on its stdin, then stops the server (escalating to
        // KILL after 10 s) and removes the directory. It runs in its own process group so that a
        // Ctrl-C aimed at the test run does not kill it before it has cleaned up.
        // A server that exited after the test process is a zombie until init reaps it, so
        // "alive" means present in /proc and not in state Z.
        let script = r#"alive() {
  [ -r "/proc/$1/stat" ] || return 1
  read -r stat < "/proc/$1/stat" || return 1
  case "${stat##*) }" in Z*|X*) return 1 ;; esac
}
cat >/dev/null 2>&1
kill -"$1" "$2" 2>/dev/null
i=0
while alive "$2" && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i+1)); done
kill -KILL "$2" 2>/dev/null
rm -rf "$3""#;
        let watcher = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg("schemata-db-watcher")
            .arg(stop_signal)
            .arg(server.child.id().to_string())
            .arg(&server.dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn();
        match watcher {
            Ok(mut w) => {
                server.watcher_pipe = w.stdin.take();
                server.watcher = Some(w);
                Ok(server)
            }
            // Dropping `server` here kills the child and removes the directory.
            Err(e) => Err(DbError::io("starting the cleanup watcher", e)),
        }
    }

    /// The server's exit status, when it has already exited.
    pub(crate) fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The last lines of the server's log.
    pub(crate) fn log_tail(&self) -> String {
        log_tail(&self.log)
    }

    /// Wait until `ready` succeeds, failing early when the server exits.
    pub(crate) fn wait_ready(
        &mut self,
        what: &str,
        mut ready: impl FnMut() -> Result<(), DbError>,
    ) -> Result<(), DbError> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.exited() {
                return Err(DbError::Server(format!(
                    "{what} exited during start-up ({status}):\n{}",
                    self.log_tail()
                )));
            }
            let last = match ready() {
                Ok(()) => return Ok(()),
                Err(e) => e,
            };
            if start.elapsed() > START_TIMEOUT {
                return Err(DbError::Server(format!(
                    "{what} did not accept connections within {} s: {last}\n{}",
                    START_TIMEOUT.as_secs(),
                    self.log_tail()
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        match self.watcher.take() {
            Some(mut watcher) => {
                // Closing the pipe tells the watcher to stop the server; reaping the server lets
                // the watcher see it gone, then the watcher removes the directory.
                drop(self.watcher_pipe.take());
                let _ = self.child.wait();
                let _ = watcher.wait();
            }
            None => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let _ = fs::remove_dir_all(&self.dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_names_its_package() {
        let err = find_program("/nonexistent/initdb", &[], "postgresql-15").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`/nonexistent/initdb` was not found; install the Debian package `postgresql-15`"
        );
        let err = find_program("schemata-no-such-program", &["/nonexistent"], "pkg").unwrap_err();
        assert!(matches!(err, DbError::NotInstalled { .. }), "{err}");
        assert!(find_program("sh", &[], "dash").is_ok());
    }

    #[test]
    fn free_ports_are_bindable() {
        let port = free_port().unwrap();
        assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok());
    }
}
