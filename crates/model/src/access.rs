//! Look-ups by id and by name.

use crate::design::{Column, Design, ForeignKey, Table};

impl Design {
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }
    pub fn table_mut(&mut self, id: &str) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| t.id == id)
    }
    pub fn table_by_name(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

impl Table {
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.id == id)
    }
    pub fn column_mut(&mut self, id: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.id == id)
    }
    pub fn column_by_name(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    /// Name of the column with this id, or the id itself when it is dangling.
    pub fn column_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.column(id).map(|c| c.name.as_str()).unwrap_or(id)
    }
    /// Names of the columns with these ids.
    pub fn column_names<'a>(&'a self, ids: &'a [String]) -> Vec<&'a str> {
        ids.iter().map(|id| self.column_name(id)).collect()
    }
    /// Primary-key column ids (empty when the table has no primary key).
    pub fn primary_key_columns(&self) -> &[String] {
        self.primary_key
            .as_ref()
            .map(|pk| pk.columns.as_slice())
            .unwrap_or(&[])
    }
}

impl ForeignKey {
    /// The referenced column ids: the explicit list, or the referenced table's primary key.
    pub fn target_columns<'a>(&'a self, design: &'a Design) -> &'a [String] {
        if !self.referenced_columns.is_empty() {
            return &self.referenced_columns;
        }
        design
            .table(&self.references)
            .map(|t| t.primary_key_columns())
            .unwrap_or(&[])
    }
}
