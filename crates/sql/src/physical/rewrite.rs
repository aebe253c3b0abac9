//! The names inside SQL expressions (CHECK bodies, index expressions and predicates, generated
//! columns, default expressions): finding the columns an expression mentions, and following a
//! rename of a column or table.
//!
//! A small scanner, enough for expressions: string literals and comments are skipped, quoted
//! identifiers (`"..."`, `` `...` ``) match exactly, bare words case-insensitively; a word
//! followed by `(` is a function name, a word after `::` a type, and neither is a column.

use std::borrow::Borrow;

use schemata_model::Column;

use crate::dialect::{Dialect, is_plain_identifier};

/// What a name in an expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A column (or any other plain reference).
    Name,
    /// The qualifier before a `.`, usually a table.
    Qualifier,
}

/// A name found in an expression.
pub(crate) struct Word<'a> {
    /// The name, without quotes (doubled quote characters undone).
    pub text: &'a str,
    /// The quote character when the name was quoted.
    pub quote: Option<char>,
    pub role: Role,
}

/// Call `f` on every name of `expr`; where it returns a replacement, the name is replaced.
pub(crate) fn scan(expr: &str, f: impl FnMut(&Word<'_>) -> Option<String>) -> String {
    let mut out = Out(Some(String::with_capacity(expr.len())));
    walk(expr, &mut out, f);
    out.0.unwrap_or_default()
}

/// Call `f` on every name of `expr`.
pub(crate) fn visit(expr: &str, mut f: impl FnMut(&Word<'_>)) {
    walk(expr, &mut Out(None), |w| {
        f(w);
        None
    });
}

/// The rewritten expression, when one is being built.
struct Out(Option<String>);

impl Out {
    fn push_str(&mut self, s: &str) {
        if let Some(o) = &mut self.0 {
            o.push_str(s);
        }
    }
}

fn walk(expr: &str, out: &mut Out, mut f: impl FnMut(&Word<'_>) -> Option<String>) {
    let bytes = expr.as_bytes();
    let mut i = 0;
    let mut after_cast = false;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b'\'' => {
                i = skip_quoted(bytes, i, b'\'');
                out.push_str(&expr[start..i]);
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = expr[i..].find('\n').map_or(bytes.len(), |n| i + n);
                out.push_str(&expr[start..i]);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = expr[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                out.push_str(&expr[start..i]);
            }
            b'"' | b'`' => {
                i = skip_quoted(bytes, i, c);
                let inner_end = if i > start + 1 && bytes[i - 1] == c {
                    i - 1
                } else {
                    i
                };
                let raw = &expr[start + 1..inner_end];
                let q = char::from(c);
                let doubled = format!("{q}{q}");
                let text = raw.replace(&doubled, &q.to_string());
                let word = Word {
                    text: &text,
                    quote: Some(q),
                    role: role_at(bytes, i),
                };
                match f(&word) {
                    Some(new) => out.push_str(&new),
                    None => out.push_str(&expr[start..i]),
                }
                after_cast = false;
            }
            _ if c.is_ascii_digit() => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                    i += 1;
                }
                out.push_str(&expr[start..i]);
            }
            _ if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => {
                while i < bytes.len()
                    && (bytes[i] == b'_'
                        || bytes[i] == b'$'
                        || bytes[i].is_ascii_alphanumeric()
                        || bytes[i] >= 0x80)
                {
                    i += 1;
                }
                let text = &expr[start..i];
                let next = next_non_space(bytes, i);
                let is_function = next == Some(b'(');
                if is_function || after_cast {
                    out.push_str(text);
                } else {
                    let word = Word {
                        text,
                        quote: None,
                        role: role_at(bytes, i),
                    };
                    match f(&word) {
                        Some(new) => out.push_str(&new),
                        None => out.push_str(text),
                    }
                }
                after_cast = false;
            }
            b':' if bytes.get(i + 1) == Some(&b':') => {
                i += 2;
                out.push_str("::");
                after_cast = true;
            }
            _ => {
                let ch_len = expr[i..].chars().next().map_or(1, char::len_utf8);
                i += ch_len;
                out.push_str(&expr[start..i]);
                if !c.is_ascii_whitespace() {
                    after_cast = false;
                }
            }
        }
    }
}

/// Index just past the quoted run starting at `i` (quote characters doubled inside).
fn skip_quoted(bytes: &[u8], mut i: usize, q: u8) -> usize {
    i += 1;
    while i < bytes.len() {
        if bytes[i] == q {
            if bytes.get(i + 1) == Some(&q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

fn next_non_space(bytes: &[u8], mut i: usize) -> Option<u8> {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    bytes.get(i).copied()
}

fn role_at(bytes: &[u8], end: usize) -> Role {
    if bytes.get(end) == Some(&b'.') {
        Role::Qualifier
    } else {
        Role::Name
    }
}

/// Names of the columns that `expr` mentions, in order of first appearance.
#[cfg(test)]
pub(crate) fn mentioned_columns<'c>(
    expr: &str,
    columns: &'c [impl Borrow<Column>],
) -> Vec<&'c str> {
    let mut found: Vec<&'c str> = Vec::new();
    mentioned_columns_into(expr, columns, &mut found);
    found
}

/// [`mentioned_columns`] into `found`, which is cleared first.
pub(crate) fn mentioned_columns_into<'c>(
    expr: &str,
    columns: &'c [impl Borrow<Column>],
    found: &mut Vec<&'c str>,
) {
    found.clear();
    visit(expr, |w| {
        if w.role == Role::Name {
            let hit = columns
                .iter()
                .map(Borrow::borrow)
                .find(|c: &&Column| match w.quote {
                    Some(_) => c.name == w.text,
                    None => c.name.eq_ignore_ascii_case(w.text),
                });
            if let Some(c) = hit
                && !found.contains(&c.name.as_str())
            {
                found.push(&c.name);
            }
        }
    });
}

/// `expr` with renamed columns (old name, new name) and a renamed table (as a qualifier)
/// replaced. A quoted name stays quoted; a bare one is quoted only when its new name needs it.
pub(crate) fn rename_in_expr(
    expr: &str,
    columns: &[(String, String)],
    table: Option<&(String, String)>,
    d: &dyn Dialect,
) -> String {
    scan(expr, |w| {
        let matches = |old: &str| match w.quote {
            Some(_) => old == w.text,
            None => old.eq_ignore_ascii_case(w.text),
        };
        let new = match w.role {
            Role::Name => columns.iter().find(|(old, _)| matches(old)).map(|(_, n)| n),
            Role::Qualifier => table.filter(|(old, _)| matches(old)).map(|(_, n)| n),
        }?;
        Some(match w.quote {
            Some(q) => {
                let doubled = format!("{q}{q}");
                format!("{q}{}{q}", new.replace(q, &doubled))
            }
            None if is_plain_identifier(new) => new.clone(),
            None => d.quote_ident(new).into_owned(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Postgres;
    use schemata_model::{DataType, Table};

    fn table(cols: &[&str]) -> Table {
        Table {
            id: "t".into(),
            name: "t".into(),
            schema: None,
            comment: None,
            columns: cols
                .iter()
                .map(|c| Column {
                    id: c.to_string(),
                    name: c.to_string(),
                    data_type: DataType::Integer,
                    nullable: false,
                    default: None,
                    identity: None,
                    generated: None,
                    comment: None,
                    distinct: None,
                    skew: None,
                })
                .collect(),
            primary_key: None,
            uniques: vec![],
            checks: vec![],
            foreign_keys: vec![],
            indexes: vec![],
            functional_dependencies: vec![],
            partition_by: None,
            partition_of: None,
            scale: None,
        }
    }

    #[test]
    fn finds_mentioned_columns_in_order() {
        let t = table(&["price", "quantity", "Status", "lower"]);
        assert_eq!(
            mentioned_columns("quantity > 0 AND PRICE >= 0 and quantity < 9", &t.columns),
            vec!["quantity", "price"]
        );
        assert_eq!(
            mentioned_columns("'price' = \"Status\" OR x1 = 2.5e3 -- price", &t.columns),
            vec!["Status"]
        );
        assert_eq!(
            mentioned_columns("lower(x) = 'a'::text", &t.columns),
            Vec::<String>::new()
        );
        assert!(mentioned_columns("1 = 1", &t.columns).is_empty());
    }

    #[test]
    fn renames_columns_and_qualifiers_only() {
        let cols = vec![
            ("long_name".to_string(), "short_1".to_string()),
            ("Mixed".to_string(), "Mixed_2".to_string()),
        ];
        let t = ("orders".to_string(), "o_1".to_string());
        let out = rename_in_expr(
            "LONG_NAME > 0 AND orders.long_name <> 'long_name' AND \"Mixed\" = long_name(1) AND x::long_name IS NULL",
            &cols,
            Some(&t),
            &Postgres,
        );
        assert_eq!(
            out,
            "short_1 > 0 AND o_1.short_1 <> 'long_name' AND \"Mixed_2\" = long_name(1) AND x::long_name IS NULL"
        );
        assert_eq!(
            rename_in_expr(
                "\"a\"\"b\" + 1",
                &[("a\"b".into(), "c".into())],
                None,
                &Postgres
            ),
            "\"c\" + 1"
        );
    }
}
