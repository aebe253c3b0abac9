//! Query parameters in every spelling sqlc and drivers accept (`$1`, `?`, `:name`, `@name`,
//! `sqlc.arg(name)`, `sqlc.narg(name)`, `sqlc.slice(name)`), rewritten to PostgreSQL's `$n` so
//! that one parser reads them all, with the original spelling kept as the parameter's label.

/// SQL text with every parameter written `$n`, and the label of each `$n` (index `n - 1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub sql: String,
    /// Labels by position: `$1` for `$1`, `?3` for the third `?`, `name` for the named ones.
    pub labels: Vec<String>,
}

/// Rewrite the parameters of `sql`. String literals, quoted identifiers and comments are left
/// alone; a named parameter used twice gets one number.
pub fn normalize(sql: &str) -> Normalized {
    // Every character that starts something is ASCII, so the scan walks bytes; text between
    // parameters is copied in runs.
    let bytes = sql.as_bytes();
    let mut out = String::with_capacity(sql.len() + 8);
    let mut labels: Vec<String> = Vec::new();
    let mut question_marks = 0usize;
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (label, end) = match bytes[i] {
            quote @ (b'\'' | b'"' | b'`') => {
                i = skip_quoted(bytes, i, quote);
                continue;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                i = find(bytes, i, b"\n").unwrap_or(bytes.len());
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |p| p + 2);
                continue;
            }
            b'$' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let end = scan(sql, i + 1, |c| c.is_ascii_digit());
                (sql[i..end].to_string(), end)
            }
            b'?' => {
                question_marks += 1;
                (format!("?{question_marks}"), i + 1)
            }
            b':' | b'@'
                if sql[i + 1..].chars().next().is_some_and(is_ident_start)
                    && sql[..i]
                        .chars()
                        .next_back()
                        .is_none_or(|p| !matches!(p, ':' | '@') && !is_ident(p)) =>
            {
                let end = scan(sql, i + 1, is_ident);
                (sql[i + 1..end].to_string(), end)
            }
            b's' | b'S' if sql[..i].chars().next_back().is_none_or(|p| !is_ident(p)) => {
                match sqlc_macro(sql, i) {
                    Some(found) => found,
                    None => {
                        i += 1;
                        continue;
                    }
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&sql[copied..i]);
        push_param(&mut out, &mut labels, label);
        i = end;
        copied = end;
    }
    out.push_str(&sql[copied..]);
    Normalized { sql: out, labels }
}

fn push_param(out: &mut String, labels: &mut Vec<String>, label: String) {
    let n = match labels.iter().position(|l| *l == label) {
        Some(p) => p + 1,
        None => {
            labels.push(label);
            labels.len()
        }
    };
    out.push('$');
    out.push_str(&n.to_string());
}

/// `sqlc.arg(name)`, `sqlc.narg(name)`, `sqlc.slice(name)` (name optionally quoted) at byte `i`:
/// the label and the byte after the closing parenthesis.
fn sqlc_macro(sql: &str, i: usize) -> Option<(String, usize)> {
    let rest = &sql.as_bytes()[i..];
    let open = ["sqlc.arg(", "sqlc.narg(", "sqlc.slice("]
        .iter()
        .find(|p| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?
        .len();
    let close = find(sql.as_bytes(), i + open, b")")?;
    let label = sql[i + open..close]
        .trim()
        .trim_matches(['\'', '"', '`'])
        .to_string();
    if label.is_empty() {
        return None;
    }
    Some((label, close + 1))
}

/// The byte after the literal or quoted name opened at `start` (doubled quotes escape).
fn skip_quoted(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The byte offset of the first character from `from` on that `keep` rejects.
fn scan(sql: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    sql[from..]
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(sql.len(), |(p, _)| from + p)
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn every_spelling_becomes_dollar_n() {
        let n = normalize(
            "SELECT * FROM t WHERE a = ? AND b = :bee AND c = @cee AND d = sqlc.arg(dee) \
             AND e = $7 AND f = :bee AND g::text = 'x?:y' -- ? here\n AND h = sqlc.narg('h')",
        );
        assert_eq!(
            n.sql,
            "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = $3 AND d = $4 \
             AND e = $5 AND f = $2 AND g::text = 'x?:y' -- ? here\n AND h = $6"
        );
        assert_eq!(n.labels, ["?1", "bee", "cee", "dee", "$7", "h"]);
    }
}
