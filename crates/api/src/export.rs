//! `export_migrations`: write a design as migration files for a migration tool.

use schemata_model::{Design, DialectName};
use schemata_sql::migrations::MigrationTool;
use serde::{Deserialize, Serialize};
use std::path::{Component, Path};
use ts_rs::TS;

use crate::ddl::ensure_valid;
use crate::error::ApiError;
use crate::files::write_file_atomic;

/// What happened to one exported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileStatus {
    /// The file did not exist and was written.
    Created,
    /// The file already held exactly this content and was left alone.
    Unchanged,
    /// The file held something else and was replaced (only with `force`).
    Overwritten,
}

/// One exported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportedFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    pub status: FileStatus,
}

/// The result of an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportReport {
    /// The output folder.
    pub dir: String,
    /// Every file of the export, in the order the tool applies them.
    pub files: Vec<ExportedFile>,
}

/// Write the migration files of `design` for `tool` under `out_dir`. Every file is written
/// atomically. When an existing file differs from what the export would write, nothing is written
/// and the error lists those files, unless `force` is set. A design with validation errors is
/// refused with `invalid_design`.
pub fn export_migrations(
    design: &Design,
    dialect: DialectName,
    tool: MigrationTool,
    out_dir: &Path,
    force: bool,
) -> Result<ExportReport, ApiError> {
    ensure_valid(design, "exporting migrations")?;
    let files = schemata_sql::migrations::migration_files(design, dialect, tool)
        .map_err(|e| ApiError::new(crate::ApiErrorCode::Unsupported, e.to_string()))?;

    let mut plan = Vec::with_capacity(files.len());
    let mut conflicts = Vec::new();
    for (relative, contents) in files {
        let shown = display_relative(&relative)?;
        let target = out_dir.join(&relative);
        let status = match std::fs::read(&target) {
            Ok(existing) if existing == contents.as_bytes() => FileStatus::Unchanged,
            Ok(_) => {
                conflicts.push(shown.clone());
                FileStatus::Overwritten
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileStatus::Created,
            Err(e) => return Err(ApiError::from_io("cannot read", &target, &e)),
        };
        plan.push((shown, target, contents, status));
    }
    if !conflicts.is_empty() && !force {
        let noun = if conflicts.len() == 1 {
            "file"
        } else {
            "files"
        };
        return Err(ApiError::invalid_argument(format!(
            "{} {noun} in {} differ from this export and would be overwritten: {} \
             (pass force to overwrite them)",
            conflicts.len(),
            out_dir.display(),
            conflicts.join(", ")
        )));
    }

    let mut report = ExportReport {
        dir: out_dir.display().to_string(),
        files: Vec::with_capacity(plan.len()),
    };
    for (shown, target, contents, status) in plan {
        if status != FileStatus::Unchanged {
            write_file_atomic(&target, contents.as_bytes())?;
        }
        report.files.push(ExportedFile {
            path: shown,
            status,
        });
    }
    Ok(report)
}

/// The `/`-separated form of a relative path, refusing anything that could leave the output
/// folder.
fn display_relative(path: &Path) -> Result<String, ApiError> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(ApiError::internal(format!(
                    "the export produced a path outside its folder: {}",
                    path.display()
                )));
            }
        }
    }
    if parts.is_empty() {
        return Err(ApiError::internal("the export produced an empty file path"));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiErrorCode;

    fn export(dir: &Path, force: bool) -> Result<ExportReport, ApiError> {
        let design = crate::examples::new_design("url_shortener").unwrap();
        let tool: MigrationTool = "flyway".parse().unwrap();
        export_migrations(&design, DialectName::Postgres, tool, dir, force)
    }

    #[test]
    fn writes_then_leaves_identical_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        let first = export(dir.path(), false).unwrap();
        assert!(!first.files.is_empty());
        assert!(first.files.iter().all(|f| f.status == FileStatus::Created));
        for f in &first.files {
            assert!(dir.path().join(&f.path).is_file(), "{}", f.path);
        }
        let second = export(dir.path(), false).unwrap();
        assert!(
            second
                .files
                .iter()
                .all(|f| f.status == FileStatus::Unchanged)
        );
    }

    #[test]
    fn refuses_to_overwrite_a_changed_file_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let first = export(dir.path(), false).unwrap();
        let edited = dir.path().join(&first.files[0].path);
        std::fs::write(&edited, "-- edited by hand\n").unwrap();

        let err = export(dir.path(), false).unwrap_err();
        assert_eq!(err.code, ApiErrorCode::InvalidArgument);
        assert!(
            err.message.contains(&first.files[0].path),
            "{}",
            err.message
        );
        assert_eq!(
            std::fs::read_to_string(&edited).unwrap(),
            "-- edited by hand\n"
        );

        let forced = export(dir.path(), true).unwrap();
        assert_eq!(forced.files[0].status, FileStatus::Overwritten);
        assert_ne!(
            std::fs::read_to_string(&edited).unwrap(),
            "-- edited by hand\n"
        );
    }

    #[test]
    fn rejects_paths_that_leave_the_folder() {
        assert!(display_relative(Path::new("../x.sql")).is_err());
        assert!(display_relative(Path::new("/etc/x.sql")).is_err());
        assert_eq!(
            display_relative(Path::new("./db/V1__init.sql")).unwrap(),
            "db/V1__init.sql"
        );
    }
}
