//! The Schemata design document.
//!
//! A design is one JSON file (`*.schemata.json`). This crate holds its types, the loader that
//! reports every problem with its place in the file, semantic validation, and the stable writer.

pub mod access;
mod decode;
pub mod design;
pub mod diag;
pub mod domain;
mod fields;
pub mod ids;
pub mod load;
pub mod partition;
pub mod save;
pub mod schema;
pub mod spans;
pub mod types;
pub mod validate;
pub mod worksheet;

pub use design::*;
pub use diag::{Diagnostic, Fix, Location, Severity, Target};
pub use ids::fill_missing_ids;
pub use load::{Loaded, load_bytes, load_file, load_str};
pub use partition::{PartitionBy, PartitionKeyPart, PartitionOf, PartitionStrategy};
pub use save::{save_atomic, to_json};
pub use schema::json_schema;
pub use types::{DataType, TypeError};
pub use validate::validate;
pub use worksheet::{AccessPattern, Consistency, Rate, Worksheet};
