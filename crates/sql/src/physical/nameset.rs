//! A set of names compared case-insensitively, kept in one buffer: claiming thousands of
//! constraint and index names costs no allocation per name.

use std::hash::Hasher;

use crate::dialect::Fnv;

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

fn hash(name: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(name.as_bytes());
    h.finish()
}

impl NameSet {
    /// A set with room for about `n` names before it grows.
    pub fn with_capacity(n: usize) -> Self {
        NameSet {
            text: String::with_capacity(n * 24),
            spans: Vec::with_capacity(n),
            slots: vec![EMPTY; (n * 2).next_power_of_two().max(16)],
        }
    }

    /// Add `name` (any case); `false` when it was there already.
    pub fn insert(&mut self, name: &str) -> bool {
        if name
            .bytes()
            .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        {
            self.insert_lower(&name.to_lowercase())
        } else {
            self.insert_lower(name)
        }
    }

    fn insert_lower(&mut self, name: &str) -> bool {
        let mask = self.slots.len() - 1;
        // Truncation is fine: only the low bits pick the slot.
        let mut i = hash(name) as usize & mask;
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
            let mut i = hash(&self.text[start..end]) as usize & mask;
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
}
