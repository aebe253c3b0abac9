//! Schemata's SQL layer: dialects, naming conventions, DDL generation, migration files.

pub mod conventions;
pub mod ddl;
pub mod dialect;
pub mod export;
pub mod import;
pub mod migrations;
pub mod naming;
pub mod physical;
pub mod query;
pub mod worksheet;
