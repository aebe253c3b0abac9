//! Statements sqlparser rejects in the form pg_dump writes them, read from its tokens.

use super::SourceDialect;
use super::build::QName;
use sqlparser::tokenizer::{Token, TokenWithSpan, Word};

/// Significant tokens (no whitespace or comments).
fn significant(tokens: &[TokenWithSpan]) -> Vec<&Token> {
    tokens
        .iter()
        .map(|t| &t.token)
        .filter(|t| !matches!(t, Token::Whitespace(_)))
        .collect()
}

fn is_word(t: &Token, kw: &str) -> bool {
    matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case(kw))
}

fn word_name(dialect: SourceDialect, w: &Word) -> String {
    if dialect == SourceDialect::Postgres && w.quote_style.is_none() {
        w.value.to_lowercase()
    } else {
        w.value.clone()
    }
}

/// A dotted name starting at `toks[i]`: its parts and the index after it.
fn dotted(dialect: SourceDialect, toks: &[&Token], mut i: usize) -> (Vec<String>, usize) {
    let mut parts = Vec::new();
    while let Some(Token::Word(w)) = toks.get(i) {
        parts.push(word_name(dialect, w));
        i += 1;
        if matches!(toks.get(i), Some(Token::Period)) {
            i += 1;
        } else {
            break;
        }
    }
    (parts, i)
}

/// `(schema, name)` from dotted parts, `public` being the default schema.
pub(crate) fn qname_of(dialect: SourceDialect, parts: &[String]) -> Option<QName> {
    let name = parts.last()?.clone();
    let schema = if dialect == SourceDialect::Postgres && parts.len() >= 2 {
        Some(parts[parts.len() - 2].clone()).filter(|s| s != "public")
    } else {
        None
    };
    Some((schema, name))
}

/// The name of `CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name ...`.
pub(crate) fn created_sequence(dialect: SourceDialect, tokens: &[TokenWithSpan]) -> Option<QName> {
    let toks = significant(tokens);
    let mut i = toks.iter().position(|t| is_word(t, "SEQUENCE"))? + 1;
    if is_word(toks.get(i)?, "IF") {
        i += 3;
    }
    let (parts, _) = dotted(dialect, &toks, i);
    qname_of(dialect, &parts)
}

/// `ALTER SEQUENCE seq ... OWNED BY table.column`: the sequence, the table and the column.
pub(crate) fn sequence_owner(
    dialect: SourceDialect,
    tokens: &[TokenWithSpan],
) -> Option<(QName, QName, String)> {
    let toks = significant(tokens);
    let mut i = toks.iter().position(|t| is_word(t, "SEQUENCE"))? + 1;
    if is_word(toks.get(i)?, "IF") {
        i += 2;
    }
    let (seq, _) = dotted(dialect, &toks, i);
    let owned = toks
        .windows(2)
        .position(|w| is_word(w[0], "OWNED") && is_word(w[1], "BY"))?;
    let (target, _) = dotted(dialect, &toks, owned + 2);
    if target.len() < 2 {
        return None;
    }
    let column = target.last()?.clone();
    let table = qname_of(dialect, &target[..target.len() - 1])?;
    Some((qname_of(dialect, &seq)?, table, column))
}

/// `CREATE INDEX ... ON ONLY t ...` without the `ONLY`, which sqlparser does not take.
pub(crate) fn without_on_only(tokens: &[TokenWithSpan]) -> Option<Vec<TokenWithSpan>> {
    let sig: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| !matches!(t.token, Token::Whitespace(_)))
        .map(|(i, _)| i)
        .collect();
    let at = sig
        .windows(2)
        .find(|w| is_word(&tokens[w[0]].token, "ON") && is_word(&tokens[w[1]].token, "ONLY"))?[1];
    let mut out = tokens.to_vec();
    out.remove(at);
    Some(out)
}

/// `CREATE TABLE` in forms sqlparser rejects, rewritten to ones it takes: PostgreSQL 18's
/// `GENERATED ALWAYS AS (...) VIRTUAL` read as `STORED` (the second value says whether a
/// rewrite of that kind was made, so the caller can mark the columns virtual again), and
/// MySQL's `VARCHAR(n) BINARY` without the `BINARY` (a collation, not part of the design).
pub(crate) fn rewritten_create_table(
    tokens: &[TokenWithSpan],
) -> Option<(Vec<TokenWithSpan>, bool)> {
    if !tokens
        .iter()
        .any(|t| is_word(&t.token, "VIRTUAL") || is_word(&t.token, "BINARY"))
    {
        return None;
    }
    let mut out = Vec::with_capacity(tokens.len());
    let mut made_virtual = false;
    let mut changed = false;
    let mut prev_significant: Option<Token> = None;
    for t in tokens {
        if is_word(&t.token, "VIRTUAL") && prev_significant == Some(Token::RParen) {
            let mut stored = t.clone();
            stored.token = Token::make_keyword("STORED");
            out.push(stored);
            made_virtual = true;
            changed = true;
        } else if is_word(&t.token, "BINARY") && prev_significant == Some(Token::RParen) {
            changed = true;
        } else {
            out.push(t.clone());
        }
        if !matches!(t.token, Token::Whitespace(_)) {
            prev_significant = Some(t.token.clone());
        }
    }
    changed.then_some((out, made_virtual))
}

/// The name after `keyword` (and an optional `IF NOT EXISTS`), e.g. the view of
/// `CREATE MATERIALIZED VIEW public.v AS ...`.
pub(crate) fn name_after(
    dialect: SourceDialect,
    tokens: &[TokenWithSpan],
    keyword: &str,
) -> Option<QName> {
    let toks = significant(tokens);
    let mut i = toks.iter().position(|t| is_word(t, keyword))? + 1;
    if is_word(toks.get(i)?, "IF") {
        i += 3;
    }
    let (parts, _) = dotted(dialect, &toks, i);
    qname_of(dialect, &parts)
}

/// `ALTER TABLE [ONLY] [IF EXISTS] parent ATTACH PARTITION child bound`: the parent, the child
/// and the bound as written (`FOR VALUES ...` or `DEFAULT`), whitespace collapsed.
pub(crate) fn attach_partition(
    dialect: SourceDialect,
    tokens: &[TokenWithSpan],
) -> Option<(QName, QName, String)> {
    let toks = significant(tokens);
    let mut i = toks.iter().position(|t| is_word(t, "TABLE"))? + 1;
    while toks.get(i).is_some_and(|t| is_word(t, "ONLY")) {
        i += 1;
    }
    if toks.get(i).is_some_and(|t| is_word(t, "IF")) {
        i += 2;
    }
    let (parent, next) = dotted(dialect, &toks, i);
    if !(toks.get(next).is_some_and(|t| is_word(t, "ATTACH"))
        && toks.get(next + 1).is_some_and(|t| is_word(t, "PARTITION")))
    {
        return None;
    }
    let (child, after) = dotted(dialect, &toks, next + 2);
    let bound = bound_text(&toks[after.min(toks.len())..]);
    if bound.is_empty() {
        return None;
    }
    Some((
        qname_of(dialect, &parent)?,
        qname_of(dialect, &child)?,
        bound,
    ))
}

/// Tokens as SQL text with single spaces, none inside parentheses or before commas.
fn bound_text(toks: &[&Token]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Token> = None;
    for t in toks {
        if matches!(t, Token::SemiColon | Token::EOF) {
            break;
        }
        let glued = matches!(t, Token::Comma | Token::RParen | Token::Period)
            || matches!(prev, Some(Token::LParen | Token::Period) | None)
            || matches!(t, Token::DoubleColon)
            || matches!(prev, Some(Token::DoubleColon));
        if !glued {
            out.push(' ');
        }
        let text = t.to_string();
        out.push_str(&text);
        prev = Some(t);
    }
    out
}

/// Whether the statement has `ATTACH PARTITION` (e.g. `ALTER INDEX ... ATTACH PARTITION ...`).
pub(crate) fn attaches_partition(tokens: &[TokenWithSpan]) -> bool {
    significant(tokens)
        .windows(2)
        .any(|w| is_word(w[0], "ATTACH") && is_word(w[1], "PARTITION"))
}
