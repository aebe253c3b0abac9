//! Writing a design file: stable text, written atomically.
//!
//! The text is pretty-printed JSON with two-space indentation, fields in declaration order and
//! map keys sorted, ending with a newline. Because references are by id, renaming a table or a
//! column changes exactly one line, and saving an unchanged design reproduces the same bytes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::design::Design;

/// The text of a design file.
pub fn to_json(design: &Design) -> String {
    // Serializing these types into a String cannot fail: every map key is a string.
    let mut text = serde_json::to_string_pretty(design).unwrap_or_default();
    text.push('\n');
    text
}

/// Write `design` to `path` atomically: the text goes to a temporary file in the same
/// directory, which is flushed to disk and then renamed over `path`; the directory is flushed
/// last. Readers see either the old file or the new one, never a mix, and a failure leaves the
/// old file as it was. When `path` is a symbolic link, the file it points to is replaced.
pub fn save_atomic(path: &Path, design: &Design) -> io::Result<()> {
    let text = to_json(design);
    write_atomic(path, |file| file.write_all(text.as_bytes()))
}

/// Replace `path` with what `write` puts into a fresh temporary file.
pub(crate) fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve_link(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path has no file name"))?;
    let (temp_path, mut file) = create_temp(&dir, &file_name.to_string_lossy())?;
    let result = (|| {
        write(&mut file)?;
        if let Ok(meta) = fs::metadata(&target) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&temp_path, &target)?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp_path);
    }
    result
}

/// Follow `path` when it is a symbolic link, so that the link survives the rename.
fn resolve_link(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// Create a new, uniquely named temporary file in `dir`.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Flush a directory entry change (the rename) to disk.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn failed_write_keeps_the_old_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("shop.schemata.json");
        fs::write(&path, "old contents\n")?;
        let result = write_atomic(&path, |f| {
            f.write_all(b"{\"half\": ")?;
            Err(io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path)?, "old contents\n");
        assert_eq!(entries(dir.path()), ["shop.schemata.json"]);
        Ok(())
    }

    #[test]
    fn failed_rename_keeps_the_old_entry() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        // A non-empty directory cannot be replaced by a file.
        let path = dir.path().join("taken");
        fs::create_dir(&path)?;
        fs::write(path.join("inside"), "x")?;
        assert!(save_atomic(&path, &Design::default()).is_err());
        assert_eq!(entries(dir.path()), ["taken"]);
        assert_eq!(fs::read_to_string(path.join("inside"))?, "x");
        assert!(save_atomic(&dir.path().join("missing/dir.json"), &Design::default()).is_err());
        Ok(())
    }

    #[test]
    fn replaces_and_keeps_links() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let real = dir.path().join("real.schemata.json");
        fs::write(&real, "old")?;
        let design = Design::default();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.schemata.json");
            std::os::unix::fs::symlink(&real, &link)?;
            save_atomic(&link, &design)?;
            assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        }
        #[cfg(not(unix))]
        save_atomic(&real, &design)?;
        assert_eq!(fs::read_to_string(&real)?, to_json(&design));
        assert_eq!(
            to_json(&design),
            "{\n  \"format\": 1,\n  \"settings\": {\n    \"dialects\": [\n      \"postgres\"\n    ],\n    \"naming\": {\n      \"tables\": \"plural_snake_case\",\n      \"columns\": \"snake_case\",\n      \"primary_key_column\": \"id\",\n      \"foreign_key_column\": \"{referenced_singular}_id\",\n      \"primary_key\": \"pk_{table}\",\n      \"foreign_key\": \"fk_{table}_{referenced}\",\n      \"unique\": \"uq_{table}_{columns}\",\n      \"index\": \"ix_{table}_{columns}\",\n      \"check\": \"ck_{table}_{what}\",\n      \"junction_table\": \"{from}_{to}\"\n    }\n  },\n  \"tables\": []\n}\n"
        );
        Ok(())
    }
}
