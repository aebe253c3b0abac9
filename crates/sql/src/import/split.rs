//! Cutting a SQL file into statements: client-side lines (psql `\` commands, MySQL `DELIMITER`,
//! T-SQL `GO`, `COPY ... FROM stdin` data) are recognised line by line; everything else is
//! tokenized with sqlparser's tokenizer and cut at top-level semicolons.
//!
//! Statements are handed out one at a time, in file order, as they are tokenized: each piece
//! that [`cut`] finds is tokenized on its own and must end with its `;` token; when one does
//! not, the rest of its region is tokenized whole, as a file without cuts would be.

use super::SourceDialect;
use super::cut::{self, Piece, Rules};
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

/// Where statements go as they are cut.
type Sink<'s> = &'s mut dyn FnMut(RawStatement);

/// A client-side line, or a region with its pieces (none inside a `DELIMITER` block).
enum Item<'a> {
    Client(RawStatement),
    Region(Region<'a>, Vec<Piece>),
}

/// A file cut into client-side lines and regions of statements, ready to be tokenized.
pub(crate) struct Plan<'a> {
    items: Vec<Item<'a>>,
}

/// Cut `text` at client-side lines and, within regions, at the `;` that [`cut`] finds.
pub(crate) fn plan(text: &str, dialect: SourceDialect) -> Plan<'_> {
    let rules = rules(dialect);
    let items = regions(text)
        .into_iter()
        .map(|item| match item {
            Item::Region(region, _) if region.delimiter.is_none() => {
                let pieces = cut::pieces(region.text, rules);
                Item::Region(region, pieces)
            }
            other => other,
        })
        .collect();
    Plan { items }
}

fn rules(dialect: SourceDialect) -> Rules {
    Rules {
        backslash_escapes: dialect == SourceDialect::Mysql,
        hash_comments: dialect == SourceDialect::Mysql,
        brackets: matches!(dialect, SourceDialect::Mssql | SourceDialect::Sqlite),
        nested_comments: dialect == SourceDialect::Postgres,
    }
}

impl Plan<'_> {
    /// The number of statements, as the cuts give it (the tokenizer has the last word).
    pub fn estimate(&self) -> usize {
        self.items
            .iter()
            .map(|item| match item {
                Item::Client(_) => 1,
                Item::Region(r, _) if r.delimiter.is_some() => {
                    r.text
                        .matches(r.delimiter.as_deref().unwrap_or(";"))
                        .count()
                        + 1
                }
                Item::Region(_, pieces) => pieces.iter().filter(|p| p.significant).count(),
            })
            .sum()
    }

    /// Tokenize the statements with `dialect` and hand each to `sink`, in file order.
    pub fn run(self, dialect: &dyn Dialect, sink: Sink<'_>) {
        for item in self.items {
            match item {
                Item::Client(statement) => sink(statement),
                Item::Region(region, pieces) => match &region.delimiter {
                    None => run_region(&region, &pieces, dialect, sink),
                    Some(delim) => delimited(&region, delim, dialect, sink),
                },
            }
        }
    }
}

/// Split `text` into statements, tokenizing with `dialect`.
pub(crate) fn split(text: &str, dialect: SourceDialect) -> Vec<RawStatement> {
    let mut out = Vec::new();
    plan(text, dialect).run(dialect.parser_dialect(), &mut |s| out.push(s));
    out
}

/// The pieces of a region, each tokenized on its own; from the first piece that does not end
/// with its own `;` token (the scan and the tokenizer disagree), the rest of the region at once.
fn run_region(region: &Region<'_>, pieces: &[Piece], dialect: &dyn Dialect, sink: Sink<'_>) {
    for piece in pieces {
        if !piece.significant {
            continue;
        }
        let text = &region.text[piece.start..piece.end];
        let first_line = region.first_line + piece.lines_before;
        let tokens = tokens_of(text, first_line, dialect)
            .ok()
            .filter(|t| !piece.cut || t.last().is_some_and(|last| last.token == Token::SemiColon));
        match tokens {
            Some(mut tokens) => {
                shift_first_line(&mut tokens, region.text, piece.start, first_line);
                push_tokens(tokens, first_line, sink);
            }
            None => {
                tokenize_region(&region.text[piece.start..], first_line, dialect, sink);
                return;
            }
        }
    }
}

/// Columns on the first line of a piece that starts mid-line, made to count from the line's
/// start.
fn shift_first_line(tokens: &mut [TokenWithSpan], region: &str, start: usize, first_line: usize) {
    let line_start = region[..start].rfind('\n').map_or(0, |i| i + 1);
    if line_start == start {
        return;
    }
    let shift = region[line_start..start].chars().count() as u64;
    let line = first_line as u64 + 1;
    for t in tokens {
        if t.span.start.line != line {
            break;
        }
        t.span.start.column += shift;
        if t.span.end.line == line {
            t.span.end.column += shift;
        }
    }
}

/// A `DELIMITER` block: each text between delimiters is one statement.
fn delimited(region: &Region<'_>, delim: &str, dialect: &dyn Dialect, sink: Sink<'_>) {
    let mut offset_lines = region.first_line;
    for piece in region.text.split(delim) {
        if !piece.trim().is_empty() {
            let lead = leading_lines(piece);
            match tokens_of(piece, offset_lines, dialect) {
                Ok(tokens) => push_whole(tokens, offset_lines + lead, sink),
                Err(error) => sink(RawStatement {
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

fn leading_lines(piece: &str) -> usize {
    let trimmed = piece.trim_start();
    piece[..piece.len() - trimmed.len()].matches('\n').count()
}

/// Cut `text` into regions at client-side lines, and those lines, in file order.
fn regions<'a>(text: &'a str) -> Vec<Item<'a>> {
    let mut regions = Vec::new();
    let mut start = 0usize;
    let mut start_line = 0usize;
    let mut delimiter: Option<String> = None;
    let mut in_copy = false;
    let mut pos = 0usize;
    let mut line_no = 0usize;
    let close =
        |regions: &mut Vec<Item<'a>>, start: usize, end: usize, delim: &Option<String>, sl| {
            if start < end && !text[start..end].trim().is_empty() {
                let region = Region {
                    text: &text[start..end],
                    first_line: sl,
                    delimiter: delim.clone(),
                };
                regions.push(Item::Region(region, Vec::new()));
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
            regions.push(Item::Client(RawStatement {
                line: line_no + 1,
                body: Body::Client(trimmed.to_string()),
            }));
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
    // About one token (whitespace included) for every four bytes of DDL.
    let mut tokens = Vec::with_capacity(text.len() / 4 + 8);
    Tokenizer::new(dialect, text)
        .tokenize_with_location_into_buf(&mut tokens)
        .map_err(|e| e.message)?;
    if first_line > 0 {
        for t in &mut tokens {
            t.span.start.line += first_line as u64;
            t.span.end.line += first_line as u64;
        }
    }
    Ok(tokens)
}

fn tokenize_region(text: &str, first_line: usize, dialect: &dyn Dialect, out: Sink<'_>) {
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
                            Err(error) => out(RawStatement {
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
fn push_whole(tokens: Vec<TokenWithSpan>, fallback_line: usize, out: Sink<'_>) {
    let line = tokens
        .iter()
        .find(|t| !matches!(t.token, Token::Whitespace(_)))
        .map(|t| t.span.start.line as usize)
        .filter(|l| *l > 0)
        .unwrap_or(fallback_line + 1);
    out(RawStatement {
        line,
        body: Body::Tokens(tokens),
    });
}

/// Cut a token stream at top-level semicolons; statements with nothing but whitespace and
/// comments are dropped.
fn push_tokens(mut tokens: Vec<TokenWithSpan>, fallback_line: usize, out: Sink<'_>) {
    // The common case: one statement and its `;`.
    let semicolons = tokens
        .iter()
        .filter(|t| t.token == Token::SemiColon)
        .count();
    if semicolons == 1 && tokens.last().is_some_and(|t| t.token == Token::SemiColon) {
        tokens.pop();
        if let Some(first) = tokens
            .iter()
            .find(|t| !matches!(t.token, Token::Whitespace(_)))
        {
            let line = match first.span.start.line {
                0 => fallback_line + 1,
                l => l as usize,
            };
            out(RawStatement {
                line,
                body: Body::Tokens(tokens),
            });
        }
        return;
    }
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
            out(RawStatement {
                line,
                body: Body::Tokens(statement),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every region tokenized whole, with no cuts.
    fn whole(text: &str, dialect: SourceDialect) -> Vec<RawStatement> {
        let mut out = Vec::new();
        let d = dialect.parser_dialect();
        for item in regions(text) {
            match item {
                Item::Client(s) => out.push(s),
                Item::Region(r, _) => match &r.delimiter {
                    None => tokenize_region(r.text, r.first_line, d, &mut |s| out.push(s)),
                    Some(delim) => delimited(&r, delim, d, &mut |s| out.push(s)),
                },
            }
        }
        out
    }

    fn same(text: &str, dialect: SourceDialect) {
        let (a, b) = (split(text, dialect), whole(text, dialect));
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.line, y.line);
            match (&x.body, &y.body) {
                (Body::Tokens(p), Body::Tokens(q)) => {
                    assert_eq!(p.len(), q.len(), "line {}", x.line);
                    for (s, t) in p.iter().zip(q) {
                        assert_eq!((&s.token, s.span), (&t.token, t.span), "line {}", x.line);
                    }
                }
                (p, q) => assert_eq!(format!("{p:?}"), format!("{q:?}")),
            }
        }
    }

    #[test]
    fn cut_statements_are_the_whole_file_statements() {
        same(
            "CREATE TABLE a (x int); CREATE TABLE b (y text DEFAULT ';');\n\\connect x\nSELECT $$;$$; SELECT 1",
            SourceDialect::Postgres,
        );
        same(
            "-- a ; comment\nSELECT 'it''s;'; /* ; */ SELECT 2;;",
            SourceDialect::Sqlite,
        );
        same("SELECT [a;b] FROM t;\nGO\nSELECT 1;", SourceDialect::Mssql);
        same(
            "SELECT 'a\\';'; # x;\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END //\nDELIMITER ;\nSELECT 2;",
            SourceDialect::Mysql,
        );
        // A piece the scan cuts wrongly (an unterminated string) falls back to the whole region.
        same("SELECT 'a;\nb'; SELECT 2;", SourceDialect::Postgres);
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let Ok(manifest) = std::fs::read_to_string(corpus.join("MANIFEST.tsv")) else {
            return;
        };
        for line in manifest.lines().skip(1) {
            let mut fields = line.split('\t');
            let (Some(name), Some(dialect)) = (fields.next(), fields.next()) else {
                continue;
            };
            let Ok(dialect) = dialect.parse::<SourceDialect>() else {
                continue;
            };
            let text = std::fs::read_to_string(corpus.join(format!("{name}.sql"))).expect("read");
            same(&text, dialect);
        }
    }
}
