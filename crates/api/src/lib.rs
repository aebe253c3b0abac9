//! The one command surface of Schemata.
//!
//! The `schemata` CLI and the desktop app call these functions and nothing below them. Requests
//! and responses are plain serde types with TypeScript bindings; every failure is an
//! [`ApiError`] `{code, message}` whose message names the file involved and, for a design that
//! cannot be used, carries the diagnostics with their places in the file.

mod advise;
mod autosave;
mod check;
mod ddl;
mod error;
mod examples;
mod export;
mod files;
mod fix;
mod import;
mod normalize;
mod recent;
mod shard;
mod startup;
mod textfiles;
mod verify;

pub use advise::{
    AdviseReport, IndexesApplied, WorksheetImported, advise, advise_file, advise_sarif,
    apply_recommended_indexes, replace_worksheet, worksheet_export, worksheet_import,
};
pub use autosave::{
    AUTOSAVE_FILE, Recovered, autosave, autosave_path, discard_autosave, recover_autosave,
};
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
pub use import::{
    ImportOptions, ImportProgress, Imported, KindCount, Skipped, SourceDialect, detect_dialect,
    import_postgres, import_source, import_sql_file, import_sql_text, import_sqlite,
};
pub use normalize::{
    NormalizeApplied, NormalizeOptions, NormalizeReport, fd, fd_check_decomposition, normalize,
    normalize_apply,
};
pub use recent::{
    RECENT_CAP, RECENT_FILE, add_recent_file, open_design_recorded, recent_files,
    save_design_recorded,
};
pub use schemata_advise::shard::{
    Alternative, Candidate, Cause, Family, Lookup, PatternVerdict, Routing, ShardPlan,
    StatementVerdict, TableCandidates, TableMode, TablePlan,
};
pub use schemata_advise::{ExistingIndex, RecommendedIndex, Score};
pub use schemata_normalize::apply::{Goal, Proposal};
pub use schemata_normalize::{DecompositionCheck, FdRelation, FdReport};
pub use shard::{
    MAX_SHARDS, NamedAlternative, NamedFamily, NamedLookup, NamedPattern, NamedPlacement,
    NamedTable, ShardReport, ShardRequest, ShardSummary, shard, shard_file, shard_file_summary,
    shard_options, shard_summary,
};
pub use startup::{STARTUP_EXAMPLE, Startup, startup};
pub use textfiles::{TextFormat, export_text, write_binary_file, write_text_file};
pub use verify::{StatementPlan, VerifyOptions, VerifyReport, verify};

/// Types the commands take and return, re-exported so that callers need no other crate.
pub use schemata_model::{
    Design, Diagnostic, DialectName, Location, Severity, ShardEngine, Target,
};
pub use schemata_sql::conventions::{Rename, RenameKind};
pub use schemata_sql::migrations::MigrationTool;
