//! The physical design as a view of the logical one: every table, column, constraint and index
//! is borrowed from the design until a rewrite changes it, and constraint and index names are
//! kept beside their definitions. DDL generation reads the view directly; [`PTable::into_table`]
//! turns it into model types for [`physical_design`](super::physical_design).

use std::borrow::Cow;

use schemata_model::{
    CheckConstraint, Column, DataType, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint,
};

/// A constraint or index with the name it is created with.
#[derive(Debug, Clone)]
pub(crate) struct Named<'a, T: Clone> {
    /// The definition, borrowed until something in it changes.
    pub def: Cow<'a, T>,
    /// The name in the database; `None` only before names are assigned.
    pub name: Option<String>,
}

impl<'a, T: Clone> Named<'a, T> {
    fn borrowed(def: &'a T) -> Self {
        Named {
            def: Cow::Borrowed(def),
            name: None,
        }
    }

    fn owned(def: T) -> Self {
        Named {
            def: Cow::Owned(def),
            name: None,
        }
    }
}

/// Give a column another type. A column still borrowed from the design is copied without its
/// old type, which for an enum is a list of values that would be dropped at once.
pub(crate) fn set_column_type(col: &mut Cow<'_, Column>, data_type: DataType) {
    match col {
        Cow::Owned(c) => c.data_type = data_type,
        Cow::Borrowed(c) => {
            *col = Cow::Owned(Column {
                id: c.id.clone(),
                name: c.name.clone(),
                data_type,
                nullable: c.nullable,
                default: c.default.clone(),
                identity: c.identity,
                generated: c.generated.clone(),
                comment: c.comment.clone(),
                distinct: c.distinct,
                skew: c.skew,
            });
        }
    }
}

/// One table of the physical design.
#[derive(Debug, Clone)]
pub(crate) struct PTable<'a> {
    /// The design's table (or the junction table built for a relationship), for what the
    /// physical design never changes (functional dependencies, scale).
    base: Cow<'a, Table>,
    pub id: Cow<'a, str>,
    pub name: Cow<'a, str>,
    pub schema: Option<Cow<'a, str>>,
    pub comment: Option<Cow<'a, str>>,
    pub columns: Vec<Cow<'a, Column>>,
    pub primary_key: Option<Named<'a, PrimaryKey>>,
    pub uniques: Vec<Named<'a, UniqueConstraint>>,
    pub checks: Vec<Named<'a, CheckConstraint>>,
    pub foreign_keys: Vec<Named<'a, ForeignKey>>,
    pub indexes: Vec<Named<'a, Index>>,
}

impl<'a> PTable<'a> {
    /// A view of a table of the design.
    pub fn borrowed(t: &'a Table) -> Self {
        PTable {
            base: Cow::Borrowed(t),
            id: Cow::Borrowed(&t.id),
            name: Cow::Borrowed(&t.name),
            schema: t.schema.as_deref().map(Cow::Borrowed),
            comment: t.comment.as_deref().map(Cow::Borrowed),
            columns: t.columns.iter().map(Cow::Borrowed).collect(),
            primary_key: t.primary_key.as_ref().map(Named::borrowed),
            uniques: t.uniques.iter().map(Named::borrowed).collect(),
            checks: t.checks.iter().map(Named::borrowed).collect(),
            foreign_keys: t.foreign_keys.iter().map(Named::borrowed).collect(),
            indexes: t.indexes.iter().map(Named::borrowed).collect(),
        }
    }

    /// A table that is not in the design (a junction table).
    pub fn owned(mut t: Table) -> Self {
        PTable {
            id: Cow::Owned(std::mem::take(&mut t.id)),
            name: Cow::Owned(std::mem::take(&mut t.name)),
            schema: t.schema.take().map(Cow::Owned),
            comment: t.comment.take().map(Cow::Owned),
            columns: t.columns.drain(..).map(Cow::Owned).collect(),
            primary_key: t.primary_key.take().map(Named::owned),
            uniques: t.uniques.drain(..).map(Named::owned).collect(),
            checks: t.checks.drain(..).map(Named::owned).collect(),
            foreign_keys: t.foreign_keys.drain(..).map(Named::owned).collect(),
            indexes: t.indexes.drain(..).map(Named::owned).collect(),
            base: Cow::Owned(t),
        }
    }

    /// The design's table this one stands for (or the junction table built for a
    /// relationship), as the design has it.
    pub fn base(&self) -> &Table {
        &self.base
    }

    /// The column with this id.
    pub fn column(&self, id: &str) -> Option<&Column> {
        self.column_index(id).map(|ci| &*self.columns[ci])
    }

    /// Position of the column with this id.
    pub fn column_index(&self, id: &str) -> Option<usize> {
        // Ids are short: comparing the length and the first byte rules out most columns
        // without a call to compare the bytes.
        let first = id.as_bytes().first();
        self.columns
            .iter()
            .position(|c| c.id.len() == id.len() && c.id.as_bytes().first() == first && c.id == id)
    }

    /// Name of the column with this id, or the id itself when it is dangling.
    pub fn column_name<'s>(&'s self, id: &'s str) -> &'s str {
        self.column(id).map_or(id, |c| c.name.as_str())
    }

    /// Primary-key column ids (empty when the table has no primary key).
    pub fn primary_key_columns(&self) -> &[String] {
        self.primary_key
            .as_ref()
            .map_or(&[], |pk| pk.def.columns.as_slice())
    }

    /// The table as a model table, names filled in.
    pub fn into_table(self) -> Table {
        fn named<T: Clone>(
            items: Vec<Named<'_, T>>,
            set: impl Fn(&mut T, Option<String>),
        ) -> Vec<T> {
            items
                .into_iter()
                .map(|n| {
                    let mut def = n.def.into_owned();
                    set(&mut def, n.name);
                    def
                })
                .collect()
        }
        let mut t = self.base.into_owned();
        t.id = self.id.into_owned();
        t.name = self.name.into_owned();
        t.schema = self.schema.map(Cow::into_owned);
        t.comment = self.comment.map(Cow::into_owned);
        t.columns = self.columns.into_iter().map(Cow::into_owned).collect();
        t.primary_key = self.primary_key.map(|n| {
            let mut pk = n.def.into_owned();
            pk.name = n.name;
            pk
        });
        t.uniques = named(self.uniques, |u, n| u.name = n);
        t.checks = named(self.checks, |c, n| c.name = n);
        t.foreign_keys = named(self.foreign_keys, |f, n| f.name = n);
        t.indexes = named(self.indexes, |i, n| i.name = n);
        t
    }
}
