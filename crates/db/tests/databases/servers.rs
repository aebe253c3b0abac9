//! Test servers clean up after themselves.

use schemata_db::testserver::{MariaDbServer, PgServer, skip_requested};
use std::time::{Duration, Instant};

/// Whether `path` is gone within a few seconds.
fn disappears(path: &std::path::Path) -> bool {
    let start = Instant::now();
    while path.exists() {
        if start.elapsed() > Duration::from_secs(15) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

#[test]
fn a_dropped_postgres_server_is_stopped_and_deleted() {
    if skip_requested() {
        return;
    }
    let server = PgServer::start().unwrap_or_else(|e| panic!("{e}"));
    let dir = server.dir().to_path_buf();
    let port = server.port();
    assert!(dir.join("data").is_dir());
    drop(server);
    assert!(disappears(&dir), "{} is still there", dir.display());
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "something still listens on {port}"
    );
}

#[test]
fn a_dropped_mariadb_server_is_stopped_and_deleted() {
    if skip_requested() {
        return;
    }
    let server = MariaDbServer::start().unwrap_or_else(|e| panic!("{e}"));
    let dir = server.dir().to_path_buf();
    let port = server.port();
    server.client().unwrap().execute("SELECT 1").unwrap();
    drop(server);
    assert!(disappears(&dir), "{} is still there", dir.display());
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "something still listens on {port}"
    );
}
