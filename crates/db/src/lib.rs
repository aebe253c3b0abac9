//! schemata-db
