//! A set of names compared case-insensitively, kept in one buffer: claiming thousands of
//! constraint and index names costs no allocation per name.

/// Names already used, lower-cased (Unicode lower case, as [`str::to_lowercase`]).
#[derive(Debug, Default)]
pub(super) struct NameSet {
    /// Every name, one after the other.
    text: String,
    /// `(start, end)` of each name in `text`.
    spans: Vec<(usize, usize)>,
    /// Open-addressing table of indexes into `spans`; `EMPTY` marks a free slot. Its length is a
    /// power of two, at least twice the number of names.
    slots: Vec<usize>,
}

const EMPTY: usize = usize::MAX;

/// Repeated in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `name`, eight bytes at a time (the last word padded with zero bytes).
fn words(name: &str) -> impl Iterator<Item = u64> + '_ {
    let chunks = name.as_bytes().chunks_exact(8);
    let rest = chunks.remainder();
    let last = (!rest.is_empty()).then(|| {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        u64::from_le_bytes(w)
    });
    chunks
        .map(|c| {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            u64::from_le_bytes(w)
        })
        .chain(last)
}

/// Whether the word has an upper-case ASCII letter or a byte that is not ASCII.
fn needs_lowering(w: u64) -> bool {
    if w & HIGH != 0 {
        return true;
    }
    // Every byte is below 0x80, so no addition carries into the next byte: a byte's high bit
    // is set after adding 0x3f when it is at least `A`, after adding 0x25 when it is past `Z`.
    (w + 0x3f * ONES) & !(w + 0x25 * ONES) & HIGH != 0
}

/// A word-at-a-time multiplicative hash: names are hashed once each, and most are longer than
/// a word.
fn hash(name: &str) -> u64 {
    words(name).fold(name.len() as u64, mix)
}

fn mix(h: u64, w: u64) -> u64 {
    (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The first slot to try for `hash` in a table of `len` slots (a power of two): the top bits,
/// which the last multiplication mixed from every bit of the name.
fn first_slot(hash: u64, len: usize) -> usize {
    // The shift leaves fewer bits than `len` has, so the cast cannot truncate.
    (hash >> (64 - len.trailing_zeros())) as usize
}

impl NameSet {
    /// A set with room for about `n` names before it grows.
    pub fn with_capacity(n: usize) -> Self {
        NameSet {
            text: String::with_capacity(n * 32),
            spans: Vec::with_capacity(n),
            slots: vec![EMPTY; (n * 2).next_power_of_two().max(16)],
        }
    }

    /// Add `name` (any case); `false` when it was there already.
    pub fn insert(&mut self, name: &str) -> bool {
        // Hashed in the same pass that looks for upper case, which most names do not have.
        let mut h = name.len() as u64;
        for w in words(name) {
            if needs_lowering(w) {
                let lower = name.to_lowercase();
                return self.insert_lower(&lower, hash(&lower));
            }
            h = mix(h, w);
        }
        self.insert_lower(name, h)
    }

    fn insert_lower(&mut self, name: &str, hash: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = first_slot(hash, self.slots.len());
        loop {
            match self.slots[i] {
                EMPTY => break,
                k => {
                    let (start, end) = self.spans[k];
                    if &self.text[start..end] == name {
                        return false;
                    }
                }
            }
            i = (i + 1) & mask;
        }
        let start = self.text.len();
        self.text.push_str(name);
        self.slots[i] = self.spans.len();
        self.spans.push((start, self.text.len()));
        if self.spans.len() * 2 > self.slots.len() {
            self.grow();
        }
        true
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let mask = size - 1;
        let mut slots = vec![EMPTY; size];
        for (k, &(start, end)) in self.spans.iter().enumerate() {
            let mut i = first_slot(hash(&self.text[start..end]), size);
            while slots[i] != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = k;
        }
        self.slots = slots;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_ignoring_case() {
        let mut set = NameSet::with_capacity(1);
        assert!(set.insert("orders"));
        assert!(!set.insert("orders"));
        assert!(!set.insert("Orders"));
        assert!(set.insert("ÉTÉ"));
        assert!(!set.insert("été"));
        for i in 0..1000 {
            assert!(set.insert(&format!("ix_{i}")), "{i}");
        }
        for i in 0..1000 {
            assert!(!set.insert(&format!("IX_{i}")), "{i}");
        }
        assert!(set.insert("ix_1000"));
    }

    #[test]
    fn finds_upper_case_and_non_ascii_bytes_in_a_word() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = *b"ix_abc_9";
                w[at] = b;
                let expected = b.is_ascii_uppercase() || !b.is_ascii();
                assert_eq!(
                    needs_lowering(u64::from_le_bytes(w)),
                    expected,
                    "{b} at {at}"
                );
            }
        }
    }
}
