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
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::with_capacity(sql.len());
    let mut labels: Vec<String> = Vec::new();
    let mut question_marks = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' | '`' => {
                let end = skip_quoted(&chars, i, c);
                out.extend(&chars[i..end]);
                i = end;
            }
            '-' if chars.get(i + 1) == Some(&'-') => {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '\n')
                    .map_or(chars.len(), |p| i + p);
                out.extend(&chars[i..end]);
                i = end;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                let end = find(&chars, i + 2, "*/").map_or(chars.len(), |p| p + 2);
                out.extend(&chars[i..end]);
                i = end;
            }
            '$' if chars.get(i + 1).is_some_and(char::is_ascii_digit) => {
                let end = scan(&chars, i + 1, |c| c.is_ascii_digit());
                let label: String = chars[i..end].iter().collect();
                push_param(&mut out, &mut labels, label);
                i = end;
            }
            '?' => {
                question_marks += 1;
                push_param(&mut out, &mut labels, format!("?{question_marks}"));
                i += 1;
            }
            ':' | '@'
                if chars.get(i + 1).is_some_and(|c| is_ident_start(*c))
                    && (i == 0
                        || !matches!(chars[i - 1], ':' | '@') && !is_ident(chars[i - 1])) =>
            {
                let end = scan(&chars, i + 1, is_ident);
                let label: String = chars[i + 1..end].iter().collect();
                push_param(&mut out, &mut labels, label);
                i = end;
            }
            's' | 'S' if i == 0 || !is_ident(chars[i - 1]) => {
                if let Some((label, end)) = sqlc_macro(&chars, i) {
                    push_param(&mut out, &mut labels, label);
                    i = end;
                } else {
                    out.push(c);
                    i += 1;
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
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

/// `sqlc.arg(name)`, `sqlc.narg(name)`, `sqlc.slice(name)` (name optionally quoted) at `i`.
fn sqlc_macro(chars: &[char], i: usize) -> Option<(String, usize)> {
    let rest: String = chars[i..chars.len().min(i + 12)].iter().collect();
    let lower = rest.to_ascii_lowercase();
    let open = ["sqlc.arg(", "sqlc.narg(", "sqlc.slice("]
        .iter()
        .find(|p| lower.starts_with(**p))?
        .chars()
        .count();
    let close = find(chars, i + open, ")")?;
    let label: String = chars[i + open..close].iter().collect();
    let label = label.trim().trim_matches(['\'', '"', '`']).to_string();
    if label.is_empty() {
        return None;
    }
    Some((label, close + 1))
}

fn skip_quoted(chars: &[char], start: usize, quote: char) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == quote {
            if chars.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    chars.len()
}

fn find(chars: &[char], from: usize, needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    (from..chars.len()).find(|&p| chars[p..].starts_with(&needle))
}

fn scan(chars: &[char], from: usize, keep: impl Fn(char) -> bool) -> usize {
    (from..chars.len())
        .find(|&p| !keep(chars[p]))
        .unwrap_or(chars.len())
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
