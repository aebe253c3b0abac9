//! Cutting a SQL file into statements: client-side lines (psql `\` commands, MySQL `DELIMITER`,
//! T-SQL `GO`, `COPY ... FROM stdin` data) are recognised line by line; everything else is
//! tokenized with sqlparser's tokenizer and cut at top-level semicolons.

use sqlparser::dialect::Dialect;
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};

/// One statement of the file: its tokens (with lines counted from the start of the file) or,
/// when it is a client-side line or could not be tokenized, only its text.
#[derive(Debug)]
pub(crate) struct RawStatement {
    /// 1-based line of the statement's first token.
    pub line: usize,
    pub body: Body,
}

/// What a [`RawStatement`] holds.
#[derive(Debug)]
pub(crate) enum Body {
    /// Tokens of a statement, without the terminating semicolon.
    Tokens(Vec<TokenWithSpan>),
    /// A client-side command (`\connect`, `DELIMITER`, `GO`, COPY data), as written.
    Client(String),
    /// Text that the tokenizer rejected, with its message.
    Unreadable { text: String, error: String },
}

/// A region of the file between client-side lines.
struct Region<'a> {
    text: &'a str,
    /// 0-based line of the region's first line.
    first_line: usize,
    /// Statement terminator other than `;` (inside a MySQL `DELIMITER` block).
    delimiter: Option<String>,
}

/// Split `text` into statements, tokenizing with `dialect`.
pub(crate) fn split(text: &str, dialect: &dyn Dialect) -> Vec<RawStatement> {
    let mut out = Vec::new();
    for region in regions(text, &mut out) {
        match &region.delimiter {
            None => tokenize_region(region.text, region.first_line, dialect, &mut out),
            Some(delim) => {
                let mut offset_lines = region.first_line;
                for piece in region.text.split(delim.as_str()) {
                    if !piece.trim().is_empty() {
                        let lead = leading_lines(piece);
                        match tokens_of(piece, offset_lines, dialect) {
                            Ok(tokens) => push_whole(tokens, offset_lines + lead, &mut out),
                            Err(error) => out.push(RawStatement {
                                line: offset_lines + lead + 1,
                                body: Body::Unreadable {
                                    text: piece.trim().to_string(),
                                    error,
                                },
                            }),
                        }
                    }
                    offset_lines += piece.matches('\n').count();
                }
            }
        }
    }
    out.sort_by_key(|s| s.line);
    out
}

fn leading_lines(piece: &str) -> usize {
    let trimmed = piece.trim_start();
    piece[..piece.len() - trimmed.len()].matches('\n').count()
}

/// Cut `text` into regions at client-side lines, recording those lines as statements.
fn regions<'a>(text: &'a str, out: &mut Vec<RawStatement>) -> Vec<Region<'a>> {
    let mut regions = Vec::new();
    let mut start = 0usize;
    let mut start_line = 0usize;
    let mut delimiter: Option<String> = None;
    let mut in_copy = false;
    let mut pos = 0usize;
    let mut line_no = 0usize;
    let close =
        |regions: &mut Vec<Region<'a>>, start: usize, end: usize, delim: &Option<String>, sl| {
            if start < end && !text[start..end].trim().is_empty() {
                regions.push(Region {
                    text: &text[start..end],
                    first_line: sl,
                    delimiter: delim.clone(),
                });
            }
        };
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = &text[pos..end];
        let trimmed = line.trim();
        if in_copy {
            if trimmed == "\\." {
                in_copy = false;
                start = end;
                start_line = line_no + 1;
            }
        } else if let Some(kind) = client_line(trimmed) {
            close(&mut regions, start, pos, &delimiter, start_line);
            match kind {
                ClientLine::Delimiter(d) => {
                    delimiter = (d != ";").then(|| d.to_string());
                }
                ClientLine::Other => {}
            }
            out.push(RawStatement {
                line: line_no + 1,
                body: Body::Client(trimmed.to_string()),
            });
            start = end;
            start_line = line_no + 1;
        } else if is_copy_from_stdin(trimmed) {
            close(&mut regions, start, end, &delimiter, start_line);
            in_copy = true;
            start = end;
            start_line = line_no + 1;
        }
        pos = end;
        line_no += 1;
    }
    close(&mut regions, start, text.len(), &delimiter, start_line);
    regions
}

enum ClientLine<'a> {
    Delimiter(&'a str),
    Other,
}

fn client_line(trimmed: &str) -> Option<ClientLine<'_>> {
    let bytes = trimmed.as_bytes();
    if bytes.first() == Some(&b'\\')
        && bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'!')
    {
        return Some(ClientLine::Other);
    }
    if trimmed.eq_ignore_ascii_case("go") {
        return Some(ClientLine::Other);
    }
    let mut words = trimmed.split_whitespace();
    if words
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("delimiter"))
        && let Some(d) = words.next()
    {
        return Some(ClientLine::Delimiter(d));
    }
    None
}

fn is_copy_from_stdin(trimmed: &str) -> bool {
    let lower_start = trimmed
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("copy "));
    lower_start && {
        let l = trimmed.to_ascii_lowercase();
        l.ends_with("from stdin;")
    }
}

/// Tokenize `text` (which starts at 0-based line `first_line` of the file) with lines made
/// absolute.
fn tokens_of(
    text: &str,
    first_line: usize,
    dialect: &dyn Dialect,
) -> Result<Vec<TokenWithSpan>, String> {
    let mut tokens = Tokenizer::new(dialect, text)
        .tokenize_with_location()
        .map_err(|e| e.message)?;
    if first_line > 0 {
        for t in &mut tokens {
            t.span.start.line += first_line as u64;
            t.span.end.line += first_line as u64;
        }
    }
    Ok(tokens)
}

fn tokenize_region(
    text: &str,
    first_line: usize,
    dialect: &dyn Dialect,
    out: &mut Vec<RawStatement>,
) {
    match tokens_of(text, first_line, dialect) {
        Ok(tokens) => push_tokens(tokens, first_line, out),
        Err(_) => {
            // Fall back to cutting at lines that end with `;`, so that one bad string loses one
            // statement, not the rest of the file.
            let mut piece_start = 0usize;
            let mut piece_line = first_line;
            let mut line = first_line;
            let mut pos = 0usize;
            while pos < text.len() {
                let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
                line += 1;
                if text[pos..end].trim_end().ends_with(';') || end == text.len() {
                    let piece = &text[piece_start..end];
                    if !piece.trim().is_empty() {
                        match tokens_of(piece, piece_line, dialect) {
                            Ok(tokens) => push_tokens(tokens, piece_line, out),
                            Err(error) => out.push(RawStatement {
                                line: piece_line + leading_lines(piece) + 1,
                                body: Body::Unreadable {
                                    text: piece.trim().to_string(),
                                    error,
                                },
                            }),
                        }
                    }
                    piece_start = end;
                    piece_line = line;
                }
                pos = end;
            }
        }
    }
}

/// A whole token stream as one statement (a body between custom delimiters, which may hold
/// semicolons of its own).
fn push_whole(tokens: Vec<TokenWithSpan>, fallback_line: usize, out: &mut Vec<RawStatement>) {
    let line = tokens
        .iter()
        .find(|t| !matches!(t.token, Token::Whitespace(_)))
        .map(|t| t.span.start.line as usize)
        .filter(|l| *l > 0)
        .unwrap_or(fallback_line + 1);
    out.push(RawStatement {
        line,
        body: Body::Tokens(tokens),
    });
}

/// Cut a token stream at top-level semicolons; statements with nothing but whitespace and
/// comments are dropped.
fn push_tokens(tokens: Vec<TokenWithSpan>, fallback_line: usize, out: &mut Vec<RawStatement>) {
    let mut lengths = Vec::new();
    let mut run = 0usize;
    for t in &tokens {
        if t.token == Token::SemiColon {
            lengths.push(run);
            run = 0;
        } else {
            run += 1;
        }
    }
    lengths.push(run);
    let mut rest = tokens.into_iter();
    for (i, len) in lengths.iter().enumerate() {
        let statement: Vec<TokenWithSpan> = rest.by_ref().take(*len).collect();
        if i + 1 < lengths.len() {
            rest.next(); // the semicolon
        }
        let first = statement
            .iter()
            .find(|t| !matches!(t.token, Token::Whitespace(_)));
        if let Some(first) = first {
            let line = if first.span.start.line > 0 {
                first.span.start.line as usize
            } else {
                fallback_line + 1
            };
            out.push(RawStatement {
                line,
                body: Body::Tokens(statement),
            });
        }
    }
}
