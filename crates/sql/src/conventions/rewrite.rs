//! Renaming identifiers inside SQL expressions (CHECK bodies, index expressions and predicates,
//! generated columns, default expressions) with sqlparser's tokenizer, so that `Price >= 0`
//! follows a rename of the column `Price` while strings, comments and function names stay as
//! they are.

use sqlparser::dialect::GenericDialect;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer};

/// Renames to apply inside the expressions of one table.
#[derive(Debug, Default)]
pub(crate) struct ExprRenames {
    /// Column renames, old name to new name.
    pub columns: Vec<(String, String)>,
    /// The table's own rename, for qualified references (`Products.price`).
    pub table: Option<(String, String)>,
}

impl ExprRenames {
    pub(crate) fn is_empty(&self) -> bool {
        self.columns.is_empty() && self.table.is_none()
    }
}

/// `expr` with the identifiers in `renames` replaced. An unquoted identifier matches an old name
/// case-insensitively (SQL folds unquoted names); a quoted one matches exactly and stays quoted.
/// A word followed by `(` is a function name and a word after `::` is a type: neither is
/// touched. An expression the tokenizer cannot read is returned unchanged.
pub(crate) fn rename_identifiers(expr: &str, renames: &ExprRenames) -> String {
    if renames.is_empty() {
        return expr.to_string();
    }
    let dialect = GenericDialect {};
    let Ok(tokens) = Tokenizer::new(&dialect, expr)
        .with_unescape(false)
        .tokenize_with_location()
    else {
        return expr.to_string();
    };
    let offsets = Offsets::new(expr);
    let mut out = String::with_capacity(expr.len());
    let mut copied = 0;
    for (k, tok) in tokens.iter().enumerate() {
        let Token::Word(word) = &tok.token else {
            continue;
        };
        let before = neighbour(&tokens, k, Direction::Back);
        let after = neighbour(&tokens, k, Direction::Forward);
        if matches!(after, Some(Token::LParen)) || matches!(before, Some(Token::DoubleColon)) {
            continue;
        }
        let candidates: Vec<&(String, String)> = if matches!(after, Some(Token::Period)) {
            renames.table.iter().collect()
        } else {
            renames.columns.iter().collect()
        };
        let matched = candidates
            .into_iter()
            .find(|(old, _)| match word.quote_style {
                None => old.eq_ignore_ascii_case(&word.value),
                Some(_) => *old == word.value,
            });
        let Some((_, new)) = matched else {
            continue;
        };
        let (Some(start), Some(end)) = (offsets.byte(tok.span.start), offsets.byte(tok.span.end))
        else {
            return expr.to_string();
        };
        if start < copied || end < start {
            return expr.to_string();
        }
        out.push_str(&expr[copied..start]);
        match word.quote_style {
            Some(q) => {
                let close = closing_quote(q);
                out.push(q);
                for c in new.chars() {
                    if c == close {
                        out.push(c);
                    }
                    out.push(c);
                }
                out.push(close);
            }
            None => out.push_str(new),
        }
        copied = end;
    }
    out.push_str(&expr[copied..]);
    out
}

fn closing_quote(open: char) -> char {
    match open {
        '[' => ']',
        other => other,
    }
}

enum Direction {
    Back,
    Forward,
}

/// The nearest token before or after `k` that is not whitespace or a comment.
fn neighbour(tokens: &[TokenWithSpan], k: usize, dir: Direction) -> Option<&Token> {
    let mut rest: Box<dyn Iterator<Item = &TokenWithSpan>> = match dir {
        Direction::Back => Box::new(tokens[..k].iter().rev()),
        Direction::Forward => Box::new(tokens[k + 1..].iter()),
    };
    rest.find(|t| !matches!(t.token, Token::Whitespace(_)))
        .map(|t| &t.token)
}

/// Maps the tokenizer's 1-based line and character column to byte offsets.
struct Offsets {
    /// Byte offset of each character, line by line, plus the end of the line.
    lines: Vec<Vec<usize>>,
}

impl Offsets {
    fn new(text: &str) -> Self {
        let mut lines = vec![Vec::new()];
        for (i, c) in text.char_indices() {
            if let Some(line) = lines.last_mut() {
                line.push(i);
            }
            if c == '\n' {
                lines.push(Vec::new());
            }
        }
        if let Some(line) = lines.last_mut() {
            line.push(text.len());
        }
        Offsets { lines }
    }

    fn byte(&self, at: Location) -> Option<usize> {
        let line = self
            .lines
            .get(usize::try_from(at.line).ok()?.checked_sub(1)?)?;
        line.get(usize::try_from(at.column).ok()?.checked_sub(1)?)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(pairs: &[(&str, &str)]) -> ExprRenames {
        ExprRenames {
            columns: pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            table: None,
        }
    }

    #[test]
    fn renames_plain_and_quoted_words() {
        let r = cols(&[("Price", "price"), ("unitCost", "unit_cost")]);
        assert_eq!(rename_identifiers("Price >= 0", &r), "price >= 0");
        assert_eq!(
            rename_identifiers("\"Price\" > \"unitCost\" * 2", &r),
            "\"price\" > \"unit_cost\" * 2"
        );
        assert_eq!(rename_identifiers("PRICE>unitcost", &r), "price>unit_cost");
    }

    #[test]
    fn leaves_strings_functions_types_and_comments() {
        let r = cols(&[
            ("lower", "lower_name"),
            ("status", "state"),
            ("text", "body"),
        ]);
        assert_eq!(
            rename_identifiers(
                "lower(email) = 'status' -- status\n AND status::text <> ''",
                &r
            ),
            "lower(email) = 'status' -- status\n AND state::text <> ''"
        );
    }

    #[test]
    fn swaps_in_one_pass_and_keeps_multibyte_text() {
        let r = cols(&[("a", "b"), ("b", "a")]);
        assert_eq!(
            rename_identifiers("a < b AND 'é' = 'é'", &r),
            "b < a AND 'é' = 'é'"
        );
        let r = cols(&[("größe", "size")]);
        assert_eq!(
            rename_identifiers("'ü' <> x AND größe > 0", &r),
            "'ü' <> x AND size > 0"
        );
    }

    #[test]
    fn renames_table_qualifiers() {
        let r = ExprRenames {
            columns: vec![("Price".into(), "price".into())],
            table: Some(("Product".into(), "products".into())),
        };
        assert_eq!(
            rename_identifiers("Product.Price > 0 AND product.price < 10", &r),
            "products.price > 0 AND products.price < 10"
        );
    }

    #[test]
    fn unreadable_expressions_are_kept() {
        let r = cols(&[("a", "b")]);
        assert_eq!(
            rename_identifiers("a = 'unterminated", &r),
            "a = 'unterminated"
        );
    }
}
