//! The Schemata design document.
//!
//! A design is one JSON file (`*.schemata.json`). This crate holds its types, the loader that
//! reports every problem with its place in the file, semantic validation, and the stable writer.

pub mod access;
pub mod design;
pub mod diag;
pub mod types;

pub use design::*;
pub use diag::{Diagnostic, Location, Severity, Target};
pub use types::{DataType, TypeError};
