//! Naming conventions: inflection, derived constraint and index names, identifier shortening.

use schemata_model::{DialectName, NamingConvention};
use sha2::{Digest, Sha256};

/// The plural form of an English noun in snake_case (`order_item` -> `order_items`); only the
/// last word is inflected.
pub fn plural(name: &str) -> String {
    inflect_last_word(name, |w| pluralizer::pluralize(w, 2, false))
}

/// The singular form (`categories` -> `category`, `order_items` -> `order_item`).
pub fn singular(name: &str) -> String {
    inflect_last_word(name, |w| pluralizer::pluralize(w, 1, false))
}

fn inflect_last_word(name: &str, f: impl Fn(&str) -> String) -> String {
    match name.rfind('_') {
        Some(i) if i + 1 < name.len() => format!("{}_{}", &name[..i], f(&name[i + 1..])),
        _ => f(name),
    }
}

/// Values that a name template may use.
#[derive(Debug, Default, Clone)]
pub struct TemplateVars<'a> {
    pub table: &'a str,
    pub referenced: &'a str,
    pub columns: &'a [&'a str],
    pub what: &'a str,
    pub from: &'a str,
    pub to: &'a str,
}

/// Fill a name template such as `ix_{table}_{columns}`.
pub fn expand(template: &str, v: &TemplateVars<'_>) -> String {
    // Each placeholder in turn, as written after the previous ones are filled; values (the
    // singulars above all) are only computed for placeholders the name has.
    let fill = |name: String, key: &str, value: &dyn Fn() -> String| {
        if name.contains(key) {
            name.replace(key, &value())
        } else {
            name
        }
    };
    let mut name = template.to_string();
    name = fill(name, "{table}", &|| v.table.to_string());
    name = fill(name, "{table_singular}", &|| singular(v.table));
    name = fill(name, "{referenced_singular}", &|| singular(v.referenced));
    name = fill(name, "{referenced}", &|| v.referenced.to_string());
    name = fill(name, "{columns}", &|| v.columns.join("_"));
    name = fill(name, "{what}", &|| v.what.to_string());
    name = fill(name, "{from}", &|| v.from.to_string());
    fill(name, "{to}", &|| v.to.to_string())
}

/// Shorten `name` to at most `max_len` bytes, deterministically: keep a prefix (cut on a char
/// boundary) and append `_` and 8 hex digits of the SHA-256 of the full name. Names that fit are
/// returned unchanged.
pub fn fit_identifier(name: &str, max_len: usize) -> String {
    if name.len() <= max_len {
        return name.to_string();
    }
    let digest = Sha256::digest(name.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let keep = max_len.saturating_sub(hash.len() + 1);
    let mut cut = keep.min(name.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let prefix = name[..cut].trim_end_matches('_');
    format!("{prefix}_{hash}")
}

/// The default FK column name for a reference to `referenced_table` under `conv`.
pub fn foreign_key_column(conv: &NamingConvention, referenced_table: &str) -> String {
    expand(
        &conv.foreign_key_column,
        &TemplateVars {
            referenced: referenced_table,
            ..Default::default()
        },
    )
}

/// `name` in snake_case (`OrderItem` -> `order_item`, `userId` -> `user_id`).
pub fn to_snake_case(name: &str) -> String {
    heck::ToSnakeCase::to_snake_case(name)
}

/// Whether `name` is already snake_case: non-empty and unchanged by [`to_snake_case`].
pub fn is_snake_case(name: &str) -> bool {
    !name.is_empty() && to_snake_case(name) == name
}

/// Whether the last word of a snake_case name is plural (`order_items`, `people`, `news`).
pub fn is_plural(name: &str) -> bool {
    plural(name) == name
}

/// Whether the last word of a snake_case name is singular (`order_item`, `person`, `news`).
pub fn is_singular(name: &str) -> bool {
    singular(name) == name
}

/// One piece of a name template: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    /// Any non-empty text: a placeholder whose value is not known (`{what}`, the columns of an
    /// expression index).
    Any,
}

/// Whether `name` fits the name template `template` given the values in `v`.
///
/// `{what}`, and `{columns}` when `v.columns` is empty, match any non-empty text. A name also fits
/// when it is the expanded template followed by `_` and a disambiguating suffix
/// (`fk_follows_users_followee`), or the expanded template shortened by [`fit_identifier`] to
/// `max_len` bytes.
pub fn matches_template(template: &str, v: &TemplateVars<'_>, name: &str, max_len: usize) -> bool {
    let mut pieces = template_pieces(template, v);
    if match_pieces(&pieces, name) {
        return true;
    }
    if !pieces.contains(&Piece::Any) {
        let full: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Any => "",
            })
            .collect();
        if full.len() > max_len && fit_identifier(&full, max_len) == name {
            return true;
        }
    }
    pieces.push(Piece::Text("_".into()));
    pieces.push(Piece::Any);
    match_pieces(&pieces, name)
}

fn template_pieces(template: &str, v: &TemplateVars<'_>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            break;
        };
        text.push_str(&rest[..open]);
        let var = &rest[open + 1..open + len];
        let value = match var {
            "table" => Some(v.table.to_string()),
            "table_singular" => Some(singular(v.table)),
            "referenced" => Some(v.referenced.to_string()),
            "referenced_singular" => Some(singular(v.referenced)),
            "columns" if !v.columns.is_empty() => Some(v.columns.join("_")),
            "from" => Some(v.from.to_string()),
            "to" => Some(v.to.to_string()),
            "columns" | "what" => None,
            _ => Some(rest[open..=open + len].to_string()),
        };
        match value {
            Some(value) => text.push_str(&value),
            None => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                if pieces.last() != Some(&Piece::Any) {
                    pieces.push(Piece::Any);
                }
            }
        }
        rest = &rest[open + len + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

fn match_pieces(pieces: &[Piece], name: &str) -> bool {
    match pieces.split_first() {
        None => name.is_empty(),
        Some((Piece::Text(t), rest)) => name
            .strip_prefix(t.as_str())
            .is_some_and(|tail| match_pieces(rest, tail)),
        Some((Piece::Any, rest)) => name
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(name.len()))
            .filter(|&i| i > 0)
            .any(|i| match_pieces(rest, &name[i..])),
    }
}

/// The literal text before the first placeholder and after the last one of a template
/// (`{referenced_singular}_id` -> `("", "_id")`); `None` when the template has no placeholder.
pub fn template_affixes(template: &str) -> Option<(&str, &str)> {
    let open = template.find('{')?;
    let close = template.rfind('}')?;
    Some((&template[..open], &template[close + 1..]))
}

/// The target dialects in which `name` is a reserved word and must be quoted, compared
/// case-insensitively (the word lists of [`crate::dialect`]).
pub fn reserved_in(name: &str, dialects: &[DialectName]) -> Vec<DialectName> {
    dialects
        .iter()
        .copied()
        .filter(|d| crate::dialect::dialect_for(*d).is_reserved(name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_last_word() {
        assert_eq!(plural("order_item"), "order_items");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("order_items"), "order_item");
        assert_eq!(singular("people"), "person");
    }

    #[test]
    fn shortens_deterministically() {
        let long = "ix_".to_string() + &"very_long_column_name_".repeat(5);
        let a = fit_identifier(&long, 63);
        assert!(a.len() <= 63);
        assert_eq!(a, fit_identifier(&long, 63));
        assert_ne!(a, fit_identifier(&(long.clone() + "x"), 63));
        assert_eq!(fit_identifier("short", 63), "short");
    }

    #[test]
    fn snake_case_and_number() {
        for (name, snake) in [
            ("OrderItem", "order_item"),
            ("userId", "user_id"),
            ("order_items", "order_items"),
            ("line2", "line2"),
            ("HTTPStatus", "http_status"),
        ] {
            assert_eq!(to_snake_case(name), snake, "{name}");
        }
        assert!(is_snake_case("order_items"));
        assert!(is_snake_case("line2"));
        assert!(!is_snake_case("OrderItems"));
        assert!(!is_snake_case("_tmp"));
        assert!(!is_snake_case(""));
        for p in [
            "users",
            "order_items",
            "people",
            "inventory_levels",
            "follows",
            "news",
        ] {
            assert!(is_plural(p), "{p}");
        }
        for s in ["user", "order_item", "person", "status", "address"] {
            assert!(!is_plural(s), "{s}");
            assert!(is_singular(s), "{s}");
        }
    }

    #[test]
    fn templates_match_with_wildcards_and_suffixes() {
        let cols = ["customer_id", "placed_at"];
        let v = TemplateVars {
            table: "orders",
            referenced: "customers",
            columns: &cols,
            ..Default::default()
        };
        assert!(matches_template(
            "ix_{table}_{columns}",
            &v,
            "ix_orders_customer_id_placed_at",
            63
        ));
        assert!(matches_template(
            "ix_{table}_{columns}",
            &v,
            "ix_orders_customer_id_placed_at_desc",
            63
        ));
        assert!(!matches_template(
            "ix_{table}_{columns}",
            &v,
            "ix_orders_customer_id",
            63
        ));
        assert!(!matches_template(
            "ix_{table}_{columns}",
            &v,
            "orders_idx",
            63
        ));
        assert!(matches_template(
            "fk_{table}_{referenced}",
            &v,
            "fk_orders_customers",
            63
        ));
        assert!(matches_template(
            "ck_{table}_{what}",
            &v,
            "ck_orders_total",
            63
        ));
        assert!(!matches_template("ck_{table}_{what}", &v, "ck_orders_", 63));
        assert!(!matches_template(
            "ck_{table}_{what}",
            &v,
            "ck_order_total",
            63
        ));
        let none = TemplateVars {
            table: "users",
            ..Default::default()
        };
        assert!(matches_template(
            "ix_{table}_{columns}",
            &none,
            "ix_users_lower_email",
            63
        ));
        let long = TemplateVars {
            table: "a_table_with_a_rather_long_name",
            columns: &["and_a_long_column_name", "and_another_one"],
            ..Default::default()
        };
        let full = expand("ix_{table}_{columns}", &long);
        assert!(full.len() > 63);
        assert!(matches_template(
            "ix_{table}_{columns}",
            &long,
            &fit_identifier(&full, 63),
            63
        ));
        assert_eq!(
            template_affixes("{referenced_singular}_id"),
            Some(("", "_id"))
        );
        assert_eq!(template_affixes("fk_{referenced}"), Some(("fk_", "")));
        assert_eq!(template_affixes("id"), None);
    }

    #[test]
    fn reserved_words_per_dialect() {
        let all = DialectName::ALL;
        assert_eq!(reserved_in("user", &all), vec![DialectName::Postgres]);
        assert_eq!(reserved_in("Order", &all), all.to_vec());
        assert!(reserved_in("key", &all).contains(&DialectName::Mysql));
        assert!(!reserved_in("key", &all).contains(&DialectName::Postgres));
        assert!(reserved_in("status", &all).is_empty());
        assert!(reserved_in("user", &[DialectName::Sqlite]).is_empty());
    }
}
#[cfg(test)]
mod more {
    use super::*;
    #[test]
    fn many() {
        for (s, p) in [
            ("person", "people"),
            ("category", "categories"),
            ("address", "addresses"),
            ("status", "statuses"),
            ("analysis", "analyses"),
            ("user", "users"),
            ("order_item", "order_items"),
            ("inventory", "inventories"),
            ("child", "children"),
            ("news", "news"),
            ("tenant", "tenants"),
            ("box", "boxes"),
            ("follow", "follows"),
            ("post", "posts"),
            ("warehouse", "warehouses"),
            ("series", "series"),
        ] {
            assert_eq!(plural(s), p, "plural {s}");
            assert_eq!(singular(p), s, "singular {p}");
        }
    }
}
