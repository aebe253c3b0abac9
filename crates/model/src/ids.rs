//! Filling in the ids a hand-written design file leaves out.
//!
//! Tables and columns take their name as id, enums and domains their name; unique constraints, checks,
//! foreign keys, indexes and functional dependencies take their position in their table (`uq1`,
//! `ck1`, `fk1`, `ix1`, `fd1`),
//! relationships and subject areas their position in the design (`rel1`, `area1`). Positions are
//! 1-based. A filled id never repeats an id already present in its scope: on a clash it gets a
//! suffix (`_2`, `_3`, ...). Ids that are present are never changed.

use std::collections::HashSet;

use crate::design::Design;

/// Give every entity without an id one, as described in the module documentation.
pub fn fill_missing_ids(design: &mut Design) {
    let mut taken = Taken::from(design.tables.iter().map(|t| t.id.as_str()));
    for (i, t) in design.tables.iter_mut().enumerate() {
        if t.id.is_empty() {
            t.id = taken.claim(&t.name, "table", i);
        }
    }
    for table in &mut design.tables {
        let mut taken = Taken::from(table.columns.iter().map(|c| c.id.as_str()));
        for (i, c) in table.columns.iter_mut().enumerate() {
            if c.id.is_empty() {
                c.id = taken.claim(&c.name, "column", i);
            }
        }
        // Constraints and indexes of one table share one scope of ids.
        let mut taken = Taken::from(
            (table.uniques.iter().map(|u| u.id.as_str()))
                .chain(table.checks.iter().map(|c| c.id.as_str()))
                .chain(table.foreign_keys.iter().map(|f| f.id.as_str()))
                .chain(table.indexes.iter().map(|x| x.id.as_str())),
        );
        for (i, u) in table.uniques.iter_mut().enumerate() {
            if u.id.is_empty() {
                u.id = taken.claim("", "uq", i);
            }
        }
        for (i, c) in table.checks.iter_mut().enumerate() {
            if c.id.is_empty() {
                c.id = taken.claim("", "ck", i);
            }
        }
        for (i, f) in table.foreign_keys.iter_mut().enumerate() {
            if f.id.is_empty() {
                f.id = taken.claim("", "fk", i);
            }
        }
        for (i, x) in table.indexes.iter_mut().enumerate() {
            if x.id.is_empty() {
                x.id = taken.claim("", "ix", i);
            }
        }
        let mut taken = Taken::from(table.functional_dependencies.iter().map(|f| f.id.as_str()));
        for (i, f) in table.functional_dependencies.iter_mut().enumerate() {
            if f.id.is_empty() {
                f.id = taken.claim("", "fd", i);
            }
        }
    }
    let mut taken = Taken::from(design.enums.iter().map(|e| e.id.as_str()));
    for (i, e) in design.enums.iter_mut().enumerate() {
        if e.id.is_empty() {
            e.id = taken.claim(&e.name, "enum", i);
        }
    }
    let mut taken = Taken::from(design.domains.iter().map(|d| d.id.as_str()));
    for (i, d) in design.domains.iter_mut().enumerate() {
        if d.id.is_empty() {
            d.id = taken.claim(&d.name, "domain", i);
        }
    }
    let mut taken = Taken::from(design.relationships.iter().map(|r| r.id.as_str()));
    for (i, r) in design.relationships.iter_mut().enumerate() {
        if r.id.is_empty() {
            r.id = taken.claim("", "rel", i);
        }
    }
    let mut taken = Taken::from(design.layout.areas.iter().map(|a| a.id.as_str()));
    for (i, a) in design.layout.areas.iter_mut().enumerate() {
        if a.id.is_empty() {
            a.id = taken.claim("", "area", i);
        }
    }
    let mut taken = Taken::from(design.worksheet.patterns.iter().map(|p| p.id.as_str()));
    for (i, p) in design.worksheet.patterns.iter_mut().enumerate() {
        if p.id.is_empty() {
            p.id = taken.claim(&p.name, "pattern", i);
        }
    }
}

/// Ids in use in one scope.
struct Taken(HashSet<String>);

impl Taken {
    fn from<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        Taken(
            ids.filter(|id| !id.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }

    /// A free id: `name` when given, else `prefix` and the 1-based position `index + 1`.
    fn claim(&mut self, name: &str, prefix: &str, index: usize) -> String {
        let base = if name.is_empty() {
            format!("{prefix}{}", index + 1)
        } else {
            name.to_string()
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design(json: serde_json::Value) -> Design {
        serde_json::from_value(json).unwrap_or_default()
    }

    #[test]
    fn fills_from_names_and_positions() {
        let mut d = design(serde_json::json!({
            "format": 1,
            "enums": [{"name": "mood", "values": ["ok"]}],
            "tables": [
                {"name": "users", "columns": [{"name": "id", "type": "bigint"}, {"id": "c9", "name": "email", "type": "text"}],
                 "uniques": [{"columns": ["c9"]}, {"id": "uq2", "columns": ["id"]}, {"columns": ["id"]}],
                 "checks": [{"expr": "1 = 1"}],
                 "foreign_keys": [{"columns": ["id"], "references": "users"}],
                 "indexes": [{"parts": [{"column": "c9"}]}, {"parts": []}],
                 "functional_dependencies": [{"lhs": ["c9"], "rhs": ["id"]}]},
                {"name": "users", "columns": []},
                {"id": "users_2", "name": "x", "columns": []},
                {"name": "", "columns": []}
            ],
            "relationships": [{"cardinality": "one_to_many", "from": "users", "to": "users"}],
            "layout": {"areas": [{"name": "core", "tables": ["users"]}]}
        }));
        fill_missing_ids(&mut d);
        let ids: Vec<&str> = d.tables.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["users", "users_3", "users_2", "table4"]);
        let t = &d.tables[0];
        assert_eq!(t.columns[0].id, "id");
        assert_eq!(t.columns[1].id, "c9");
        let uq: Vec<&str> = t.uniques.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(uq, ["uq1", "uq2", "uq3"]);
        assert_eq!(t.checks[0].id, "ck1");
        assert_eq!(t.foreign_keys[0].id, "fk1");
        assert_eq!(t.indexes[1].id, "ix2");
        assert_eq!(t.functional_dependencies[0].id, "fd1");
        assert_eq!(d.enums[0].id, "mood");
        assert_eq!(d.relationships[0].id, "rel1");
        assert_eq!(d.layout.areas[0].id, "area1");
    }

    #[test]
    fn keeps_present_ids() {
        let mut d = design(serde_json::json!({
            "format": 1,
            "tables": [{"id": "t1", "name": "users", "columns": [{"id": "k", "name": "id", "type": "bigint"}]}]
        }));
        let before = d.clone();
        fill_missing_ids(&mut d);
        assert_eq!(d, before);
    }
}
