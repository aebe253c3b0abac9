//! The list of recently opened and saved design files, kept in the app's data folder.

use schemata_model::Design;
use std::path::{Path, PathBuf};

use crate::error::ApiError;
use crate::files::{Opened, open_design, save_design, write_file_atomic};

/// Name of the recent-files list inside the app's data folder.
pub const RECENT_FILE: &str = "recent.json";

/// How many files the list keeps.
pub const RECENT_CAP: usize = 10;

/// The recent files of the app whose data folder is `data_dir`, most recent first. A missing or
/// damaged list is an empty one.
pub fn recent_files(data_dir: &Path) -> Vec<String> {
    std::fs::read_to_string(data_dir.join(RECENT_FILE))
        .ok()
        .and_then(|text| serde_json::from_str::<Vec<String>>(&text).ok())
        .map(|mut list| {
            list.truncate(RECENT_CAP);
            list
        })
        .unwrap_or_default()
}

/// Put `path` first in the recent files (once: an entry already there moves up), keep at most
/// [`RECENT_CAP`], write the list atomically and return it. The path is made absolute so that
/// the same file is one entry whatever folder it was named from.
pub fn add_recent_file(data_dir: &Path, path: &Path) -> Result<Vec<String>, ApiError> {
    let entry = absolute(path).to_string_lossy().into_owned();
    let mut list = recent_files(data_dir);
    list.retain(|p| *p != entry);
    list.insert(0, entry);
    list.truncate(RECENT_CAP);
    let text = serde_json::to_string_pretty(&list)
        .map_err(|e| ApiError::internal(format!("cannot serialize the recent files: {e}")))?;
    write_file_atomic(&data_dir.join(RECENT_FILE), text.as_bytes())?;
    Ok(list)
}

/// Open a design file and, when it opens, record it in the recent files. Failing to update the
/// list does not fail the open.
pub fn open_design_recorded(data_dir: &Path, path: &Path) -> Result<Opened, ApiError> {
    let opened = open_design(path)?;
    let _ = add_recent_file(data_dir, path);
    Ok(opened)
}

/// Save a design atomically and record the file in the recent files. Failing to update the list
/// does not fail the save.
pub fn save_design_recorded(data_dir: &Path, path: &Path, design: &Design) -> Result<(), ApiError> {
    save_design(path, design)?;
    let _ = add_recent_file(data_dir, path);
    Ok(())
}

/// `path` resolved against the current folder, symbolic links followed when the file exists.
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[String]) -> Vec<String> {
        list.iter()
            .map(|p| {
                Path::new(p)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn most_recent_first_without_duplicates() {
        let data = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c", "b"] {
            add_recent_file(data.path(), &files.path().join(name)).unwrap();
        }
        let list = recent_files(data.path());
        assert_eq!(names(&list), ["b", "c", "a"]);
        assert!(list.iter().all(|p| Path::new(p).is_absolute()));
    }

    #[test]
    fn keeps_at_most_ten() {
        let data = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        for i in 0..13 {
            add_recent_file(data.path(), &files.path().join(format!("f{i}"))).unwrap();
        }
        let list = recent_files(data.path());
        assert_eq!(list.len(), RECENT_CAP);
        assert_eq!(names(&list)[0], "f12");
        assert_eq!(names(&list)[9], "f3");
    }

    #[test]
    fn a_missing_or_damaged_list_is_empty() {
        let data = tempfile::tempdir().unwrap();
        assert!(recent_files(data.path()).is_empty());
        std::fs::write(data.path().join(RECENT_FILE), "[\"a\", 3").unwrap();
        assert!(recent_files(data.path()).is_empty());
        let list = add_recent_file(data.path(), Path::new("/tmp/x.schemata.json")).unwrap();
        assert_eq!(list, ["/tmp/x.schemata.json"]);
    }

    #[test]
    fn saving_and_opening_record_the_file() {
        let data = tempfile::tempdir().unwrap();
        let files = tempfile::tempdir().unwrap();
        let one = files.path().join("one.schemata.json");
        let two = files.path().join("two.schemata.json");
        let design = crate::examples::new_design("social_feed").unwrap();
        save_design_recorded(data.path(), &one, &design).unwrap();
        save_design_recorded(data.path(), &two, &design).unwrap();
        let opened = open_design_recorded(data.path(), &one).unwrap();
        assert_eq!(opened.design, design);
        assert_eq!(
            names(&recent_files(data.path())),
            ["one.schemata.json", "two.schemata.json"]
        );
        let missing = files.path().join("missing.schemata.json");
        assert!(open_design_recorded(data.path(), &missing).is_err());
        assert_eq!(
            recent_files(data.path()).len(),
            2,
            "a failed open is not recorded"
        );
    }
}
