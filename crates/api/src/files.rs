//! Opening and saving design files, and writing any file atomically.

use schemata_model::spans::SpanIndex;
use schemata_model::{Design, Diagnostic, Loaded, Severity};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

use crate::check::{apply_rule_levels, sort_diagnostics};
use crate::error::ApiError;

/// A design loaded from a file, with what the loader noticed on the way (unknown fields,
/// validation problems), each with its line and column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Opened {
    pub design: Design,
    pub diagnostics: Vec<Diagnostic>,
}

/// A design file read from disk: what the loader made of it, and its text, for placing
/// diagnostics computed later.
pub(crate) struct LoadedFile {
    pub loaded: Loaded,
    text: String,
}

impl LoadedFile {
    /// Read and load `path`. Only a file that cannot be read is an error; what the loader finds
    /// is in `loaded`.
    pub fn read(path: &Path) -> Result<Self, ApiError> {
        let bytes = std::fs::read(path).map_err(|e| ApiError::from_io("cannot read", path, &e))?;
        let loaded = schemata_model::load_bytes(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        Ok(LoadedFile { loaded, text })
    }

    /// Set the line and column of every diagnostic that has a path but no place yet.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        locate_in_text(&self.text, diagnostics);
    }
}

fn locate_in_text(text: &str, diagnostics: &mut [Diagnostic]) {
    if diagnostics
        .iter()
        .all(|d| d.location.is_some() || d.path.is_none())
    {
        return;
    }
    let index = SpanIndex::build(text);
    for d in diagnostics.iter_mut() {
        if d.location.is_none()
            && let Some(path) = &d.path
        {
            d.location = index.locate(path);
        }
    }
}

/// Fill in the line and column of every diagnostic that has a JSON pointer but no place, from the
/// text of the design file at `path`. A file that cannot be read leaves the diagnostics as they
/// are.
pub fn locate_diagnostics(path: &Path, diagnostics: &mut [Diagnostic]) {
    if let Ok(bytes) = std::fs::read(path) {
        let text = String::from_utf8_lossy(&bytes);
        locate_in_text(text.strip_prefix('\u{feff}').unwrap_or(&text), diagnostics);
    }
}

/// Open a design file. A file that cannot be read is `not_found` or `io`; a file that is not a
/// usable design (bad JSON, wrong structure) is `invalid_design`, carrying the loader's
/// diagnostics with their lines and columns. Validation problems do not stop a design from
/// opening: they are in `diagnostics`, with the design's rule levels applied.
pub fn open_design(path: &Path) -> Result<Opened, ApiError> {
    let file = LoadedFile::read(path)?;
    let mut diagnostics = file.loaded.diagnostics;
    match file.loaded.design {
        Some(design) => {
            let mut diagnostics = apply_rule_levels(&design, diagnostics);
            sort_diagnostics(&mut diagnostics);
            Ok(Opened {
                design,
                diagnostics,
            })
        }
        None => {
            sort_diagnostics(&mut diagnostics);
            Err(ApiError::invalid_design(
                unusable_message(path, &diagnostics),
                diagnostics,
            ))
        }
    }
}

/// "`path`:line:column: message" for the first error, so that the sentence alone says where.
fn unusable_message(path: &Path, diagnostics: &[Diagnostic]) -> String {
    let first = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or(diagnostics.first());
    match first {
        Some(d) => {
            let place = d
                .location
                .map(|l| format!(":{}:{}", l.line, l.column))
                .unwrap_or_default();
            format!(
                "{}{place}: not a usable design: {}",
                path.display(),
                d.message
            )
        }
        None => format!("{}: not a usable design", path.display()),
    }
}

/// Save a design in the stable file format, atomically: readers see the old file or the new one,
/// never a part.
pub fn save_design(path: &Path, design: &Design) -> Result<(), ApiError> {
    schemata_model::save_atomic(path, design)
        .map_err(|e| ApiError::from_io("cannot write", path, &e))
}

/// Write `contents` to `path` atomically: into a temporary file beside it, flushed to disk, then
/// renamed over `path` (a symbolic link at `path` is replaced, not followed). Missing parent
/// folders are created.
pub fn write_file_atomic(path: &Path, contents: &[u8]) -> Result<(), ApiError> {
    let fail = |e: std::io::Error| ApiError::from_io("cannot write", path, &e);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".schemata-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(contents).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    // Make the rename itself durable; not every file system lets a folder be synced.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiErrorCode;

    #[test]
    fn missing_file_is_not_found_and_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope.schemata.json");
        let err = open_design(&path).unwrap_err();
        assert_eq!(err.code, ApiErrorCode::NotFound);
        assert!(
            err.message.contains("nope.schemata.json"),
            "{}",
            err.message
        );
    }

    #[test]
    fn broken_json_is_invalid_design_with_a_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.schemata.json");
        std::fs::write(&path, "{\n  \"format\": 1,\n  \"tables\": [\n").unwrap();
        let err = open_design(&path).unwrap_err();
        assert_eq!(err.code, ApiErrorCode::InvalidDesign);
        assert!(!err.diagnostics.is_empty());
        assert!(err.diagnostics.iter().all(|d| d.location.is_some()));
        let prefix = format!("{}:4:1: not a usable design: ", path.display());
        assert!(err.message.starts_with(&prefix), "{}", err.message);
    }

    #[test]
    fn non_utf8_is_invalid_design_at_the_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.schemata.json");
        std::fs::write(&path, b"{\n  \"name\": \"caf\xe9\"\n}").unwrap();
        let err = open_design(&path).unwrap_err();
        assert_eq!(err.code, ApiErrorCode::InvalidDesign);
        let loc = err.diagnostics[0].location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 15));
    }

    #[test]
    fn validation_problems_do_not_stop_opening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.schemata.json");
        let text = r#"{"format": 1, "tables": [{"name": "t", "columns": [{"name": "a", "type": "text"}]}]}"#;
        std::fs::write(&path, text).unwrap();
        let opened = open_design(&path).unwrap();
        assert_eq!(opened.design.tables.len(), 1);
        assert!(opened.diagnostics.iter().all(|d| d.location.is_some()));
    }

    #[test]
    fn locates_diagnostics_from_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.schemata.json");
        std::fs::write(&path, "{\n  \"format\": 1,\n  \"tables\": []\n}\n").unwrap();
        let mut diags = vec![
            Diagnostic::warning("N001", "x").with_path("/tables/3/name"),
            Diagnostic::warning("N002", "y"),
        ];
        locate_diagnostics(&path, &mut diags);
        let loc = diags[0].location.unwrap();
        assert_eq!((loc.line, loc.column), (3, 13));
        assert_eq!(diags[1].location, None);
    }

    #[test]
    fn saves_and_opens_the_same_design() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.schemata.json");
        let design = crate::examples::new_design("ecommerce").unwrap();
        save_design(&path, &design).unwrap();
        let opened = open_design(&path).unwrap();
        assert_eq!(opened.design, design);
    }

    #[test]
    fn atomic_write_replaces_and_creates_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/out.sql");
        write_file_atomic(&path, b"one").unwrap();
        write_file_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
