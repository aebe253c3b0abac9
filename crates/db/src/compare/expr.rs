//! Loose normalisation of SQL expressions, so that an expression as designed and the same
//! expression as a database prints it back compare equal.
//!
//! The expression is split into tokens and rewritten:
//! - identifiers and keywords lower-cased, quotes around identifiers removed;
//! - casts removed (`'x'::text` → `'x'`, `(0)::numeric` → `0`; a quoted number that was cast
//!   becomes the number);
//! - PostgreSQL's rewrites undone: `= ANY (ARRAY[...])` → `IN (...)`, `<> ALL (ARRAY[...])` →
//!   `NOT IN (...)`, `~~` → `LIKE`, `!~~` → `NOT LIKE`, `~~*` → `ILIKE`, and `BETWEEN` on single
//!   tokens spelled out as two comparisons;
//! - `!=` → `<>`, `now()` and `current_timestamp()` → `current_timestamp`;
//! - number literals printed canonically (`0.00` → `0`);
//! - grouping parentheses dropped (those of calls and `IN` lists kept).
//!
//! Dropping grouping parentheses makes the comparison loose: `a * (b + c)` and `a * b + c`
//! compare equal. Databases add such parentheses freely, and the alternative, a full parser per
//! dialect, would still not undo every rewrite.

use schemata_model::DialectName;

/// One token of an expression.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// An identifier or keyword, lower-cased.
    Word(String),
    /// A quoted identifier, unquoted and lower-cased.
    Quoted(String),
    /// A string literal, as its content.
    Str(String),
    /// A number literal.
    Num(String),
    /// An operator or punctuation.
    Sym(String),
}

/// The normalised form of `expr`.
pub fn normalize(expr: &str) -> String {
    render(&normalized_tokens(expr))
}

/// The normalised form of `expr` as printed by `dialect`'s database, which may also spell
/// functions its own way: MySQL prints `length()` as `octet_length()`.
pub fn normalize_in(dialect: DialectName, expr: &str) -> String {
    let mut tokens = normalized_tokens(expr);
    if dialect == DialectName::Mysql {
        for i in 0..tokens.len() {
            if is_sym(tokens.get(i + 1), "(")
                && let Tok::Word(w) = &mut tokens[i]
                && w == "octet_length"
            {
                *w = "length".into();
            }
        }
    }
    render(&tokens)
}

fn normalized_tokens(expr: &str) -> Vec<Tok> {
    let tokens = tokenize(expr);
    let tokens = remove_casts(tokens);
    let tokens = rewrite(tokens);
    drop_grouping_parens(tokens)
}

/// Operators of more than one character, longest first.
const SYMBOLS: &[&str] = &[
    "!~~*", "!~~", "~~*", "->>", "::", "<>", "!=", "<=", ">=", "||", "->", "~~",
];

fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' {
            let mut v = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        v.push('\'');
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                if chars[i] == '\\' && i + 1 < chars.len() && chars[i + 1] == '\'' {
                    // MySQL's escaped quote.
                    v.push('\'');
                    i += 2;
                    continue;
                }
                v.push(chars[i]);
                i += 1;
            }
            out.push(Tok::Str(v));
        } else if c == '"' || c == '`' {
            let close = c;
            let mut v = String::new();
            i += 1;
            while i < chars.len() {
                if chars[i] == close {
                    if chars.get(i + 1) == Some(&close) {
                        v.push(close);
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                v.push(chars[i]);
                i += 1;
            }
            out.push(Tok::Quoted(v.to_lowercase()));
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || chars[i] == '.'
                    || ((chars[i] == 'e' || chars[i] == 'E')
                        && chars
                            .get(i + 1)
                            .is_some_and(|d| d.is_ascii_digit() || *d == '-' || *d == '+')))
            {
                if chars[i] == 'e' || chars[i] == 'E' {
                    i += 1; // the sign or first digit of the exponent
                }
                i += 1;
            }
            out.push(Tok::Num(chars[start..i].iter().collect()));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push(Tok::Word(word.to_lowercase()));
        } else {
            let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
            let sym = SYMBOLS
                .iter()
                .find(|op| rest.starts_with(**op))
                .map(|op| op.to_string())
                .unwrap_or_else(|| c.to_string());
            i += sym.chars().count();
            out.push(Tok::Sym(sym));
        }
    }
    out
}

fn is_sym(t: Option<&Tok>, s: &str) -> bool {
    matches!(t, Some(Tok::Sym(x)) if x == s)
}

fn is_word(t: Option<&Tok>, w: &str) -> bool {
    matches!(t, Some(Tok::Word(x)) if x == w)
}

/// Words that may continue a multi-word type name after a cast.
const TYPE_WORDS: &[&str] = &["varying", "precision", "with", "without", "time", "zone"];

fn remove_casts(tokens: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if !is_sym(tokens.get(i), "::") {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        i += 1;
        // The type: a (possibly qualified or quoted) name, more type words, arguments, `[]`s.
        if matches!(tokens.get(i), Some(Tok::Word(_) | Tok::Quoted(_))) {
            i += 1;
            while is_sym(tokens.get(i), ".")
                && matches!(tokens.get(i + 1), Some(Tok::Word(_) | Tok::Quoted(_)))
            {
                i += 2;
            }
            while matches!(tokens.get(i), Some(Tok::Word(w)) if TYPE_WORDS.contains(&w.as_str())) {
                i += 1;
            }
            if is_sym(tokens.get(i), "(") {
                let mut depth = 0;
                while i < tokens.len() {
                    if is_sym(tokens.get(i), "(") {
                        depth += 1;
                    } else if is_sym(tokens.get(i), ")") {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    i += 1;
                }
            }
            while is_sym(tokens.get(i), "[") && is_sym(tokens.get(i + 1), "]") {
                i += 2;
            }
        }
        // A quoted number that was cast is the number (`'-1'::integer`).
        if let Some(Tok::Str(s)) = out.last()
            && let Some(n) = crate::literal::number(s)
        {
            let n = n.to_string();
            out.pop();
            match n.strip_prefix('-') {
                Some(abs) => {
                    out.push(Tok::Sym("-".into()));
                    out.push(Tok::Num(abs.to_string()));
                }
                None => out.push(Tok::Num(n)),
            }
        }
    }
    out
}

fn rewrite(tokens: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // `= ANY (ARRAY[a, b])` → `IN (a, b)`; `<> ALL (ARRAY[...])` → `NOT IN (...)`.
        let quantified = (is_sym(Some(t), "=") && is_word(tokens.get(i + 1), "any"))
            || (is_sym(Some(t), "<>") && is_word(tokens.get(i + 1), "all"));
        if quantified
            && is_sym(tokens.get(i + 2), "(")
            && is_word(tokens.get(i + 3), "array")
            && is_sym(tokens.get(i + 4), "[")
        {
            let mut j = i + 5;
            let mut depth = 0;
            let mut items = Vec::new();
            while j < tokens.len() {
                if is_sym(tokens.get(j), "[") || is_sym(tokens.get(j), "(") {
                    depth += 1;
                } else if is_sym(tokens.get(j), ")") {
                    depth -= 1;
                } else if is_sym(tokens.get(j), "]") {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                items.push(tokens[j].clone());
                j += 1;
            }
            if is_sym(tokens.get(j + 1), ")") {
                if is_sym(Some(t), "<>") {
                    out.push(Tok::Word("not".into()));
                }
                out.push(Tok::Word("in".into()));
                out.push(Tok::Sym("(".into()));
                out.extend(items);
                out.push(Tok::Sym(")".into()));
                i = j + 2;
                continue;
            }
        }
        // `x BETWEEN a AND b` on single tokens → `x >= a AND x <= b`.
        if is_word(tokens.get(i + 1), "between")
            && is_word(tokens.get(i + 3), "and")
            && tokens.get(i + 4).is_some()
            && !matches!(t, Tok::Sym(_))
            && !matches!(tokens.get(i + 2), Some(Tok::Sym(_)))
            && !matches!(tokens.get(i + 4), Some(Tok::Sym(_)))
        {
            let (x, a, b) = (t.clone(), tokens[i + 2].clone(), tokens[i + 4].clone());
            out.extend([
                x.clone(),
                Tok::Sym(">=".into()),
                a,
                Tok::Word("and".into()),
                x,
                Tok::Sym("<=".into()),
                b,
            ]);
            i += 5;
            continue;
        }
        match t {
            Tok::Sym(s) if s == "!=" => out.push(Tok::Sym("<>".into())),
            Tok::Sym(s) if s == "~~" => out.push(Tok::Word("like".into())),
            Tok::Sym(s) if s == "~~*" => out.push(Tok::Word("ilike".into())),
            Tok::Sym(s) if s == "!~~" => {
                out.extend([Tok::Word("not".into()), Tok::Word("like".into())])
            }
            Tok::Sym(s) if s == "!~~*" => {
                out.extend([Tok::Word("not".into()), Tok::Word("ilike".into())])
            }
            Tok::Word(w)
                if (w == "now" || w == "current_timestamp")
                    && is_sym(tokens.get(i + 1), "(")
                    && is_sym(tokens.get(i + 2), ")") =>
            {
                out.push(Tok::Word("current_timestamp".into()));
                i += 3;
                continue;
            }
            Tok::Num(n) => out.push(Tok::Num(canonical_number(n))),
            Tok::Quoted(q) => out.push(Tok::Word(q.clone())),
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out
}

/// `0.00` → `0`, `1.50` → `1.5`; integers as written.
fn canonical_number(n: &str) -> String {
    if n.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = n.trim_start_matches('0');
        return if trimmed.is_empty() {
            "0".into()
        } else {
            trimmed.into()
        };
    }
    match n.parse::<f64>() {
        Ok(v) => format!("{v}"),
        Err(_) => n.to_string(),
    }
}

/// Keywords after which a `(` opens a group, not an argument list.
const OPERATOR_WORDS: &[&str] = &[
    "and", "or", "not", "is", "then", "else", "when", "case", "between", "like", "ilike", "where",
    "distinct", "from", "as",
];

fn drop_grouping_parens(tokens: Vec<Tok>) -> Vec<Tok> {
    // For each `(`, whether it is kept; `)` follow their partner.
    let mut keep = vec![true; tokens.len()];
    let mut stack: Vec<(usize, bool)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if is_sym(Some(t), "(") {
            let call = match i.checked_sub(1).and_then(|p| tokens.get(p)) {
                Some(Tok::Word(w)) => !OPERATOR_WORDS.contains(&w.as_str()),
                Some(Tok::Quoted(_)) => true,
                _ => false,
            };
            stack.push((i, call));
            keep[i] = call;
        } else if is_sym(Some(t), ")")
            && let Some((_, call)) = stack.pop()
        {
            keep[i] = call;
        }
    }
    tokens
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(t, _)| t)
        .collect()
}

fn render(tokens: &[Tok]) -> String {
    let parts: Vec<String> = tokens
        .iter()
        .map(|t| match t {
            Tok::Word(w) | Tok::Quoted(w) | Tok::Num(w) | Tok::Sym(w) => w.clone(),
            Tok::Str(s) => format!("'{}'", s.replace('\'', "''")),
        })
        .collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use schemata_model::DialectName;

    fn same(a: &str, b: &str) {
        assert_eq!(normalize(a), normalize(b), "`{a}` vs `{b}`");
    }

    #[test]
    fn undoes_postgres_rewrites() {
        same("price >= 0", "(price >= (0)::numeric)");
        same(
            "status IN ('a', 'b')",
            "(status = ANY (ARRAY['a'::text, 'b'::text]))",
        );
        same(
            "status NOT IN ('a')",
            "status <> ALL (ARRAY['a'::character varying]::text[])",
        );
        same("email LIKE '%@%'", "((email)::text ~~ '%@%'::text)");
        same("qty BETWEEN 1 AND 10", "((qty >= 1) AND (qty <= 10))");
        same("lower(email)", "lower((email)::text)");
        same("ends_at > starts_at", "(ends_at > starts_at)");
        same("created_at <= now()", "created_at <= CURRENT_TIMESTAMP");
        same("discount = -1", "discount = '-1'::integer");
        same("x::timestamp with time zone > y", "x > y");
    }

    #[test]
    fn undoes_mysql_and_sqlite_spelling() {
        same("`total` >= 0", "total >= 0");
        same("\"Order\" != 1", "order <> 1");
        same("amount = 0.00", "amount = 0");
        same("json_valid(`j`)", "JSON_VALID(j)");
    }

    #[test]
    fn mysql_function_spelling() {
        use super::normalize_in;
        assert_eq!(
            normalize_in(DialectName::Mysql, "octet_length(`body`) <= 10000"),
            normalize_in(DialectName::Mysql, "length(body) <= 10000")
        );
        assert_ne!(
            normalize_in(DialectName::Postgres, "octet_length(body)"),
            normalize_in(DialectName::Postgres, "length(body)")
        );
    }

    #[test]
    fn keeps_what_matters() {
        assert_ne!(normalize("a > 0"), normalize("a >= 0"));
        assert_ne!(normalize("status = 'A'"), normalize("status = 'a'"));
        assert_ne!(normalize("f(a, b)"), normalize("f(b, a)"));
        assert_eq!(normalize("coalesce(a, 0) > 1"), "coalesce ( a , 0 ) > 1");
        assert_eq!(normalize("a IN (1, 2)"), "a in ( 1 , 2 )");
    }
}
