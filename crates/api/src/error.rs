//! The one error type every command returns.

use schemata_model::Diagnostic;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;
use ts_rs::TS;

/// What kind of failure an [`ApiError`] is; the UI picks its wording and the CLI its exit status
/// from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ApiErrorCode {
    /// A file or example that was asked for does not exist.
    NotFound,
    /// Reading or writing a file failed for another reason.
    Io,
    /// The design cannot be used as it is; `diagnostics` says why and where.
    InvalidDesign,
    /// An argument is wrong: an unknown example, dialect or tool, a file that would be overwritten.
    InvalidArgument,
    /// The request is valid but this build cannot do it.
    Unsupported,
    /// A fault in Schemata itself.
    Internal,
}

impl ApiErrorCode {
    /// The serialized name, e.g. `not_found`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiErrorCode::NotFound => "not_found",
            ApiErrorCode::Io => "io",
            ApiErrorCode::InvalidDesign => "invalid_design",
            ApiErrorCode::InvalidArgument => "invalid_argument",
            ApiErrorCode::Unsupported => "unsupported",
            ApiErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ApiErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed command: a code, a sentence for people that names the file involved, and, for an
/// invalid design, the diagnostics with their places in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ApiErrorCode,
    pub message: String,
    /// The problems that make the design unusable, when `code` is `invalid_design`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub diagnostics: Vec<Diagnostic>,
}

impl ApiError {
    /// An error without diagnostics.
    pub fn new(code: ApiErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }

    /// An `invalid_design` error carrying the diagnostics that explain it.
    pub fn invalid_design(message: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        ApiError {
            code: ApiErrorCode::InvalidDesign,
            message: message.into(),
            diagnostics,
        }
    }

    /// An `invalid_argument` error.
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ApiErrorCode::InvalidArgument, message)
    }

    /// An `internal` error.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ApiErrorCode::Internal, message)
    }

    /// The error for a failed file operation: `not_found` when the file is missing, `io`
    /// otherwise. `action` is a verb phrase such as "cannot read".
    pub fn from_io(action: &str, path: &Path, err: &std::io::Error) -> Self {
        let code = if err.kind() == std::io::ErrorKind::NotFound {
            ApiErrorCode::NotFound
        } else {
            ApiErrorCode::Io
        };
        Self::new(code, format!("{action} {}: {err}", path.display()))
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let err = ApiError::new(ApiErrorCode::NotFound, "cannot read a.json: gone");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "not_found", "message": "cannot read a.json: gone"})
        );
        assert_eq!(err.to_string(), "cannot read a.json: gone");
    }

    #[test]
    fn io_errors_map_to_codes() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let path = Path::new("x/design.schemata.json");
        let a = ApiError::from_io("cannot read", path, &missing);
        assert_eq!(a.code, ApiErrorCode::NotFound);
        assert!(
            a.message
                .starts_with("cannot read x/design.schemata.json: ")
        );
        assert_eq!(
            ApiError::from_io("cannot write", path, &denied).code,
            ApiErrorCode::Io
        );
    }

    #[test]
    fn codes_print_their_serialized_names() {
        for code in [
            ApiErrorCode::NotFound,
            ApiErrorCode::Io,
            ApiErrorCode::InvalidDesign,
            ApiErrorCode::InvalidArgument,
            ApiErrorCode::Unsupported,
            ApiErrorCode::Internal,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{code}\""));
        }
    }
}
