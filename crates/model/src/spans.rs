//! Positions of JSON values in the text of a design file.
//!
//! [`SpanIndex::build`] scans JSON text once and records, for every value, the line and column
//! where it starts, keyed by its JSON pointer (RFC 6901, e.g. `/tables/0/columns/2/name`). For
//! object members it also records where the key starts. The scanner is iterative and tolerant:
//! it never panics, stops at the first syntax error (keeping what it indexed so far) and stops
//! descending below [`MAX_DEPTH`] levels of nesting.
//!
//! Lines and columns are 1-based; columns count characters (Unicode scalar values), not bytes.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diag::Location;

/// Deepest nesting the index follows. The JSON parser refuses deeper documents anyway.
pub const MAX_DEPTH: usize = 160;

/// Where a value (and, for an object member, its key) starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start of the member's key (its opening quote); `None` for array elements and the root.
    pub key: Option<Location>,
    /// Start of the value's first character.
    pub value: Location,
}

/// Line and column of every value of a JSON text, by JSON pointer.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    spans: HashMap<String, Span>,
    stopped_at: Option<String>,
}

impl SpanIndex {
    /// Index `text`. Never fails: invalid or too deeply nested input gives a partial index.
    pub fn build(text: &str) -> SpanIndex {
        let mut index = SpanIndex::default();
        index.stopped_at = Builder::new(text, &mut index.spans).run();
        index
    }

    /// The span of the value at `pointer` (`""` is the whole document).
    pub fn get(&self, pointer: &str) -> Option<Span> {
        self.spans.get(pointer).copied()
    }

    /// Where the value at `pointer` starts, or, when the file has no such value (a field left
    /// out, an id filled in by the loader), where its nearest enclosing value starts.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let mut p = pointer;
        loop {
            if let Some(span) = self.spans.get(p) {
                return Some(span.value);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// Where the key of the member at `pointer` starts, falling back to [`SpanIndex::locate`].
    pub fn locate_key(&self, pointer: &str) -> Option<Location> {
        match self.spans.get(pointer) {
            Some(Span { key: Some(k), .. }) => Some(*k),
            _ => self.locate(pointer),
        }
    }

    /// Number of indexed values.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether nothing was indexed.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Whether the whole text was indexed (valid JSON no deeper than [`MAX_DEPTH`]).
    pub fn is_complete(&self) -> bool {
        self.stopped_at.is_none()
    }

    /// When the scan stopped early: the pointer of the value it was in, the place of a syntax
    /// error for text the JSON parser also rejects.
    pub fn stopped_at(&self) -> Option<&str> {
        self.stopped_at.as_deref()
    }
}

/// Escape one reference token for a JSON pointer: `~` becomes `~0` and `/` becomes `~1`.
pub fn escape_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains(['~', '/']) {
        Cow::Owned(segment.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// Undo [`escape_segment`].
pub fn unescape_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// One step of a JSON pointer, unescaped.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Segment {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// The JSON pointer of a path given as segments.
pub(crate) fn pointer_of(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        match segment {
            Segment::Key(k) => out.push_str(&escape_segment(k)),
            Segment::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

/// Line and column of the character containing byte `offset` of `text` (clamped to the text).
pub fn location_at(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    Location {
        line: saturate(line),
        column: saturate(column),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One open container while scanning.
struct Frame {
    object: bool,
    /// Length of the pointer of the container itself; members append to it.
    base: usize,
    index: usize,
}

struct Builder<'a, 'm> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: u32,
    column: u32,
    spans: &'m mut HashMap<String, Span>,
}

impl<'a, 'm> Builder<'a, 'm> {
    fn new(text: &'a str, spans: &'m mut HashMap<String, Span>) -> Self {
        Builder {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            column: 1,
            spans,
        }
    }

    fn location(&self) -> Location {
        Location {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters: UTF-8 continuation bytes do not start a new one.
                self.column = self.column.saturating_add(1);
            }
        }
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Scan the document. Returns `None` when it was indexed to the end, else the pointer of
    /// the value where scanning stopped.
    fn run(mut self) -> Option<String> {
        let mut path = String::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut key: Option<Location> = None;
        // Each turn of this loop scans one value at `path`, then climbs out of every container
        // that closes after it, until the next value starts.
        loop {
            self.skip_whitespace();
            self.spans.insert(
                path.clone(),
                Span {
                    key: key.take(),
                    value: self.location(),
                },
            );
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    if stack.len() >= MAX_DEPTH {
                        return Some(path);
                    }
                    self.bump();
                    let object = open == b'{';
                    stack.push(Frame {
                        object,
                        base: path.len(),
                        index: 0,
                    });
                    self.skip_whitespace();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.bump();
                        stack.pop();
                    } else if object {
                        match self.member_key(&mut path) {
                            Some(k) => {
                                key = Some(k);
                                continue;
                            }
                            None => return Some(path),
                        }
                    } else {
                        path.push_str("/0");
                        continue;
                    }
                }
                Some(b'"') => {
                    if self.string(None).is_none() {
                        return Some(path);
                    }
                }
                Some(b) if b == b'-' || b.is_ascii_alphanumeric() => {
                    while self.peek().is_some_and(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
                    }) {
                        self.bump();
                    }
                }
                _ => return Some(path),
            }
            // The value is complete: move on to the next member, closing containers as needed.
            loop {
                let Some(top) = stack.last_mut() else {
                    self.skip_whitespace();
                    return self.peek().is_some().then_some(path);
                };
                path.truncate(top.base);
                self.skip_whitespace();
                match self.peek() {
                    Some(b',') => {
                        self.bump();
                        if top.object {
                            match self.member_key(&mut path) {
                                Some(k) => key = Some(k),
                                None => return Some(path),
                            }
                        } else {
                            top.index += 1;
                            path.push('/');
                            path.push_str(&top.index.to_string());
                        }
                        break;
                    }
                    Some(b'}') if top.object => {
                        self.bump();
                        stack.pop();
                    }
                    Some(b']') if !top.object => {
                        self.bump();
                        stack.pop();
                    }
                    _ => return Some(path),
                }
            }
        }
    }

    /// Scan `"key" :` and append the escaped key to `path`. Returns where the key starts.
    fn member_key(&mut self, path: &mut String) -> Option<Location> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            return None;
        }
        let at = self.location();
        let mut key = String::new();
        self.string(Some(&mut key))?;
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            return None;
        }
        self.bump();
        path.push('/');
        path.push_str(&escape_segment(&key));
        Some(at)
    }

    /// Scan a string starting at its opening quote, decoding it into `out` when given.
    /// Returns `None` when the text ends inside the string.
    fn string(&mut self, mut out: Option<&mut String>) -> Option<()> {
        self.bump();
        let mut run_start = self.pos;
        loop {
            match self.peek()? {
                b'"' => {
                    if let Some(o) = out.as_deref_mut() {
                        o.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
                    }
                    self.bump();
                    return Some(());
                }
                b'\\' => {
                    if let Some(o) = out.as_deref_mut() {
                        o.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
                    }
                    self.bump();
                    let escaped = self.peek()?;
                    self.bump();
                    if let Some(o) = out.as_deref_mut() {
                        self.escape(escaped, o);
                    } else if escaped == b'u' {
                        self.hex4();
                    }
                    run_start = self.pos;
                }
                _ => self.bump(),
            }
        }
    }

    /// Decode the escape whose letter was just consumed.
    fn escape(&mut self, letter: u8, out: &mut String) {
        let c = match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let Some(first) = self.hex4() else {
                    out.push(char::REPLACEMENT_CHARACTER);
                    return;
                };
                let code = if (0xD800..0xDC00).contains(&first)
                    && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
                {
                    let save = (self.pos, self.line, self.column);
                    self.bump();
                    self.bump();
                    match self.hex4() {
                        Some(low @ 0xDC00..=0xDFFF) => {
                            0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                        }
                        _ => {
                            (self.pos, self.line, self.column) = save;
                            first
                        }
                    }
                } else {
                    first
                };
                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
            }
            other => char::from(other),
        };
        out.push(c);
    }

    /// Consume up to four hex digits; the value when there were four.
    fn hex4(&mut self) -> Option<u32> {
        let mut value = 0u32;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| char::from(b).to_digit(16))?;
            self.bump();
            value = value * 16 + digit;
        }
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u32, column: u32) -> Location {
        Location { line, column }
    }

    #[test]
    fn indexes_values_and_keys() {
        let text = "{\n  \"tables\": [\n    {\"name\": \"a/b~\", \"x~y/z\": 1},\n    []\n  ]\n}\n";
        let index = SpanIndex::build(text);
        assert!(index.is_complete());
        assert_eq!(index.get("").map(|s| s.value), Some(loc(1, 1)));
        assert_eq!(
            index.get("/tables"),
            Some(Span {
                key: Some(loc(2, 3)),
                value: loc(2, 13)
            })
        );
        assert_eq!(index.locate("/tables/0"), Some(loc(3, 5)));
        assert_eq!(index.locate("/tables/0/name"), Some(loc(3, 14)));
        assert_eq!(index.locate_key("/tables/0/name"), Some(loc(3, 6)));
        assert_eq!(index.locate("/tables/0/x~0y~1z"), Some(loc(3, 31)));
        assert_eq!(index.locate("/tables/1"), Some(loc(4, 5)));
        // A missing member falls back to its parent.
        assert_eq!(index.locate("/tables/0/id"), Some(loc(3, 5)));
        assert_eq!(index.get("/tables/0/id"), None);
    }

    #[test]
    fn columns_count_characters() {
        let text = "{\"é→😀\": \"ü\", \"k\": 2}";
        let index = SpanIndex::build(text);
        assert_eq!(index.locate("/é→😀"), Some(loc(1, 9)));
        assert_eq!(index.locate("/k"), Some(loc(1, 19)));
        assert_eq!(location_at(text, text.find('2').unwrap_or(0)), loc(1, 19));
    }

    #[test]
    fn decodes_escaped_keys() {
        let text = r#"{"a\u00e9\ud83d\ude00\n\"": 1, "\ud800x": 2, "\u12": 3}"#;
        let index = SpanIndex::build(text);
        assert!(index.get("/aé😀\n\"").is_some());
        assert!(index.get("/\u{fffd}x").is_some());
    }

    #[test]
    fn partial_on_bad_input() {
        let index = SpanIndex::build("{\"a\": [1, 2,, 3]}");
        assert!(!index.is_complete());
        assert!(index.get("/a/1").is_some());
        assert!(index.get("/a/3").is_none());
        for text in [
            "", "{", "[", "\"", "{\"a", "{\"a\"", "{\"a\":", "}", "[1 2]", "\"\\u",
        ] {
            assert!(!SpanIndex::build(text).is_complete(), "{text:?}");
        }
        assert!(!SpanIndex::build("{} x").is_complete());
    }

    #[test]
    fn caps_depth() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let index = SpanIndex::build(&deep);
        assert!(!index.is_complete());
        assert!(index.len() <= MAX_DEPTH + 1);
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(SpanIndex::build(&ok).is_complete());
    }

    #[test]
    fn pointer_segments() {
        assert_eq!(escape_segment("a/b~c"), "a~1b~0c");
        assert_eq!(unescape_segment("a~1b~0c"), "a/b~c");
        assert_eq!(unescape_segment("~01"), "~1");
        assert_eq!(location_at("ab\ncd", 4), loc(2, 2));
        assert_eq!(location_at("ab", 99), loc(1, 3));
        assert_eq!(location_at("é", 1), loc(1, 1));
    }
}
