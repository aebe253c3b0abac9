//! Loading a design file: parse, check the structure, fill missing ids, validate.
//!
//! The loader reports every problem it can find, each with a JSON pointer `path` and the
//! `location` (line:column) of that place in the text:
//!
//! | code | problem |
//! |------|---------|
//! | `F000` | the file cannot be read |
//! | `F001` | the text is not JSON (or not UTF-8) |
//! | `F002` | a member that no field of its object matches (ignored; "did you mean" help) |
//! | `F003` | a wrong type, a missing required field, a bad value or type string |
//! | `F004` | a `format` version this build does not read |
//!
//! Structural problems (`F000`, `F001`, `F003`, `F004`) leave no design. Unknown fields do not:
//! the design is loaded without them and validated (`V0xx` codes, see [`crate::validate`]).

use std::cell::OnceCell;
use std::path::Path;

use serde_json::Value;

use crate::decode::decode;
use crate::design::{Design, FORMAT_VERSION};
use crate::diag::{Diagnostic, Location};
use crate::fields;
use crate::ids::fill_missing_ids;
use crate::spans::{Segment, SpanIndex, location_at, pointer_of};
use crate::validate::validate;

/// The file cannot be read.
pub const UNREADABLE: &str = "F000";
/// JSON syntax error, or text that is not UTF-8.
pub const SYNTAX: &str = "F001";
/// A member that no field matches.
pub const UNKNOWN_FIELD: &str = "F002";
/// A wrong type, a missing required field, or a value that does not parse.
pub const INVALID: &str = "F003";
/// A file format version this build does not read.
pub const UNSUPPORTED_FORMAT: &str = "F004";

/// The result of loading a design file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The design; `None` only when structural errors make reading it impossible.
    pub design: Option<Design>,
    /// Every problem found, loader problems first (in file order), then validation results.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    }

    fn failed(diagnostics: Vec<Diagnostic>) -> Self {
        Loaded {
            design: None,
            diagnostics,
        }
    }
}

/// Load a design file from disk.
pub fn load_file(path: &Path) -> Loaded {
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&bytes),
        Err(e) => {
            let d = Diagnostic::error(UNREADABLE, format!("cannot read `{}`: {e}", path.display()))
                .with_path("");
            Loaded::failed(vec![d])
        }
    }
}

/// Load a design from raw file contents, which must be UTF-8 (a byte-order mark is skipped).
pub fn load_bytes(bytes: &[u8]) -> Loaded {
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(text),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let text = std::str::from_utf8(valid).unwrap_or("");
            let mut d = Diagnostic::error(SYNTAX, "the file is not valid UTF-8 text")
                .with_help("save the file with UTF-8 encoding")
                .with_path("");
            d.location = Some(location_at(text, text.len()));
            Loaded::failed(vec![d])
        }
    }
}

/// Load a design from the text of a design file.
pub fn load_str(text: &str) -> Loaded {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Loaded::failed(vec![syntax_error(text, &e)]),
    };
    let mut diagnostics = Vec::new();
    let Value::Object(root) = &mut value else {
        let d = Diagnostic::error(
            INVALID,
            format!("a design file holds a JSON object, not {}", kind_of(&value)),
        )
        .with_path("");
        return finish(text, Loaded::failed(vec![d]));
    };
    match root.get("format") {
        Some(f) => match f.as_u64() {
            Some(n) if n == u64::from(FORMAT_VERSION) => {}
            Some(n) => {
                let newer = n > u64::from(FORMAT_VERSION);
                let d = Diagnostic::error(
                    UNSUPPORTED_FORMAT,
                    format!("format version {n} is not supported; this build reads version {FORMAT_VERSION}"),
                )
                .with_help(if newer {
                    "the file was written by a newer version of Schemata; upgrade to open it"
                        .to_string()
                } else {
                    format!("set `\"format\": {FORMAT_VERSION}`")
                })
                .with_path("/format");
                return finish(text, Loaded::failed(vec![d]));
            }
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        INVALID,
                        format!(
                            "`format` must be the number {FORMAT_VERSION}, found {}",
                            kind_of(f)
                        ),
                    )
                    .with_path("/format"),
                );
                root.insert("format".into(), Value::from(FORMAT_VERSION));
            }
        },
        None => {
            diagnostics.push(
                Diagnostic::error(INVALID, "missing field `format`")
                    .with_help(format!(
                        "add `\"format\": {FORMAT_VERSION}` to the top object"
                    ))
                    .with_path(""),
            );
            root.insert("format".into(), Value::from(FORMAT_VERSION));
        }
    }
    let decoded = decode(&value);
    for (path, message) in &decoded.errors {
        diagnostics.push(invalid(&value, path, message));
    }
    let locator = Locator::new(text);
    for path in &decoded.unknown {
        let (mut d, key_path) = unknown_field(path);
        d.location = locator.index().locate_key(&key_path);
        diagnostics.push(d);
    }
    locator.locate_all(&mut diagnostics);
    diagnostics.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
    let mut design = if diagnostics.iter().any(|d| d.code != UNKNOWN_FIELD) {
        None
    } else {
        decoded.design
    };
    if let Some(design) = &mut design {
        fill_missing_ids(design);
        let mut checks = validate(design);
        locator.locate_all(&mut checks);
        // Stable: diagnostics at one place keep the order of the checks.
        checks.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
        diagnostics.extend(checks);
    }
    Loaded {
        design,
        diagnostics,
    }
}

/// Finds locations for paths, indexing the text only when a diagnostic needs it.
struct Locator<'t> {
    text: &'t str,
    index: OnceCell<SpanIndex>,
}

impl<'t> Locator<'t> {
    fn new(text: &'t str) -> Self {
        Locator {
            text,
            index: OnceCell::new(),
        }
    }

    fn index(&self) -> &SpanIndex {
        self.index.get_or_init(|| SpanIndex::build(self.text))
    }

    /// Set the location of every diagnostic that has a path but no location yet.
    fn locate_all(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics {
            if d.location.is_none()
                && let Some(path) = &d.path
            {
                d.location = self.index().locate(path);
            }
        }
    }
}

fn finish(text: &str, mut loaded: Loaded) -> Loaded {
    Locator::new(text).locate_all(&mut loaded.diagnostics);
    loaded
}

fn syntax_error(text: &str, e: &serde_json::Error) -> Diagnostic {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    let line_start = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    // serde_json counts columns in bytes; report characters like every other location.
    let offset = line_start + e.column().saturating_sub(1);
    let location = if e.line() == 0 {
        Location { line: 1, column: 1 }
    } else {
        location_at(text, offset)
    };
    let index = SpanIndex::build(text);
    let path = index.stopped_at().unwrap_or("").to_string();
    let mut d = Diagnostic::error(SYNTAX, format!("invalid JSON: {message}")).with_path(path);
    d.location = Some(location);
    d
}

fn invalid(value: &Value, path: &[Segment], message: &str) -> Diagnostic {
    let pointer = pointer_of(path);
    let mut d = Diagnostic::error(INVALID, message.to_string()).with_path(pointer.clone());
    if let Some(found) = value.pointer(&pointer).and_then(Value::as_str) {
        let allowed = fields::allowed_values(path);
        if let Some(best) = fields::closest(found, &allowed) {
            d = d.with_help(format!("did you mean `{best}`?"));
        }
    }
    d
}

/// An unknown-field diagnostic and the pointer whose key locates it.
fn unknown_field(path: &[Segment]) -> (Diagnostic, String) {
    let pointer = pointer_of(path);
    let (name, parent) = match path.split_last() {
        Some((Segment::Key(k), parent)) => (k.as_str(), parent),
        _ => ("", path),
    };
    let known = fields::known_fields(parent);
    let help = match fields::closest(name, &known) {
        Some(best) => format!("did you mean `{best}`?"),
        None if known.is_empty() => "remove it".to_string(),
        None => format!("known fields here: {}", known.join(", ")),
    };
    let d = Diagnostic::error(UNKNOWN_FIELD, format!("unknown field `{name}` (ignored)"))
        .with_help(help)
        .with_path(pointer.clone());
    (d, pointer)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(l: &Loaded) -> Vec<&str> {
        l.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn syntax_error_has_a_character_location() {
        let l = load_str("{\n  \"name\": \"é\",\n  \"x\": ]\n}");
        assert!(l.design.is_none());
        assert_eq!(codes(&l), ["F001"]);
        let d = &l.diagnostics[0];
        assert_eq!(d.location, Some(Location { line: 3, column: 8 }));
        assert_eq!(d.path.as_deref(), Some("/x"));
        assert!(!d.message.contains("at line"));
    }

    #[test]
    fn empty_and_non_object() {
        assert_eq!(codes(&load_str("")), ["F001"]);
        assert_eq!(codes(&load_str("[]")), ["F003"]);
        assert_eq!(codes(&load_bytes(b"{\"a\": \"\xff\"}")), ["F001"]);
    }

    #[test]
    fn format_versions() {
        let l = load_str(r#"{"format": 2, "tables": []}"#);
        assert_eq!(codes(&l), ["F004"]);
        assert!(l.design.is_none());
        let l = load_str(r#"{"tables": [{"name": "t", "columns": 1}]}"#);
        assert_eq!(codes(&l), ["F003", "F003"]);
        assert!(l.diagnostics[0].message.contains("`format`"));
        let l = load_str(r#"{"format": "1"}"#);
        assert_eq!(codes(&l), ["F003"]);
    }

    #[test]
    fn unknown_fields_keep_the_design() {
        let l = load_str("{\"format\": 1, \"tabels\": [], \"zzz\": 1}");
        assert_eq!(codes(&l), ["F002", "F002"]);
        assert_eq!(
            l.diagnostics[0].help.as_deref(),
            Some("did you mean `tables`?")
        );
        assert!(
            l.diagnostics[1]
                .help
                .as_deref()
                .is_some_and(|h| h.starts_with("known fields here: $schema, format"))
        );
        assert_eq!(
            l.diagnostics[1].location,
            Some(Location {
                line: 1,
                column: 29
            })
        );
        assert!(l.design.is_some());
    }

    #[test]
    fn suggests_enum_values() {
        let l = load_str(r#"{"format": 1, "settings": {"dialects": ["postgre"]}}"#);
        assert_eq!(codes(&l), ["F003"]);
        assert_eq!(
            l.diagnostics[0].path.as_deref(),
            Some("/settings/dialects/0")
        );
        assert_eq!(
            l.diagnostics[0].help.as_deref(),
            Some("did you mean `postgres`?")
        );
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let l = load_bytes(b"\xef\xbb\xbf{\"format\": 1, \"nmae\": \"x\"}");
        assert_eq!(codes(&l), ["F002"]);
        assert_eq!(
            l.diagnostics[0].location,
            Some(Location {
                line: 1,
                column: 15
            })
        );
        assert!(l.design.is_some());
    }

    #[test]
    fn missing_file() {
        let l = load_file(Path::new("/nonexistent/x.schemata.json"));
        assert_eq!(codes(&l), ["F000"]);
    }
}
