//! Finding where statements end without tokenizing: a byte scan that steps over strings,
//! quoted names, dollar-quoted bodies and comments, and cuts after each `;` outside them.
//!
//! The cuts only let each statement be tokenized on its own, while its text is in cache, instead
//! of the whole file at once. They are checked by the tokenizer afterwards (see
//! [`super::split`]): a piece must tokenize and end with its `;` token, or the rest of the region
//! is tokenized whole as before. So the scan may step over more than the tokenizer does (a
//! missed cut only leaves two statements in one piece, which the token pass still separates),
//! but should not step over less.

/// How one dialect's text is scanned.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    /// `\` escapes in every quoted string (MySQL); otherwise only in `E'...'`.
    pub backslash_escapes: bool,
    /// `#` starts a line comment (MySQL).
    pub hash_comments: bool,
    /// `[...]` quotes a name (SQL Server, SQLite).
    pub brackets: bool,
    /// Block comments nest (PostgreSQL).
    pub nested_comments: bool,
}

/// One piece of a region: `start..end` (byte offsets, `end` after the `;` when `cut`), the
/// newlines before it in the region, and whether it holds anything but whitespace and comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub lines_before: usize,
    /// Ends at a `;` (else it runs to the end of the text).
    pub cut: bool,
    pub significant: bool,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Bytes that may start something the scan must look at; every other byte is stepped over.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let bytes = b"\n;'\"`[$-#/";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// The pieces of `text`.
pub(crate) fn pieces(text: &str, rules: Rules) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut significant = false;
    let mut i = 0usize;
    while i < n {
        let b = bytes[i];
        if !SPECIAL[b as usize] {
            significant |= !b.is_ascii_whitespace();
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        i = match b {
            b'\n' => i + 1,
            b'-' if next == Some(b'-') => line_end(bytes, i),
            b'#' if rules.hash_comments => line_end(bytes, i),
            b'/' if next == Some(b'*') => block_end(bytes, i, rules.nested_comments),
            b';' => {
                out.push(Piece {
                    start,
                    end: i + 1,
                    lines_before: 0,
                    cut: true,
                    significant,
                });
                start = i + 1;
                significant = false;
                i + 1
            }
            b'\'' => {
                significant = true;
                let escaped = rules.backslash_escapes
                    || (i > 0
                        && matches!(bytes[i - 1], b'e' | b'E')
                        && !(i > 1 && is_word_byte(bytes[i - 2])));
                skip_quoted(bytes, i + 1, b'\'', escaped)
            }
            b'"' => {
                significant = true;
                skip_quoted(bytes, i + 1, b'"', rules.backslash_escapes)
            }
            b'`' => {
                significant = true;
                skip_quoted(bytes, i + 1, b'`', false)
            }
            b'[' if rules.brackets => {
                significant = true;
                skip_quoted(bytes, i + 1, b']', false)
            }
            b'$' if !(i > 0 && is_word_byte(bytes[i - 1])) => {
                significant = true;
                dollar_end(bytes, i)
            }
            _ => {
                significant = true;
                i + 1
            }
        };
    }
    if start < n {
        out.push(Piece {
            start,
            end: n,
            lines_before: 0,
            cut: false,
            significant,
        });
    }
    // Newlines before each piece, counted in one pass.
    let mut lines = 0usize;
    let mut counted = 0usize;
    for p in &mut out {
        lines += bytes[counted..p.start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = p.start;
        p.lines_before = lines;
    }
    out
}

/// The offset after the byte `close` from `i` on, honouring backslash escapes when asked (the
/// end of the text when it is missing).
fn skip_quoted(bytes: &[u8], i: usize, close: u8, escapes: bool) -> usize {
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        if escapes && b == b'\\' {
            j += 2;
            continue;
        }
        if b == close {
            return j + 1;
        }
        j += 1;
    }
    bytes.len()
}

/// The offset of the newline ending the line comment at `i` (or the end).
fn line_end(bytes: &[u8], i: usize) -> usize {
    match bytes[i..].iter().position(|&b| b == b'\n') {
        Some(k) => i + k,
        None => bytes.len(),
    }
}

/// The offset after the block comment starting at `i`.
fn block_end(bytes: &[u8], i: usize, nested: bool) -> usize {
    let mut depth = 1usize;
    let mut j = i + 2;
    while j < bytes.len() {
        match (bytes[j], bytes.get(j + 1).copied()) {
            (b'*', Some(b'/')) => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return j;
                }
            }
            (b'/', Some(b'*')) if nested => {
                depth += 1;
                j += 2;
            }
            _ => j += 1,
        }
    }
    bytes.len()
}

/// The offset after a dollar-quoted body opened at `i` (`$$` or `$tag$`), or after the `$` when
/// none opens there (`$1`).
fn dollar_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] >= 0x80)
    {
        j += 1;
    }
    let tag_ok = j == i + 1 || !bytes[i + 1].is_ascii_digit();
    if bytes.get(j) != Some(&b'$') || !tag_ok {
        return i + 1;
    }
    let tag = &bytes[i..=j];
    let mut k = j + 1;
    while let Some(at) = bytes[k..].iter().position(|&b| b == b'$') {
        let at = k + at;
        if bytes[at..].starts_with(tag) {
            return at + tag.len();
        }
        k = at + 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PG: Rules = Rules {
        backslash_escapes: false,
        hash_comments: false,
        brackets: false,
        nested_comments: true,
    };

    fn texts(text: &str, rules: Rules) -> Vec<(&str, usize, bool)> {
        pieces(text, rules)
            .into_iter()
            .map(|p| (&text[p.start..p.end], p.lines_before, p.significant))
            .collect()
    }

    #[test]
    fn cuts_after_semicolons_outside_quotes_and_comments() {
        let text =
            "a ';' \"x;\" -- c;\n b;\n/* c; /* d; */ e; */ f $$ g; $$ h $t$ i; $t$;\n  -- end";
        assert_eq!(
            texts(text, PG),
            vec![
                ("a ';' \"x;\" -- c;\n b;", 0, true),
                ("\n/* c; /* d; */ e; */ f $$ g; $$ h $t$ i; $t$;", 1, true),
                ("\n  -- end", 2, false),
            ]
        );
    }

    #[test]
    fn dollars_inside_words_and_placeholders_open_nothing() {
        let text = "select a$b$ from t where x = $1; select 2;";
        assert_eq!(pieces(text, PG).len(), 2);
    }

    #[test]
    fn escapes_follow_the_dialect() {
        let text = r"x E'it\'s;' ; y 'a\' ; z;";
        let p = texts(text, PG);
        assert_eq!(p[0].0, r"x E'it\'s;' ;");
        assert_eq!(p[1].0, r" y 'a\' ;");
        let mysql = Rules {
            backslash_escapes: true,
            hash_comments: true,
            brackets: false,
            nested_comments: false,
        };
        assert_eq!(texts("a 'b\\';' # c;\n;", mysql).len(), 1);
    }

    #[test]
    fn unterminated_text_runs_to_the_end() {
        assert_eq!(pieces("a 'b; c;", PG).len(), 1);
        assert_eq!(pieces("a $q$ b; c;", PG).len(), 1);
        assert_eq!(pieces("", PG), Vec::new());
    }
}
