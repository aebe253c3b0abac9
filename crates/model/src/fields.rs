//! What the JSON Schema says about a place in a design file: which fields an object there may
//! have, which of them are required, and which strings an enumeration there accepts. Everything
//! is read from the schema generated from the Rust types, so it cannot drift from them.

use serde_json::Value;

use crate::schema::schema;
use crate::spans::Segment;

/// Guard against reference cycles and runaway nesting in the schema walk.
const MAX_SCHEMA_DEPTH: usize = 32;

/// The object schemas, enum schemas and so on that may describe the value at `segments`.
fn schemas_at(segments: &[Segment]) -> Vec<&'static Value> {
    let root = schema();
    let mut current = Vec::new();
    flatten(root, root, 0, &mut current);
    for segment in segments {
        let mut next = Vec::new();
        for s in &current {
            if let Some(child) = child(s, segment) {
                flatten(root, child, 0, &mut next);
            }
        }
        if next.is_empty() {
            return next;
        }
        current = next;
    }
    current
}

/// Resolve `$ref`s and spread `anyOf` / `oneOf` / `allOf` into their branches.
fn flatten(root: &'static Value, s: &'static Value, depth: usize, out: &mut Vec<&'static Value>) {
    if depth > MAX_SCHEMA_DEPTH {
        return;
    }
    if let Some(target) = s.get("$ref").and_then(Value::as_str) {
        if let Some(resolved) = resolve(root, target) {
            flatten(root, resolved, depth + 1, out);
        }
        return;
    }
    let mut branched = false;
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = s.get(key).and_then(Value::as_array) {
            branched = true;
            for b in branches {
                flatten(root, b, depth + 1, out);
            }
        }
    }
    if !branched || s.get("properties").is_some() {
        out.push(s);
    }
}

/// Follow a local reference such as `#/$defs/Table`.
fn resolve(root: &'static Value, reference: &str) -> Option<&'static Value> {
    root.pointer(reference.strip_prefix('#')?)
}

fn child(s: &'static Value, segment: &Segment) -> Option<&'static Value> {
    match segment {
        Segment::Key(k) => s
            .get("properties")
            .and_then(|p| p.get(k.as_str()))
            .or_else(|| s.get("additionalProperties").filter(|a| a.is_object())),
        Segment::Index(_) => s.get("items").filter(|i| i.is_object()),
    }
}

/// Field names an object at `segments` may have, in declaration order.
pub(crate) fn known_fields(segments: &[Segment]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in schemas_at(segments) {
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for k in props.keys() {
                if !out.contains(&k.as_str()) {
                    out.push(k.as_str());
                }
            }
        }
    }
    out
}

/// Whether `field` must be present in the object at `parent` (true when the schema says so in
/// any of the object's alternatives, or when nothing is known about it).
pub(crate) fn is_required(parent: &[Segment], field: &str) -> bool {
    let schemas = schemas_at(parent);
    if schemas.is_empty() {
        return true;
    }
    schemas.iter().any(|s| {
        s.get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|f| f.as_str() == Some(field)))
    })
}

/// The strings an enumeration at `segments` accepts (empty when it is not an enumeration).
pub(crate) fn allowed_values(segments: &[Segment]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for s in schemas_at(segments) {
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            out.extend(values.iter().filter_map(Value::as_str));
        }
        if let Some(c) = s.get("const").and_then(Value::as_str) {
            out.push(c);
        }
    }
    out
}

/// The candidate closest to `word`, when one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let folded = fold(word);
    if let Some(exact) = candidates.iter().find(|c| fold(c) == folded) {
        return Some(exact);
    }
    let lower = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&lower, c), *c))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &[&str]) -> Vec<Segment> {
        path.iter()
            .map(|p| match p.parse() {
                Ok(i) => Segment::Index(i),
                Err(_) => Segment::Key((*p).to_string()),
            })
            .collect()
    }

    #[test]
    fn fields_come_from_the_types() {
        let design = known_fields(&[]);
        assert!(design.contains(&"tables") && design.contains(&"$schema"));
        let column = known_fields(&segs(&["tables", "3", "columns", "0"]));
        assert_eq!(column.first(), Some(&"id"));
        assert!(column.contains(&"nullable") && column.contains(&"type"));
        let pk = known_fields(&segs(&["tables", "0", "primary_key"]));
        assert_eq!(pk, ["name", "columns"]);
        let node = known_fields(&segs(&["layout", "tables", "any id"]));
        assert!(node.contains(&"x") && node.contains(&"color"));
        assert_eq!(
            known_fields(&segs(&["tables", "0", "columns", "0", "default"])),
            ["expr"]
        );
        assert!(known_fields(&segs(&["nope"])).is_empty());
    }

    #[test]
    fn required_and_enums() {
        assert!(is_required(&segs(&["tables", "0"]), "name"));
        assert!(!is_required(&segs(&["tables", "0"]), "comment"));
        assert!(is_required(&[], "format"));
        let actions = allowed_values(&segs(&["tables", "0", "foreign_keys", "1", "on_delete"]));
        assert!(actions.contains(&"set_null"));
        let deferrable = allowed_values(&segs(&["tables", "0", "foreign_keys", "1", "deferrable"]));
        assert!(deferrable.contains(&"initially_deferred"));
    }

    #[test]
    fn suggestions() {
        let c = ["id", "name", "columns", "primary_key", "foreign_keys"];
        assert_eq!(closest("colums", &c), Some("columns"));
        assert_eq!(closest("primaryKey", &c), Some("primary_key"));
        assert_eq!(closest("ForeignKeys", &c), Some("foreign_keys"));
        assert_eq!(closest("zzz", &c), None);
        assert_eq!(closest("", &c), None);
    }
}
