//! Naming conventions: inflection, derived constraint and index names, identifier shortening.

use schemata_model::NamingConvention;
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
    template
        .replace("{table}", v.table)
        .replace("{table_singular}", &singular(v.table))
        .replace("{referenced_singular}", &singular(v.referenced))
        .replace("{referenced}", v.referenced)
        .replace("{columns}", &v.columns.join("_"))
        .replace("{what}", v.what)
        .replace("{from}", v.from)
        .replace("{to}", v.to)
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
}
#[cfg(test)]
mod more {
    use super::*;
    #[test]
    fn many() {
        for (s, p) in [("person","people"),("category","categories"),("address","addresses"),("status","statuses"),("analysis","analyses"),("user","users"),("order_item","order_items"),("inventory","inventories"),("child","children"),("news","news"),("tenant","tenants"),("box","boxes"),("follow","follows"),("post","posts"),("warehouse","warehouses"),("series","series")] {
            assert_eq!(plural(s), p, "plural {s}");
            assert_eq!(singular(p), s, "singular {p}");
        }
    }
}
