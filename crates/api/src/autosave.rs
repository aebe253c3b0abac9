//! Autosave of unsaved work, and its recovery after a crash.
//!
//! While a document has unsaved changes the desktop app writes it every few seconds to one file
//! in its data folder; a save or a declined restore removes that file. A file still there at the
//! next start is what a crash left behind, and is offered back.

use schemata_model::Design;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use ts_rs::TS;

use crate::error::ApiError;
use crate::files::write_file_atomic;

/// Name of the autosave file inside the app's data folder.
pub const AUTOSAVE_FILE: &str = "autosave.json";

/// Unsaved work found at start-up, left by a session that ended without saving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Recovered {
    /// The design as it was last autosaved.
    pub design: Design,
    /// The file the document belonged to, or `null` for a document never saved.
    pub path: Option<String>,
    /// When it was autosaved, in UTC, RFC 3339 (`2026-01-31T12:00:00Z`).
    pub saved_at: String,
}

/// The autosave file's envelope. The design stays a JSON value here so that reading it goes
/// through the design loader, like a design file.
#[derive(Serialize, Deserialize)]
struct Envelope {
    path: Option<String>,
    saved_at: String,
    design: serde_json::Value,
}

/// Where the autosave of the app whose data folder is `data_dir` lives.
pub fn autosave_path(data_dir: &Path) -> PathBuf {
    data_dir.join(AUTOSAVE_FILE)
}

/// Keep `design` (belonging to the file `path`, if it has one) as the unsaved work of the app
/// whose data folder is `data_dir`, replacing the previous autosave. Written atomically: a crash
/// in the middle leaves the previous autosave whole.
pub fn autosave(data_dir: &Path, design: &Design, path: Option<&str>) -> Result<(), ApiError> {
    let design = serde_json::to_value(design)
        .map_err(|e| ApiError::internal(format!("cannot serialize the design: {e}")))?;
    let envelope = Envelope {
        path: path.map(str::to_string),
        saved_at: utc_now(),
        design,
    };
    let text = serde_json::to_string(&envelope)
        .map_err(|e| ApiError::internal(format!("cannot serialize the autosave: {e}")))?;
    write_file_atomic(&autosave_path(data_dir), text.as_bytes())
}

/// Remove the autosave: the work was saved, or the user declined to restore it. Nothing to remove
/// is not an error.
pub fn discard_autosave(data_dir: &Path) -> Result<(), ApiError> {
    let path = autosave_path(data_dir);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(ApiError::from_io("cannot remove", &path, &e)),
    }
}

/// The unsaved work left in `data_dir`, if any. An autosave that cannot be read or does not hold
/// a usable design is not offered (there is nothing useful to restore).
pub fn recover_autosave(data_dir: &Path) -> Option<Recovered> {
    let text = std::fs::read_to_string(autosave_path(data_dir)).ok()?;
    let envelope: Envelope = serde_json::from_str(&text).ok()?;
    let design = schemata_model::load_str(&envelope.design.to_string()).design?;
    Some(Recovered {
        design,
        path: envelope.path,
        saved_at: envelope.saved_at,
    })
}

/// The current time in UTC, RFC 3339 with whole seconds.
fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

/// `secs` since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
fn rfc3339(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::new_design;

    #[test]
    fn round_trips_the_design_and_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let mut design = new_design("ecommerce").unwrap();
        design.tables[0].name = "customers_renamed".to_string();
        autosave(dir.path(), &design, Some("/home/a/shop.schemata.json")).unwrap();
        let got = recover_autosave(dir.path()).unwrap();
        assert_eq!(got.design, design);
        assert_eq!(got.path.as_deref(), Some("/home/a/shop.schemata.json"));
        assert_eq!(got.saved_at.len(), "2026-01-31T12:00:00Z".len());
        assert!(got.saved_at.ends_with('Z'), "{}", got.saved_at);
    }

    #[test]
    fn a_crash_leaves_the_last_autosave_to_recover() {
        let dir = tempfile::tempdir().unwrap();
        let first = new_design("url_shortener").unwrap();
        let mut second = first.clone();
        second.name = "Links, edited".to_string();
        autosave(dir.path(), &first, None).unwrap();
        autosave(dir.path(), &second, None).unwrap();
        // The session ends here without a save or a discard: the next start finds the edit.
        let got = recover_autosave(dir.path()).unwrap();
        assert_eq!(got.design.name, "Links, edited");
        assert_eq!(got.path, None);
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 1, "only the autosave file is left");
    }

    #[test]
    fn discarding_removes_the_offer() {
        let dir = tempfile::tempdir().unwrap();
        autosave(dir.path(), &new_design("empty").unwrap(), None).unwrap();
        discard_autosave(dir.path()).unwrap();
        assert_eq!(recover_autosave(dir.path()), None);
        discard_autosave(dir.path()).unwrap();
    }

    #[test]
    fn a_damaged_autosave_is_not_offered() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(recover_autosave(dir.path()), None);
        std::fs::write(autosave_path(dir.path()), "{\"path\": null, \"saved").unwrap();
        assert_eq!(recover_autosave(dir.path()), None);
        std::fs::write(
            autosave_path(dir.path()),
            r#"{"path": null, "saved_at": "x", "design": {"tables": 3}}"#,
        )
        .unwrap();
        assert_eq!(recover_autosave(dir.path()), None);
    }

    #[test]
    fn formats_utc_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_599), "2025-12-31T23:59:59Z");
        assert_eq!(rfc3339(4_107_542_400), "2100-03-01T00:00:00Z");
    }
}
