//! The example designs shipped inside the binary, and new designs made from them.

use schemata_model::{Design, Severity};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ApiError, ApiErrorCode};

/// Name of the design with no tables.
pub const EMPTY: &str = "empty";

/// The embedded examples: name and file text.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "ecommerce",
        include_str!("../../../examples/ecommerce.schemata.json"),
    ),
    (
        "url_shortener",
        include_str!("../../../examples/url_shortener.schemata.json"),
    ),
    (
        "social_feed",
        include_str!("../../../examples/social_feed.schemata.json"),
    ),
    (
        "saas_multitenant",
        include_str!("../../../examples/saas_multitenant.schemata.json"),
    ),
    (
        "library_cycle",
        include_str!("../../../examples/library_cycle.schemata.json"),
    ),
];

/// One design that `new_design` can start from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExampleInfo {
    /// The name to pass to `new_design`, e.g. `ecommerce`.
    pub name: String,
    /// The design's own title.
    pub title: String,
    /// What the example shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    /// Number of tables.
    pub tables: u32,
}

/// Every design `new_design` accepts: `empty` first, then the examples.
pub fn examples() -> Vec<ExampleInfo> {
    let mut list = vec![ExampleInfo {
        name: EMPTY.to_string(),
        title: "Empty design".to_string(),
        description: Some("A design with no tables, targeting PostgreSQL.".to_string()),
        tables: 0,
    }];
    for (name, text) in EXAMPLES {
        if let Ok(design) = load_example(name, text) {
            list.push(ExampleInfo {
                name: (*name).to_string(),
                title: design.name.clone(),
                description: design.description.clone(),
                tables: u32::try_from(design.tables.len()).unwrap_or(u32::MAX),
            });
        }
    }
    list
}

/// The names `new_design` accepts.
pub fn example_names() -> Vec<&'static str> {
    std::iter::once(EMPTY)
        .chain(EXAMPLES.iter().map(|(name, _)| *name))
        .collect()
}

/// A new design: empty, or a copy of the named example. The copy has no `$schema`: the examples'
/// own one is a path relative to the repository's `examples/` folder, wrong anywhere else.
pub fn new_design(example: &str) -> Result<Design, ApiError> {
    if example == EMPTY {
        return Ok(Design {
            name: "Untitled".to_string(),
            ..Design::default()
        });
    }
    match EXAMPLES.iter().find(|(name, _)| *name == example) {
        Some((name, text)) => Ok(Design {
            schema: None,
            ..load_example(name, text)?
        }),
        None => Err(ApiError::new(
            ApiErrorCode::NotFound,
            format!(
                "no example named `{example}` (available: {})",
                example_names().join(", ")
            ),
        )),
    }
}

fn load_example(name: &str, text: &str) -> Result<Design, ApiError> {
    let loaded = schemata_model::load_str(text);
    let first_error = loaded
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error);
    match (loaded.design, first_error) {
        (Some(design), None) => Ok(design),
        (_, Some(d)) => Err(ApiError::internal(format!(
            "the built-in example `{name}` does not load: {}: {}",
            d.code, d.message
        ))),
        (None, None) => Err(ApiError::internal(format!(
            "the built-in example `{name}` does not load"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_loads_and_is_listed() {
        let listed = examples();
        assert_eq!(listed.len(), EXAMPLES.len() + 1, "{listed:?}");
        for info in &listed {
            let design = new_design(&info.name).unwrap();
            assert_eq!(design.tables.len() as u32, info.tables);
        }
        assert!(listed.iter().skip(1).all(|e| e.tables > 0));
    }

    #[test]
    fn examples_pass_validation() {
        for (name, _) in EXAMPLES {
            let design = new_design(name).unwrap();
            let errors: Vec<_> = schemata_model::validate(&design)
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }

    #[test]
    fn unknown_example_lists_the_names() {
        let err = new_design("nope").unwrap_err();
        assert_eq!(err.code, ApiErrorCode::NotFound);
        assert!(err.message.contains("ecommerce") && err.message.contains("empty"));
    }

    #[test]
    fn empty_design_has_no_tables() {
        let design = new_design(EMPTY).unwrap();
        assert!(design.tables.is_empty());
        assert_eq!(design.name, "Untitled");
    }
}
