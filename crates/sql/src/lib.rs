//! Schemata's SQL layer: dialects, naming conventions, DDL generation, migration files.

pub mod naming;
