//! Reading SQL literals and default expressions as the databases print them.

use schemata_model::{DefaultValue, Literal};

/// The literal that `text` is, when it is a single SQL literal: a quoted string (`'it''s'`), a
/// number (`-1.5`, `(-1)`), `true` or `false`.
pub(crate) fn literal(text: &str) -> Option<Literal> {
    let t = strip_outer_parens(text.trim());
    if let Some(s) = quoted_string(t) {
        return Some(Literal::String(s));
    }
    if t.eq_ignore_ascii_case("true") {
        return Some(Literal::Bool(true));
    }
    if t.eq_ignore_ascii_case("false") {
        return Some(Literal::Bool(false));
    }
    number(t).map(Literal::Number)
}

/// A number literal: optional sign, digits, optional fraction and exponent.
pub(crate) fn number(text: &str) -> Option<serde_json::Number> {
    let t = text.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let starts_ok = body
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.');
    if !starts_ok
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    // serde_json does not read `.5` or `5.`; spell them out.
    let fixed = if let Some(rest) = t.strip_prefix("-.") {
        format!("-0.{rest}")
    } else if let Some(rest) = t.strip_prefix('.') {
        format!("0.{rest}")
    } else if let Some(rest) = t.strip_suffix('.') {
        rest.to_string()
    } else {
        t.to_string()
    };
    fixed.parse().ok()
}

/// The content of a single-quoted SQL string (`'it''s'` → `it's`), when `text` is exactly one.
pub(crate) fn quoted_string(text: &str) -> Option<String> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // Inside, a quote must be doubled; a lone one means `text` is more than one literal.
            if chars.next() != Some('\'') {
                return None;
            }
        }
        out.push(c);
    }
    Some(out)
}

/// `text` without one pair of parentheses around all of it (`(a > 0)` → `a > 0`, but
/// `(a) + (b)` unchanged).
pub(crate) fn strip_outer_parens(text: &str) -> &str {
    let t = text.trim();
    if !(t.starts_with('(') && t.ends_with(')')) {
        return t;
    }
    let mut depth = 0i32;
    let mut in_string = false;
    for (i, c) in t.char_indices() {
        match c {
            '\'' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth -= 1;
                if depth == 0 && i + 1 < t.len() {
                    return t;
                }
            }
            _ => {}
        }
    }
    t[1..t.len() - 1].trim()
}

/// A column default as printed by a database: a literal when it is one, else an expression.
pub(crate) fn default_value(text: &str) -> DefaultValue {
    match literal(text) {
        Some(lit) => DefaultValue::Literal(lit),
        None => DefaultValue::Expr {
            expr: text.trim().to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_literals() {
        assert_eq!(literal("'it''s'"), Some(Literal::String("it's".into())));
        assert_eq!(literal("'a' || 'b'"), None);
        assert_eq!(
            literal("(-1)").map(|l| format!("{l:?}")),
            Some("Number(Number(-1))".into())
        );
        assert_eq!(literal("TRUE"), Some(Literal::Bool(true)));
        assert_eq!(
            literal("0.50"),
            Some(Literal::Number("0.5".parse().unwrap()))
        );
        assert_eq!(literal(".5"), Some(Literal::Number("0.5".parse().unwrap())));
        assert_eq!(literal("now()"), None);
        assert_eq!(literal("1e"), None);
        assert_eq!(literal("-"), None);
    }

    #[test]
    fn strips_only_enclosing_parens() {
        assert_eq!(strip_outer_parens("(a > 0)"), "a > 0");
        assert_eq!(strip_outer_parens("(a) + (b)"), "(a) + (b)");
        assert_eq!(strip_outer_parens("(')')"), "')'");
    }
}
