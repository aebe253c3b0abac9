//! schemata-api
