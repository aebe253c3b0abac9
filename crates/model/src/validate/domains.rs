//! Checks of domains: unique ids and names, no name shared with an enum type or (PostgreSQL) a
//! table, and no empty CHECK expression.

use std::collections::HashMap;

use super::codes::{DUPLICATE_ID, DUPLICATE_TYPE_NAME, EMPTY_DOMAIN_CHECK};
use super::{Cx, schema_key, table_label};
use crate::design::DialectName;
use crate::diag::Diagnostic;

pub(super) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut names: HashMap<(String, String), usize> = HashMap::new();
    let postgres = cx.design.settings.dialects.contains(&DialectName::Postgres);
    for (i, d) in cx.design.domains.iter().enumerate() {
        if !d.id.is_empty() {
            if let Some(first) = ids.get(d.id.as_str()) {
                out.push(
                    Diagnostic::error(
                        DUPLICATE_ID,
                        format!(
                            "domain {} has the id `{}` of domain {}",
                            i + 1,
                            d.id,
                            first + 1
                        ),
                    )
                    .with_path(format!("/domains/{i}/id")),
                );
            } else {
                ids.insert(&d.id, i);
            }
        }
        for (j, c) in d.checks.iter().enumerate() {
            if c.trim().is_empty() {
                out.push(
                    Diagnostic::error(
                        EMPTY_DOMAIN_CHECK,
                        format!("CHECK {} of domain `{}` is empty", j + 1, d.name),
                    )
                    .with_help("write the condition with VALUE, e.g. `VALUE > 0`, or remove it")
                    .with_path(format!("/domains/{i}/checks/{j}")),
                );
            }
        }
        if d.name.is_empty() {
            continue;
        }
        let key = (schema_key(&d.schema), d.name.to_lowercase());
        let path = format!("/domains/{i}/name");
        if names.contains_key(&key) {
            out.push(
                Diagnostic::error(
                    DUPLICATE_TYPE_NAME,
                    format!("there are two domains named `{}`", d.name),
                )
                .with_path(path),
            );
            continue;
        }
        names.insert(key.clone(), i);
        let same =
            |schema: &Option<String>, name: &str| (schema_key(schema), name.to_lowercase()) == key;
        if cx.design.enums.iter().any(|e| same(&e.schema, &e.name)) {
            out.push(
                Diagnostic::error(
                    DUPLICATE_TYPE_NAME,
                    format!("domain `{}` has the name of an enum type", d.name),
                )
                .with_help("types share one namespace; rename the domain or the enum type")
                .with_path(path),
            );
            continue;
        }
        let clash = cx.design.tables.iter().find(|t| same(&t.schema, &t.name));
        if postgres && let Some(t) = clash {
            out.push(
                Diagnostic::error(
                    DUPLICATE_TYPE_NAME,
                    format!(
                        "domain `{}` has the name of table `{}`",
                        d.name,
                        table_label(t)
                    ),
                )
                .with_help("PostgreSQL creates a type for every table; rename the domain")
                .with_path(path),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::design::Design;
    use crate::ids::fill_missing_ids;
    use crate::validate::validate;

    fn codes(
        domains: serde_json::Value,
        column_type: &str,
        fk_type: &str,
    ) -> Vec<(String, String)> {
        let mut d: Design = serde_json::from_value(json!({
            "format": 1,
            "settings": {"dialects": ["postgres"]},
            "enums": [{"name": "mood", "values": ["ok"]}],
            "domains": domains,
            "tables": [
                {"name": "films", "columns": [
                    {"name": "id", "type": "integer"},
                    {"name": "year", "type": column_type}
                ], "primary_key": {"columns": ["id"]}},
                {"name": "copies", "columns": [
                    {"name": "id", "type": "integer"},
                    {"name": "film_id", "type": fk_type}
                ], "primary_key": {"columns": ["id"]},
                   "foreign_keys": [{"columns": ["film_id"], "references": "films"}]}
            ]
        }))
        .expect("design");
        fill_missing_ids(&mut d);
        validate(&d)
            .into_iter()
            .map(|x| (x.code.to_string(), x.path.unwrap_or_default()))
            .collect()
    }

    fn pair(code: &str, path: &str) -> (String, String) {
        (code.to_string(), path.to_string())
    }

    #[test]
    fn a_valid_domain_passes() {
        let domains = json!([
            {"name": "year", "base": "integer", "checks": ["VALUE >= 1901"]},
            {"name": "film_ref", "base": "integer", "not_null": true}
        ]);
        let got = codes(domains, "year", "film_ref");
        assert!(got.is_empty(), "{got:?}");
        // A domain's name is no misspelt built-in type.
        let domains = json!([{"name": "integr", "base": "integer"}]);
        assert!(codes(domains.clone(), "integr", "integer").is_empty());
        let got = codes(json!([]), "integr", "integer");
        assert!(
            got.contains(&pair("V033", "/tables/0/columns/1/type")),
            "{got:?}"
        );
    }

    #[test]
    fn duplicates_and_clashes_are_errors() {
        let domains = json!([
            {"name": "year", "base": "integer"},
            {"name": "YEAR", "base": "integer"},
            {"name": "mood", "base": "text"},
            {"id": "d", "name": "films", "base": "text"},
            {"id": "d", "name": "other", "base": "text", "checks": [" "]}
        ]);
        let got = codes(domains, "year", "integer");
        for want in [
            pair("V030", "/domains/1/name"),
            pair("V030", "/domains/2/name"),
            pair("V030", "/domains/3/name"),
            pair("V029", "/domains/4/id"),
            pair("V041", "/domains/4/checks/0"),
        ] {
            assert!(got.contains(&want), "{want:?} not in {got:?}");
        }
    }

    #[test]
    fn a_foreign_key_compares_the_base_type() {
        let domains = json!([{"name": "film_ref", "base": "bigint"}]);
        let got = codes(domains, "integer", "film_ref");
        assert!(
            got.contains(&pair("V011", "/tables/1/foreign_keys/0/columns/0")),
            "{got:?}"
        );
    }
}
