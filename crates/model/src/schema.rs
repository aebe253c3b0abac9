//! The JSON Schema of the design file, generated from the Rust types.
//!
//! The generated schema is committed as `schema/schemata.schema.json`; design files point at it
//! with `"$schema"` so that editors can complete and check them. The loader also reads it to know
//! which fields each object of the file has (for "did you mean" help on unknown fields).

use std::sync::OnceLock;

use serde_json::Value;

use crate::design::Design;

/// Where the committed schema lives, relative to the repository root.
pub const SCHEMA_FILE: &str = "schema/schemata.schema.json";

/// The JSON Schema (draft 2020-12) of a design file.
pub fn json_schema() -> Value {
    schema().clone()
}

/// The JSON Schema as the committed file holds it: pretty-printed with a trailing newline.
pub fn json_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema, generated once per process.
pub(crate) fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema = schemars::schema_for!(Design);
        serde_json::to_value(&schema).unwrap_or(Value::Null)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_the_design() {
        let s = json_schema();
        assert_eq!(s["title"], "Design");
        assert!(s["properties"]["tables"].is_object());
        assert!(s["$defs"]["Column"]["properties"]["type"].is_object());
        assert!(json_schema_text().ends_with("}\n"));
    }
}
