//! What the desktop app's window opens with.

use schemata_model::{Design, Diagnostic};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

use crate::autosave::{Recovered, recover_autosave};
use crate::error::ApiError;
use crate::examples::{EMPTY, new_design};
use crate::recent::open_design_recorded;

/// The example a window opens with when no file is given.
pub const STARTUP_EXAMPLE: &str = "ecommerce";

/// The document a window opens with, and any unsaved work a crash left behind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Startup {
    /// The design to show.
    pub design: Design,
    /// The file it was opened from, or `null` for an unsaved document (the example).
    pub path: Option<String>,
    /// What the loader noticed in the file, with lines and columns.
    pub diagnostics: Vec<Diagnostic>,
    /// Unsaved work from a session that ended without saving, to offer back.
    pub recovered: Option<Recovered>,
    /// Why the file given on the command line could not be opened; the window then opens with an
    /// empty unsaved design and shows this error with its diagnostics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<ApiError>,
}

/// The start-up document of the app whose data folder is `data_dir`: the design file `file`
/// (recorded in the recent files) when one is given, the e-commerce example as an unsaved
/// document otherwise, and the autosave left by a crash, if any.
pub fn startup(data_dir: &Path, file: Option<&Path>) -> Startup {
    let recovered = recover_autosave(data_dir);
    let Some(file) = file else {
        return Startup {
            design: example_or_empty(STARTUP_EXAMPLE),
            path: None,
            diagnostics: Vec::new(),
            recovered,
            error: None,
        };
    };
    let path = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    match open_design_recorded(data_dir, &path) {
        Ok(opened) => Startup {
            design: opened.design,
            path: Some(path.to_string_lossy().into_owned()),
            diagnostics: opened.diagnostics,
            recovered,
            error: None,
        },
        Err(error) => Startup {
            design: example_or_empty(EMPTY),
            path: None,
            diagnostics: Vec::new(),
            recovered,
            error: Some(error),
        },
    }
}

fn example_or_empty(name: &str) -> Design {
    new_design(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autosave::autosave;
    use crate::error::ApiErrorCode;

    #[test]
    fn no_file_opens_the_example_unsaved() {
        let data = tempfile::tempdir().unwrap();
        let s = startup(data.path(), None);
        assert_eq!(s.design, new_design(STARTUP_EXAMPLE).unwrap());
        assert_eq!(s.path, None);
        assert_eq!(s.recovered, None);
        assert_eq!(s.error, None);
    }

    #[test]
    fn a_file_opens_and_is_recorded() {
        let data = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        let file = files.path().join("links.schemata.json");
        let design = new_design("url_shortener").unwrap();
        crate::files::save_design(&file, &design).unwrap();
        let s = startup(data.path(), Some(&file));
        assert_eq!(s.design, design);
        assert_eq!(s.path.as_deref(), Some(file.to_str().unwrap()));
        assert_eq!(crate::recent::recent_files(data.path()).len(), 1);
    }

    #[test]
    fn a_broken_file_opens_an_empty_design_with_the_error() {
        let data = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        let file = files.path().join("bad.schemata.json");
        std::fs::write(&file, "{\n  \"tables\": [\n").unwrap();
        let s = startup(data.path(), Some(&file));
        assert!(s.design.tables.is_empty());
        assert_eq!(s.path, None);
        let error = s.error.unwrap();
        assert_eq!(error.code, ApiErrorCode::InvalidDesign);
        assert!(error.diagnostics.iter().all(|d| d.location.is_some()));
    }

    #[test]
    fn offers_what_a_crash_left() {
        let data = tempfile::tempdir().unwrap();
        let mut edited = new_design(STARTUP_EXAMPLE).unwrap();
        edited.name = "Shop, unsaved".to_string();
        autosave(data.path(), &edited, None).unwrap();
        let s = startup(data.path(), None);
        let recovered = s.recovered.unwrap();
        assert_eq!(recovered.design.name, "Shop, unsaved");
        assert_ne!(s.design.name, "Shop, unsaved");
    }
}
