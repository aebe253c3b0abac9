//! Text exports of a design (Mermaid, DBML) and atomic writes of the files the desktop app saves
//! through its save dialog (DDL, SVG, PNG, Mermaid, DBML).

use base64::Engine;
use schemata_model::Design;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

use crate::error::ApiError;
use crate::files::write_file_atomic;

/// A text format a design can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TextFormat {
    /// A Mermaid `erDiagram`.
    Mermaid,
    /// DBML, as read by dbdiagram.io and dbdocs.
    Dbml,
}

impl std::str::FromStr for TextFormat {
    type Err = ApiError;

    fn from_str(s: &str) -> Result<Self, ApiError> {
        match s.to_ascii_lowercase().as_str() {
            "mermaid" => Ok(TextFormat::Mermaid),
            "dbml" => Ok(TextFormat::Dbml),
            _ => Err(ApiError::invalid_argument(format!(
                "unknown text format `{s}` (available: mermaid, dbml)"
            ))),
        }
    }
}

/// The design as text in `format`.
pub fn export_text(design: &Design, format: TextFormat) -> String {
    match format {
        TextFormat::Mermaid => schemata_sql::export::mermaid(design),
        TextFormat::Dbml => schemata_sql::export::dbml(design),
    }
}

/// Write `contents` to `path` atomically (temporary file, flush, rename).
pub fn write_text_file(path: &Path, contents: &str) -> Result<(), ApiError> {
    write_file_atomic(path, contents.as_bytes())
}

/// Write the bytes encoded in `base64` to `path` atomically. A `data:` URL (as a canvas's
/// `toDataURL` returns) is accepted too; its header is skipped.
pub fn write_binary_file(path: &Path, base64: &str) -> Result<(), ApiError> {
    let payload = match base64.strip_prefix("data:") {
        Some(url) => url.split_once(',').map(|(_, data)| data).unwrap_or(""),
        None => base64,
    };
    let compact: String = payload.split_ascii_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|e| {
            ApiError::invalid_argument(format!(
                "cannot write {}: the contents are not base64: {e}",
                path.display()
            ))
        })?;
    write_file_atomic(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiErrorCode;

    #[test]
    fn writes_text_and_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out/schema.sql");
        write_text_file(&path, "CREATE TABLE a ();\n").unwrap();
        write_text_file(&path, "CREATE TABLE b ();\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "CREATE TABLE b ();\n"
        );
    }

    #[test]
    fn decodes_base64_and_data_urls() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.png");
        write_binary_file(&path, "iVBORw0K\nGgo=").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"\x89PNG\r\n\x1a\n");
        write_binary_file(&path, "data:image/png;base64,AAEC").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), [0, 1, 2]);
    }

    #[test]
    fn bad_base64_is_refused_and_the_file_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.png");
        std::fs::write(&path, "old").unwrap();
        let err = write_binary_file(&path, "not base64!").unwrap_err();
        assert_eq!(err.code, ApiErrorCode::InvalidArgument);
        assert!(err.message.contains("d.png"), "{}", err.message);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn parses_format_names() {
        assert_eq!(
            "Mermaid".parse::<TextFormat>().unwrap(),
            TextFormat::Mermaid
        );
        assert_eq!("dbml".parse::<TextFormat>().unwrap(), TextFormat::Dbml);
        assert!("svg".parse::<TextFormat>().is_err());
        let json = serde_json::to_string(&TextFormat::Dbml).unwrap();
        assert_eq!(json, "\"dbml\"");
    }

    #[test]
    fn exports_both_formats() {
        let design = crate::examples::new_design("ecommerce").unwrap();
        assert!(export_text(&design, TextFormat::Mermaid).starts_with("erDiagram"));
        assert!(export_text(&design, TextFormat::Dbml).contains("Table "));
    }
}
