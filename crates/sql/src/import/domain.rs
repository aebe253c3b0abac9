//! Domains: `CREATE DOMAIN name AS type [DEFAULT expr] [NOT NULL] [CHECK (...)]` and the
//! simple forms of `ALTER DOMAIN` (`ADD CHECK`, `SET / DROP NOT NULL`, `SET / DROP DEFAULT`).
//!
//! sqlparser reads `CREATE DOMAIN` but not its `NOT NULL` / `NULL` constraints nor any
//! `ALTER DOMAIN`; those are taken from the tokens.

use super::Outcome;
use super::build::{Builder, QName};
use super::table::{data_type, default_value, expr_text};
use schemata_model::DomainType;
use sqlparser::ast::{CreateDomain, TableConstraint};
use sqlparser::keywords::Keyword;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, TokenWithSpan};

fn is_kw(t: &Token, kw: &str) -> bool {
    matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(kw))
}

/// The tokens of a `CREATE DOMAIN` without its top-level `[CONSTRAINT name] NOT NULL` and
/// `[CONSTRAINT name] NULL` constraints, and whether one said NOT NULL. `None` when there are
/// none.
pub(crate) fn without_null_constraints(
    tokens: &[TokenWithSpan],
) -> Option<(Vec<TokenWithSpan>, bool)> {
    let sig: Vec<usize> = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_)))
        .collect();
    let mut remove: Vec<usize> = Vec::new();
    let mut not_null = false;
    let mut depth = 0i32;
    let mut after_as = false;
    let mut k = 0;
    while k < sig.len() {
        let t = &tokens[sig[k]].token;
        match t {
            Token::LParen => depth += 1,
            Token::RParen => depth -= 1,
            _ => {}
        }
        if depth == 0 && is_kw(t, "AS") {
            after_as = true;
        }
        let prev = k.checked_sub(1).map(|p| &tokens[sig[p]].token);
        let is_operand = prev.is_some_and(|p| is_kw(p, "IS") || is_kw(p, "DEFAULT"));
        if depth == 0 && after_as && !is_operand {
            let (span, sets) = if is_kw(t, "NOT")
                && sig
                    .get(k + 1)
                    .is_some_and(|&j| is_kw(&tokens[j].token, "NULL"))
            {
                (2, true)
            } else if is_kw(t, "NULL") && !prev.is_some_and(|p| is_kw(p, "NOT")) {
                (1, false)
            } else {
                (0, false)
            };
            if span > 0 {
                // A preceding `CONSTRAINT name` goes with it.
                if k >= 2 && is_kw(&tokens[sig[k - 2]].token, "CONSTRAINT") {
                    remove.extend([sig[k - 2], sig[k - 1]]);
                }
                remove.extend(sig[k..k + span].iter().copied());
                not_null |= sets;
                k += span;
                continue;
            }
        }
        k += 1;
    }
    if remove.is_empty() {
        return None;
    }
    let out = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| !remove.contains(i))
        .map(|(_, t)| t.clone())
        .collect();
    Some((out, not_null))
}

/// Record a parsed `CREATE DOMAIN`.
pub(crate) fn create(b: &mut Builder, d: &CreateDomain, not_null: bool) -> Outcome {
    let (base, _) = data_type(b, &d.data_type);
    let q = b.qname(&d.name);
    let mut domain = DomainType {
        id: String::new(),
        name: q.1.clone(),
        schema: q.0.clone(),
        default: d.default.as_ref().and_then(|e| default_value(e, &base)),
        base,
        not_null,
        checks: Vec::new(),
        comment: None,
    };
    if d.collation.is_some() {
        b.drop_part(
            "COLLATE",
            format!(
                "the collation of domain `{}` is not part of the design",
                q.1
            ),
        );
    }
    for c in &d.constraints {
        match c {
            TableConstraint::Check(ck) => domain.checks.push(expr_text(&ck.expr)),
            other => b.drop_part(
                "domain constraint",
                format!("`{other}` of domain `{}` is not part of the design", q.1),
            ),
        }
    }
    if b.add_domain(q.clone(), domain) {
        Outcome::Imported
    } else {
        Outcome::Skipped(format!(
            "domain `{}` is created twice; the first one is kept",
            q.1
        ))
    }
}

/// `ALTER DOMAIN name ...`: checks added, NOT NULL and defaults set or dropped; ownership and
/// the rest are not part of the design.
pub(crate) fn alter(b: &mut Builder, tokens: Vec<TokenWithSpan>) -> Outcome {
    let sig: Vec<usize> = (0..tokens.len())
        .filter(|&i| !matches!(tokens[i].token, Token::Whitespace(_)))
        .collect();
    let word = |k: usize, kw: &str| sig.get(k).is_some_and(|&i| is_kw(&tokens[i].token, kw));
    // ALTER DOMAIN [schema .] name
    let mut parts = Vec::new();
    let mut k = 2;
    while let Some(Token::Word(w)) = sig.get(k).map(|&i| &tokens[i].token) {
        parts.push(if w.quote_style.is_none() {
            w.value.to_lowercase()
        } else {
            w.value.clone()
        });
        k += 1;
        if sig
            .get(k)
            .is_some_and(|&i| tokens[i].token == Token::Period)
        {
            k += 1;
        } else {
            break;
        }
    }
    let Some(q) = super::tokens::qname_of(b.dialect, &parts) else {
        return Outcome::Skipped("no domain name".into());
    };
    if word(k, "OWNER") || word(k, "RENAME") || word(k, "VALIDATE") {
        return Outcome::Ignored(
            "ownership and names of a domain are not part of the design".into(),
        );
    }
    let Some(di) = b.domain_index(&q) else {
        return Outcome::Skipped(format!("domain `{}` is not created in this file", q.1));
    };
    if word(k, "SET") && word(k + 1, "NOT") && word(k + 2, "NULL") {
        b.design.domains[di].not_null = true;
        return Outcome::Imported;
    }
    if word(k, "DROP") && word(k + 1, "NOT") && word(k + 2, "NULL") {
        b.design.domains[di].not_null = false;
        return Outcome::Imported;
    }
    if word(k, "DROP") && word(k + 1, "DEFAULT") {
        b.design.domains[di].default = None;
        return Outcome::Imported;
    }
    if word(k, "ADD") || (word(k, "SET") && word(k + 1, "DEFAULT")) {
        let start = sig.get(k + 1).copied().unwrap_or(tokens.len());
        let rest = tokens[start..].to_vec();
        return if word(k, "ADD") {
            add_check(b, di, &q, rest)
        } else {
            set_default(b, di, rest)
        };
    }
    Outcome::Skipped("this ALTER DOMAIN is not read".into())
}

fn parser(b: &Builder, tokens: Vec<TokenWithSpan>) -> Parser<'static> {
    Parser::new(b.dialect.parser_dialect()).with_tokens_with_locations(tokens)
}

fn add_check(b: &mut Builder, di: usize, q: &QName, rest: Vec<TokenWithSpan>) -> Outcome {
    let mut p = parser(b, rest);
    let constraint = match p.parse_optional_table_constraint() {
        Ok(Some(c)) => c,
        Ok(None) => return Outcome::Skipped("no constraint after ADD".into()),
        Err(e) => return Outcome::Skipped(e.to_string()),
    };
    let _ = p.parse_keywords(&[Keyword::NOT, Keyword::VALID]);
    if p.peek_token().token != Token::EOF {
        return Outcome::Skipped(format!(
            "unexpected `{}` after the constraint",
            p.peek_token().token
        ));
    }
    match constraint {
        TableConstraint::Check(ck) => {
            b.design.domains[di].checks.push(expr_text(&ck.expr));
            Outcome::Imported
        }
        other => Outcome::Skipped(format!(
            "`{other}` of domain `{}` is not part of the design",
            q.1
        )),
    }
}

fn set_default(b: &mut Builder, di: usize, rest: Vec<TokenWithSpan>) -> Outcome {
    let mut p = parser(b, rest);
    let _ = p.parse_keyword(Keyword::DEFAULT);
    match p.parse_expr() {
        Ok(expr) if p.peek_token().token == Token::EOF => {
            let base = b.design.domains[di].base.clone();
            b.design.domains[di].default = default_value(&expr, &base);
            Outcome::Imported
        }
        Ok(_) => Outcome::Skipped("unexpected text after the default".into()),
        Err(e) => Outcome::Skipped(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::tokenizer::Tokenizer;

    fn strip(sql: &str) -> Option<(String, bool)> {
        let tokens = Tokenizer::new(&PostgreSqlDialect {}, sql)
            .tokenize_with_location()
            .unwrap();
        without_null_constraints(&tokens).map(|(t, n)| {
            let text: String = t.iter().map(|t| t.token.to_string()).collect();
            (text.split_whitespace().collect::<Vec<_>>().join(" "), n)
        })
    }

    #[test]
    fn null_constraints_are_taken_out() {
        assert_eq!(strip("CREATE DOMAIN d AS int CHECK (VALUE > 0)"), None);
        assert_eq!(
            strip("CREATE DOMAIN d AS int DEFAULT 0 NOT NULL CHECK (VALUE IS NOT NULL)"),
            Some((
                "CREATE DOMAIN d AS int DEFAULT 0 CHECK (VALUE IS NOT NULL)".into(),
                true
            ))
        );
        assert_eq!(
            strip("CREATE DOMAIN d AS text CONSTRAINT nn NOT NULL"),
            Some(("CREATE DOMAIN d AS text".into(), true))
        );
        assert_eq!(
            strip("CREATE DOMAIN d AS text DEFAULT NULL NULL"),
            Some(("CREATE DOMAIN d AS text DEFAULT NULL".into(), false))
        );
    }
}
