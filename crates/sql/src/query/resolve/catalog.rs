//! The design's tables by name and by id, for resolving the names of many statements.

use std::collections::HashMap;

use schemata_model::{Design, Table};

/// Tables of a design by lower-cased name, built once for many statements.
pub struct Catalog<'d> {
    pub(super) design: &'d Design,
    by_name: HashMap<String, Vec<usize>>,
    by_id: HashMap<&'d str, usize>,
}

impl<'d> Catalog<'d> {
    /// Index the tables of `design`.
    pub fn new(design: &'d Design) -> Self {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(design.tables.len());
        let mut by_id = HashMap::with_capacity(design.tables.len());
        for (i, t) in design.tables.iter().enumerate() {
            by_name.entry(t.name.to_lowercase()).or_default().push(i);
            by_id.entry(t.id.as_str()).or_insert(i);
        }
        Catalog {
            design,
            by_name,
            by_id,
        }
    }

    /// The design the catalogue indexes.
    pub fn design(&self) -> &'d Design {
        self.design
    }

    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&'d Table> {
        self.by_id.get(id).map(|&i| &self.design.tables[i])
    }

    pub(super) fn find(&self, schema: Option<&str>, name: &str) -> Option<&'d Table> {
        let candidates = self.by_name.get(super::lowered(name).as_ref())?;
        let mut tables = candidates.iter().map(|&i| &self.design.tables[i]);
        match schema {
            Some(s) => tables.find(|t| {
                t.schema
                    .as_deref()
                    .is_none_or(|ts| ts.eq_ignore_ascii_case(s))
            }),
            None => tables.next(),
        }
    }
}
