//! The one command surface of Schemata.
//!
//! The `schemata` CLI and the desktop app call these functions and nothing below them. Requests
//! and responses are plain serde types with TypeScript bindings; every failure is an
//! [`ApiError`] `{code, message}` whose message names the file involved and, for a design that
//! cannot be used, carries the diagnostics with their places in the file.

mod check;
mod ddl;
mod error;
mod examples;
mod export;
mod files;
mod fix;
mod normalize;

pub use check::{
    CheckOptions, CheckReport, SeverityCounts, apply_rule_levels, check, check_file,
    sort_diagnostics,
};
pub use ddl::{DdlOutput, ddl};
pub use error::{ApiError, ApiErrorCode};
pub use examples::{EMPTY, ExampleInfo, example_names, examples, new_design};
pub use export::{ExportReport, ExportedFile, FileStatus, export_migrations};
pub use files::{Opened, locate_diagnostics, open_design, save_design, write_file_atomic};
pub use fix::{FixReport, fix_conventions};
pub use normalize::{
    NormalizeApplied, NormalizeOptions, NormalizeReport, fd, fd_check_decomposition, normalize,
    normalize_apply,
};
pub use schemata_normalize::apply::{Goal, Proposal};
pub use schemata_normalize::{DecompositionCheck, FdRelation, FdReport};

/// Types the commands take and return, re-exported so that callers need no other crate.
pub use schemata_model::{Design, Diagnostic, DialectName, Location, Severity, Target};
pub use schemata_sql::conventions::{Rename, RenameKind};
pub use schemata_sql::migrations::MigrationTool;
