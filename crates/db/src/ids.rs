//! Ids for introspected entities: the entity's name, made unique within its scope.

use std::collections::HashSet;

/// Hands out ids unique within one scope (a design's tables, or one table's constraints and
/// indexes): the name itself, or the name with `_2`, `_3`, ... appended when already taken.
#[derive(Debug, Default)]
pub(crate) struct IdScope {
    used: HashSet<String>,
}

impl IdScope {
    pub(crate) fn id(&mut self, name: &str) -> String {
        let base = if name.is_empty() { "unnamed" } else { name };
        let mut candidate = base.to_string();
        let mut n = 2;
        while !self.used.insert(candidate.clone()) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_repeats() {
        let mut s = IdScope::default();
        assert_eq!(s.id("a"), "a");
        assert_eq!(s.id("a"), "a_2");
        assert_eq!(s.id("a"), "a_3");
        assert_eq!(s.id(""), "unnamed");
    }
}
