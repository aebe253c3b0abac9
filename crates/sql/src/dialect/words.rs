//! Word look-ups and small text helpers shared by the dialects: reserved-word sets, a fast
//! deterministic hasher, string literals and decimal digits.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A set of words for the reserved-word look-up done on every identifier written: the words
/// are grouped by first letter and length, so most identifiers are told apart from every word
/// without hashing, and the rest are compared with the one or two words of their group.
pub(crate) struct WordSet {
    /// Words starting with an ASCII letter and shorter than 32 bytes, ordered by group.
    grouped: Vec<&'static str>,
    /// For each first letter `a`..`z` and length: the range of its group in `grouped`.
    groups: Vec<[(usize, usize); 32]>,
    /// The other words.
    others: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    /// Length of the longest word: a longer one (most constraint and index names) is in no
    /// group.
    longest: usize,
}

impl WordSet {
    pub(crate) fn new(words: &[&'static str]) -> Self {
        let mut grouped: Vec<(usize, usize, &'static str)> = Vec::new();
        let mut others = HashSet::default();
        for &w in words {
            match Self::shape(w) {
                Some((letter, len)) => grouped.push((letter, len, w)),
                None => {
                    others.insert(w);
                }
            }
        }
        grouped.sort_unstable();
        let mut groups = vec![[(0usize, 0usize); 32]; 26];
        for (i, &(letter, len, _)) in grouped.iter().enumerate() {
            let range = &mut groups[letter][len];
            if range.1 == 0 {
                range.0 = i;
            }
            range.1 = i + 1;
        }
        WordSet {
            grouped: grouped.into_iter().map(|(_, _, w)| w).collect(),
            groups,
            others,
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
        }
    }

    /// First letter (`a` = 0) and length of a word, when it starts with an ASCII letter and is
    /// shorter than 32 bytes.
    fn shape(word: &str) -> Option<(usize, usize)> {
        let first = word.bytes().next()?.to_ascii_lowercase();
        (first.is_ascii_lowercase() && word.len() < 32)
            .then(|| (usize::from(first - b'a'), word.len()))
    }

    /// Whether `word`, compared case-insensitively (ASCII), is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        if word.len() > self.longest {
            return false;
        }
        match Self::shape(word) {
            Some((letter, len)) => {
                let (start, end) = self.groups[letter][len];
                self.grouped[start..end]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(word))
            }
            None if self.others.is_empty() => false,
            None if word.bytes().any(|b| b.is_ascii_uppercase()) => {
                self.others.contains(word.to_ascii_lowercase().as_str())
            }
            None => self.others.contains(word),
        }
    }
}

/// FNV-1a: fast on the short keys used here, and deterministic.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// `s` in single quotes, quotes doubled, and backslashes doubled when `backslash` is set.
pub(crate) fn quote_string(s: &str, backslash: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted_string(&mut out, s, backslash);
    out
}

/// Append [`quote_string`] of `s` to `out`.
pub(crate) fn push_quoted_string(out: &mut String, s: &str, backslash: bool) {
    let escaped = |b: u8| b == b'\'' || (backslash && b == b'\\');
    out.push('\'');
    // Both characters are ASCII, so splitting on them keeps every other character whole.
    let mut rest = s;
    while let Some(i) = rest.bytes().position(escaped) {
        out.push_str(&rest[..=i]);
        out.push_str(&rest[i..=i]);
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push('\'');
}

/// Append the decimal digits of `n`.
pub(crate) fn push_u32(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        // A digit is below 10, so the cast cannot truncate.
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits are always valid UTF-8.
    out.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_find_words_in_any_case() {
        let set = WordSet::new(&["_x", "and", "any", "order", "x1"]);
        for w in [
            "and", "AND", "Any", "order", "ORDER", "_x", "_X", "x1", "X1",
        ] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["an", "andy", "orders", "", "_y", "é", "zzz"] {
            assert!(!set.contains(w), "{w}");
        }
    }

    #[test]
    fn quotes_strings_and_digits() {
        assert_eq!(quote_string("it's", false), "'it''s'");
        assert_eq!(quote_string("a\\'b'é", true), "'a\\\\''b''é'");
        assert_eq!(quote_string("", false), "''");
        for n in [0, 7, 10, 255, 4_294_967_295] {
            let mut s = String::new();
            push_u32(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
