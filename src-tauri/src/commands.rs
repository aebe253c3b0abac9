//! The commands the window invokes: each one calls the api function of the same name with the
//! app's data folder where the api needs one. Errors reach the window as the api's `ApiError`
//! (`{code, message, diagnostics}`).
//!
//! Every command is `async` so that it runs off the main thread and a long check or DDL run
//! never freezes the window.

use std::path::{Path, PathBuf};

use schemata_api::{
    self as api, AdviseReport, ApiError, CheckOptions, CheckReport, DdlOutput, Design, DialectName,
    ExampleInfo, FdReport, FixReport, Goal, IndexesApplied, NormalizeApplied, NormalizeOptions,
    NormalizeReport, Opened, Startup, TextFormat, WorksheetImported,
};
use tauri::{AppHandle, Runtime, State};

use crate::menu;

/// What the commands need to know about the running app.
#[derive(Debug, Clone)]
pub struct Shell {
    /// The app's data folder: autosave and recent files.
    pub data_dir: PathBuf,
    /// The design file named on the command line, if any.
    pub file: Option<PathBuf>,
}

type Res<T> = Result<T, ApiError>;

/// The document the window opens with, and any unsaved work a crash left.
#[tauri::command(async)]
pub fn startup<R: Runtime>(app: AppHandle<R>, shell: State<'_, Shell>) -> Startup {
    let s = api::startup(&shell.data_dir, shell.file.as_deref());
    menu::refresh_recent(&app, &shell.data_dir);
    s
}

/// Open a design file and record it in the recent files.
#[tauri::command(async)]
pub fn open_design<R: Runtime>(
    app: AppHandle<R>,
    shell: State<'_, Shell>,
    path: PathBuf,
) -> Res<Opened> {
    let opened = api::open_design_recorded(&shell.data_dir, &path)?;
    menu::refresh_recent(&app, &shell.data_dir);
    Ok(opened)
}

/// Save a design atomically and record it in the recent files.
#[tauri::command(async)]
pub fn save_design<R: Runtime>(
    app: AppHandle<R>,
    shell: State<'_, Shell>,
    path: PathBuf,
    design: Design,
) -> Res<()> {
    api::save_design_recorded(&shell.data_dir, &path, &design)?;
    menu::refresh_recent(&app, &shell.data_dir);
    Ok(())
}

/// The recent files, most recent first.
#[tauri::command(async)]
pub fn recent_files(shell: State<'_, Shell>) -> Vec<String> {
    api::recent_files(&shell.data_dir)
}

/// A new design, empty or from a built-in example.
#[tauri::command(async)]
pub fn new_design(example: String) -> Res<Design> {
    api::new_design(&example)
}

/// The designs `new_design` can start from.
#[tauri::command(async)]
pub fn examples() -> Vec<ExampleInfo> {
    api::examples()
}

/// Validation, naming conventions and dialect limitations of a design.
#[tauri::command(async)]
pub fn check(design: Design, options: CheckOptions) -> CheckReport {
    api::check(&design, &options)
}

/// The DDL of a design for one dialect.
#[tauri::command(async)]
pub fn ddl(design: Design, dialect: DialectName) -> Res<DdlOutput> {
    api::ddl(&design, dialect)
}

/// Renames that make a design follow its naming convention.
#[tauri::command(async)]
pub fn fix_conventions(design: Design) -> FixReport {
    api::fix_conventions(&design)
}

/// Normal forms of the design's tables.
#[tauri::command(async)]
pub fn normalize(design: Design, options: NormalizeOptions) -> Res<NormalizeReport> {
    api::normalize(&design, &options)
}

/// The design with its tables decomposed to `goal` (`"3nf"` or `"bcnf"`, as `Goal` serializes).
#[tauri::command(async)]
pub fn normalize_apply(
    design: Design,
    options: NormalizeOptions,
    goal: String,
) -> Res<NormalizeApplied> {
    let goal: Goal = goal.parse().map_err(ApiError::invalid_argument)?;
    api::normalize_apply(&design, &options, goal)
}

/// The functional-dependency calculator.
#[tauri::command(async)]
pub fn fd(attributes: String, dependencies: String) -> Res<FdReport> {
    api::fd(&attributes, &dependencies)
}

/// The score, the advisory diagnostics and the index advice for a design and its worksheet.
#[tauri::command(async)]
pub fn advise(design: Design) -> AdviseReport {
    api::advise(&design)
}

/// The shard advisor's plan for a design and its worksheet, with its Citus DDL or VSchema.
#[tauri::command(async)]
pub fn shard(design: Design, request: api::ShardRequest) -> Res<api::ShardReport> {
    api::shard(&design, request)
}

/// The design with every recommended index added (one change for the window's undo).
#[tauri::command(async)]
pub fn apply_recommended_indexes(design: Design) -> IndexesApplied {
    let (design, indexes) = api::apply_recommended_indexes(&design);
    IndexesApplied { design, indexes }
}

/// The patterns of a worksheet file (a path chosen in the open dialog) merged into a design.
#[tauri::command(async)]
pub fn worksheet_import(design: Design, path: PathBuf) -> Res<WorksheetImported> {
    let sql =
        std::fs::read_to_string(&path).map_err(|e| ApiError::from_io("cannot read", &path, &e))?;
    let (design, diagnostics) = api::worksheet_import(&design, &sql)?;
    Ok(WorksheetImported {
        design,
        diagnostics,
    })
}

/// The design's worksheet as a worksheet file's text.
#[tauri::command(async)]
pub fn worksheet_export(design: Design) -> String {
    api::worksheet_export(&design)
}

/// The design as Mermaid or DBML text.
#[tauri::command(async)]
pub fn export_text(design: Design, format: TextFormat) -> String {
    api::export_text(&design, format)
}

/// Write a text file atomically (a path chosen in the save dialog).
#[tauri::command(async)]
pub fn write_text_file(path: PathBuf, contents: String) -> Res<()> {
    api::write_text_file(&path, &contents)
}

/// Write a binary file, given as base64, atomically (a path chosen in the save dialog).
#[tauri::command(async)]
pub fn write_binary_file(path: PathBuf, base64: String) -> Res<()> {
    api::write_binary_file(&path, &base64)
}

/// Keep the unsaved document in the app's data folder.
#[tauri::command(async)]
pub fn autosave(shell: State<'_, Shell>, design: Design, path: Option<String>) -> Res<()> {
    api::autosave(&shell.data_dir, &design, path.as_deref())
}

/// Remove the autosave (after a save, or when the restore is declined).
#[tauri::command(async)]
pub fn discard_autosave(shell: State<'_, Shell>) -> Res<()> {
    api::discard_autosave(&shell.data_dir)
}

/// The data folder the app uses: `SCHEMATA_DATA_DIR` when set (tests keep their own), else the
/// platform's app data folder.
pub fn data_dir(platform: Option<PathBuf>) -> PathBuf {
    std::env::var_os("SCHEMATA_DATA_DIR")
        .map(PathBuf::from)
        .or(platform)
        .unwrap_or_else(|| Path::new(".schemata").to_path_buf())
}
