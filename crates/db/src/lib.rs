//! Schemata's live databases: applying DDL to SQLite, PostgreSQL and MariaDB, reading their
//! schemas back into a [`Design`](schemata_model::Design), comparing an expected design with what
//! a database holds, and throw-away database servers for tests.

pub mod compare;
mod error;
mod ids;
mod literal;
pub mod mysql;
pub mod postgres;
pub mod sqlite;
pub mod testserver;

pub use error::DbError;
