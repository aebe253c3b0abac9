//! Declarative partitioning (PostgreSQL): a partitioned table's `PARTITION BY` key, and a
//! partition's parent with the bound of the rows it holds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a partitioned table splits its rows: `PARTITION BY RANGE | LIST | HASH (key, ...)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct PartitionBy {
    /// The partitioning strategy.
    pub strategy: PartitionStrategy,
    /// The partition key, in order: columns or expressions.
    pub parts: Vec<PartitionKeyPart>,
}

/// A partitioning strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PartitionStrategy {
    /// Each partition holds a range of key values (`FOR VALUES FROM (...) TO (...)`).
    Range,
    /// Each partition holds listed key values (`FOR VALUES IN (...)`).
    List,
    /// Rows are spread by a hash of the key (`FOR VALUES WITH (MODULUS n, REMAINDER r)`).
    Hash,
}

impl PartitionStrategy {
    /// The SQL keyword.
    pub fn sql(self) -> &'static str {
        match self {
            PartitionStrategy::Range => "RANGE",
            PartitionStrategy::List => "LIST",
            PartitionStrategy::Hash => "HASH",
        }
    }

    /// The strategy named by a keyword (any case).
    pub fn from_keyword(word: &str) -> Option<Self> {
        match word.to_ascii_lowercase().as_str() {
            "range" => Some(PartitionStrategy::Range),
            "list" => Some(PartitionStrategy::List),
            "hash" => Some(PartitionStrategy::Hash),
            _ => None,
        }
    }
}

/// One part of a partition key: a column or an expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct PartitionKeyPart {
    /// Column id; exactly one of `column` and `expr` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    /// SQL expression, e.g. `date_trunc('month', created_at)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expr: Option<String>,
}

impl PartitionKeyPart {
    /// A key part on a column.
    pub fn column(id: impl Into<String>) -> Self {
        PartitionKeyPart {
            column: Some(id.into()),
            expr: None,
        }
    }
}

/// The table this one is a partition of, and which rows it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct PartitionOf {
    /// Id of the partitioned (parent) table.
    pub parent: String,
    /// The partition bound as SQL: `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
    /// `FOR VALUES IN ('a', 'b')`, `FOR VALUES WITH (MODULUS 4, REMAINDER 0)` or `DEFAULT`.
    pub bound: String,
}

impl PartitionBy {
    /// Read `RANGE (created_at)`, `LIST (region, "Kind")` or `HASH ((id % 8))` as PostgreSQL
    /// writes it (`pg_get_partkeydef`, or the text after `PARTITION BY`). A part that is a plain
    /// identifier is a column (unquoted names folded to lower case); anything else is an
    /// expression, without the parentheses around it. `None` when the text is not of that form.
    pub fn parse_sql(text: &str) -> Option<PartitionBy> {
        let text = text.trim();
        let open = text.find('(')?;
        let strategy = PartitionStrategy::from_keyword(text[..open].trim())?;
        let inner = text[open + 1..].trim_end().strip_suffix(')')?;
        let parts: Vec<PartitionKeyPart> = split_top_level(inner)
            .into_iter()
            .map(|p| match identifier(p) {
                Some(name) => PartitionKeyPart::column(name),
                None => PartitionKeyPart {
                    column: None,
                    expr: Some(strip_wrapping_parens(p).to_string()),
                },
            })
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some(PartitionBy { strategy, parts })
    }
}

/// `text` cut at the commas outside parentheses and quotes, each piece trimmed; empty pieces
/// left out.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    let mut quote: Option<char> = None;
    for (i, ch) in text.char_indices() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(ch),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

/// The name a plain (possibly quoted) identifier stands for.
fn identifier(text: &str) -> Option<String> {
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        let unescaped = inner.replace("\"\"", "\"");
        // A lone `"` inside is not one identifier.
        return (!inner.replace("\"\"", "").contains('"')).then_some(unescaped);
    }
    let mut chars = text.chars();
    let first = chars.next()?;
    let plain = (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    plain.then(|| text.to_lowercase())
}

/// `((id + 1))` → `id + 1`: parentheses that wrap the whole text, removed.
fn strip_wrapping_parens(mut text: &str) -> &str {
    loop {
        let t = text.trim();
        let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
            return t;
        };
        // Only when the first `(` closes at the very end.
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        for ch in inner.chars() {
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(ch),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth < 0 {
                        return t;
                    }
                }
                _ => {}
            }
        }
        text = inner;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_partition_keys() {
        let by = PartitionBy::parse_sql("RANGE (created_at)").unwrap();
        assert_eq!(by.strategy, PartitionStrategy::Range);
        assert_eq!(by.parts, vec![PartitionKeyPart::column("created_at")]);
        let by = PartitionBy::parse_sql("list(Region, \"Kind\")").unwrap();
        assert_eq!(by.strategy, PartitionStrategy::List);
        assert_eq!(
            by.parts,
            vec![
                PartitionKeyPart::column("region"),
                PartitionKeyPart::column("Kind")
            ]
        );
        let by = PartitionBy::parse_sql("RANGE (t, ((id + 1)), lower(a))").unwrap();
        assert_eq!(by.parts[0], PartitionKeyPart::column("t"));
        assert_eq!(by.parts[1].expr.as_deref(), Some("id + 1"));
        assert_eq!(by.parts[2].expr.as_deref(), Some("lower(a)"));
        assert_eq!(strip_wrapping_parens("(a) + (b)"), "(a) + (b)");
    }

    #[test]
    fn rejects_other_text() {
        assert_eq!(PartitionBy::parse_sql("KEY (id)"), None);
        assert_eq!(PartitionBy::parse_sql("RANGE id"), None);
        assert_eq!(PartitionBy::parse_sql("HASH ()"), None);
    }
}
