//! Domains: named types over a base type with a default, NOT NULL and CHECK constraints
//! (PostgreSQL `CREATE DOMAIN`). A column uses a domain by naming it as its type, the way it uses
//! a named enum.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::design::{DefaultValue, Design, is_false};
use crate::types::DataType;

/// A named domain type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct DomainType {
    /// Stable identifier, unique among the domains.
    #[serde(default)]
    pub id: String,
    pub name: String,
    /// Database schema (namespace) the domain lives in, when not the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schema: Option<String>,
    /// The type the domain restricts, e.g. `integer` or `varchar(50)`.
    pub base: DataType,
    /// Whether the domain refuses NULL.
    #[serde(default, skip_serializing_if = "is_false")]
    #[ts(as = "Option<_>", optional)]
    pub not_null: bool,
    /// Default of the columns using the domain that set none of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub default: Option<DefaultValue>,
    /// CHECK expressions, each written with `VALUE` for the checked value, e.g. `VALUE >= 1901`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub checks: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<String>,
}

impl DomainType {
    /// Whether a column type written as `name` (`name` or `schema.name`, case-insensitively)
    /// names this domain.
    pub fn is_named(&self, name: &str) -> bool {
        let name = name.trim();
        if name.eq_ignore_ascii_case(&self.name) || (!self.id.is_empty() && name == self.id) {
            return true;
        }
        match (&self.schema, name.split_once('.')) {
            (Some(s), Some((schema, rest))) => {
                schema.eq_ignore_ascii_case(s) && rest.eq_ignore_ascii_case(&self.name)
            }
            _ => false,
        }
    }
}

impl Design {
    /// The domain a column type names, if any.
    pub fn domain_of(&self, ty: &DataType) -> Option<&DomainType> {
        match ty {
            DataType::Named(n) if !self.domains.is_empty() => {
                self.domains.iter().find(|d| d.is_named(n))
            }
            _ => None,
        }
    }

    /// The type behind a domain (following domains over domains, at most a few levels), or the
    /// type itself when it names no domain. Arrays of a domain become arrays of its base.
    pub fn base_type<'a>(&'a self, ty: &'a DataType) -> &'a DataType {
        let mut current = ty;
        for _ in 0..8 {
            match self.domain_of(current) {
                Some(d) => current = &d.base,
                None => break,
            }
        }
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(name: &str, schema: Option<&str>, base: DataType) -> DomainType {
        DomainType {
            id: String::new(),
            name: name.into(),
            schema: schema.map(str::to_string),
            base,
            not_null: false,
            default: None,
            checks: Vec::new(),
            comment: None,
        }
    }

    #[test]
    fn names_and_bases() {
        let design = Design {
            domains: vec![
                domain("year", None, DataType::Integer),
                domain("email", Some("app"), DataType::Text),
                domain("short_year", None, DataType::Named("year".into())),
            ],
            ..Design::default()
        };
        let named = |n: &str| DataType::Named(n.into());
        assert_eq!(design.base_type(&named("YEAR")), &DataType::Integer);
        assert_eq!(design.base_type(&named("app.email")), &DataType::Text);
        assert_eq!(
            design.base_type(&named("other.email")),
            &named("other.email")
        );
        assert_eq!(design.base_type(&named("short_year")), &DataType::Integer);
        assert_eq!(design.base_type(&DataType::Uuid), &DataType::Uuid);
        assert!(design.domain_of(&named("inet")).is_none());
    }

    #[test]
    fn a_cycle_of_domains_stops() {
        let design = Design {
            domains: vec![
                domain("a", None, DataType::Named("b".into())),
                domain("b", None, DataType::Named("a".into())),
            ],
            ..Design::default()
        };
        let t = DataType::Named("a".into());
        assert!(matches!(design.base_type(&t), DataType::Named(_)));
    }
}
