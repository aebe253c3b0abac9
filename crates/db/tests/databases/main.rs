//! Live-database tests on hand-written DDL: SQLite in memory, PostgreSQL and MariaDB on
//! throw-away servers (one per test binary; `SCHEMATA_SKIP_DB_TESTS=1` skips those).

mod mysql;
mod postgres;
mod servers;
mod sqlite;
