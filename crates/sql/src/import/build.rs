//! The design being built by an import: tables by name, sequences and their owners, domains,
//! and the final pass that resolves references and folds sequences into identity columns.

use super::{Skipped, SourceDialect};
use schemata_model::{
    Column, DataType, DefaultValue, Design, DomainType, EnumType, Identity, Settings, Table,
};
use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};
use std::collections::{HashMap, HashSet};

/// A schema-qualified name; the default schema is `None`.
pub(crate) type QName = (Option<String>, String);

/// State of an import.
pub(crate) struct Builder {
    pub dialect: SourceDialect,
    pub design: Design,
    tables: HashMap<QName, usize>,
    /// Sequences of the file.
    pub sequences: HashSet<QName>,
    /// `ALTER SEQUENCE ... OWNED BY`: sequence → (table, column).
    pub owned: HashMap<QName, (QName, String)>,
    /// Columns whose default is `nextval` of a sequence: (table index, column index, sequence).
    pub nextval: Vec<(usize, usize, QName)>,
    /// Views and materialized views of the file.
    pub views: HashSet<QName>,
    /// Domains: name → position in the design's domains.
    domains: HashMap<QName, usize>,
    pub dropped: Vec<Skipped>,
    pub extensions: Vec<String>,
    /// Line of the statement being handled.
    pub line: usize,
}

impl Builder {
    pub fn new(dialect: SourceDialect, name: &str) -> Self {
        Builder {
            dialect,
            design: Design {
                name: name.to_string(),
                settings: Settings {
                    dialects: vec![dialect.target()],
                    ..Settings::default()
                },
                ..Design::default()
            },
            tables: HashMap::new(),
            sequences: HashSet::new(),
            owned: HashMap::new(),
            nextval: Vec::new(),
            domains: HashMap::new(),
            views: HashSet::new(),
            dropped: Vec::new(),
            extensions: Vec::new(),
            line: 0,
        }
    }

    /// Note a part of the current statement that the design does not hold.
    pub fn drop_part(&mut self, kind: impl Into<String>, reason: impl Into<String>) {
        self.dropped.push(Skipped {
            line: self.line,
            kind: kind.into(),
            reason: reason.into(),
        });
    }

    /// An identifier as the database stores it: PostgreSQL folds unquoted names to lower case.
    pub fn ident(&self, ident: &Ident) -> String {
        if self.dialect == SourceDialect::Postgres && ident.quote_style.is_none() {
            ident.value.to_lowercase()
        } else {
            ident.value.clone()
        }
    }

    /// The schema and name of `name`; PostgreSQL's `public` (and every schema in the other
    /// dialects, where it is a database or `dbo`) is the default one.
    pub fn qname(&self, name: &ObjectName) -> QName {
        let parts: Vec<String> = name
            .0
            .iter()
            .map(|p| match p {
                ObjectNamePart::Identifier(i) => self.ident(i),
                other => other.to_string(),
            })
            .collect();
        let last = parts.last().cloned().unwrap_or_default();
        let schema = if self.dialect == SourceDialect::Postgres && parts.len() >= 2 {
            Some(parts[parts.len() - 2].clone()).filter(|s| s != "public")
        } else {
            None
        };
        (schema, last)
    }

    /// Index of the table named `q`, also matching case-insensitively outside PostgreSQL.
    pub fn table_index(&self, q: &QName) -> Option<usize> {
        if let Some(&i) = self.tables.get(q) {
            return Some(i);
        }
        if self.dialect != SourceDialect::Postgres {
            return self
                .design
                .tables
                .iter()
                .position(|t| t.name.eq_ignore_ascii_case(&q.1) && t.schema == q.0);
        }
        None
    }

    /// The id a table named `q` has (or would have).
    pub fn table_id(q: &QName) -> String {
        match &q.0 {
            Some(s) => format!("{s}.{}", q.1),
            None => q.1.clone(),
        }
    }

    /// Add a table; `None` when one of that name exists already.
    pub fn add_table(&mut self, q: QName, table: Table) -> Option<usize> {
        if self.table_index(&q).is_some() {
            return None;
        }
        let i = self.design.tables.len();
        self.design.tables.push(table);
        self.tables.insert(q, i);
        Some(i)
    }

    /// Add an enum type.
    pub fn add_enum(&mut self, q: QName, values: Vec<String>) {
        let id = Builder::table_id(&q);
        if self.design.enums.iter().any(|e| e.id == id) {
            return;
        }
        self.design.enums.push(EnumType {
            id,
            name: q.1,
            schema: q.0,
            values,
            comment: None,
        });
    }

    /// Add a domain; `false` when one of that name exists already.
    pub fn add_domain(&mut self, q: QName, mut domain: DomainType) -> bool {
        if self.domains.contains_key(&q) {
            return false;
        }
        domain.id = Builder::table_id(&q);
        self.domains.insert(q, self.design.domains.len());
        self.design.domains.push(domain);
        true
    }

    /// Position of the domain named `q`.
    pub fn domain_index(&self, q: &QName) -> Option<usize> {
        self.domains.get(q).copied()
    }

    /// Whether a type written as `text` (`name` or `schema.name`, lower case) names a domain of
    /// the file.
    pub fn is_domain(&self, text: &str) -> bool {
        if self.domains.is_empty() {
            return false;
        }
        let q = match text.split_once('.') {
            Some((s, n)) => (Some(s.to_string()), n.to_string()),
            None => (None, text.to_string()),
        };
        self.domains.contains_key(&q)
            || self
                .design
                .domains
                .iter()
                .any(|d| d.schema == q.0 && d.name.eq_ignore_ascii_case(&q.1))
    }

    /// Finish: resolve sequences into identities; return the design, the dropped parts and the
    /// extensions.
    pub fn finish(mut self) -> (Design, Vec<Skipped>, Vec<String>) {
        let nextval = std::mem::take(&mut self.nextval);
        for (ti, ci, seq) in nextval {
            let known = self.sequences.contains(&seq) || self.owned.contains_key(&seq);
            let Some(column) = self
                .design
                .tables
                .get_mut(ti)
                .and_then(|t| t.columns.get_mut(ci))
            else {
                continue;
            };
            if known && column.identity.is_none() && column.data_type.is_integer() {
                column.identity = Some(Identity::ByDefault);
                column.default = None;
            }
        }
        self.resolve_references();
        for table in &mut self.design.tables {
            let pk: Vec<String> = table
                .primary_key
                .as_ref()
                .map(|p| p.columns.clone())
                .unwrap_or_default();
            for column in &mut table.columns {
                if column.identity.is_some() || pk.contains(&column.id) {
                    column.nullable = false;
                }
            }
        }
        super::partition::strip_inherited(&mut self.design);
        schemata_model::fill_missing_ids(&mut self.design);
        (self.design, self.dropped, self.extensions)
    }
}

impl Builder {
    /// Point foreign keys at the tables they name (case-insensitively outside PostgreSQL);
    /// drop, with a note, those naming a table the file does not create.
    fn resolve_references(&mut self) {
        let ids: HashMap<String, String> = self
            .design
            .tables
            .iter()
            .map(|t| (self.fold(&t.id), t.id.clone()))
            .collect();
        let mut notes = Vec::new();
        for table in &mut self.design.tables {
            table.foreign_keys.retain_mut(|fk| {
                let key = if self.dialect == SourceDialect::Postgres {
                    fk.references.clone()
                } else {
                    fk.references.to_lowercase()
                };
                match ids.get(&key) {
                    Some(id) => {
                        fk.references = id.clone();
                        true
                    }
                    None => {
                        notes.push(Skipped {
                            line: 0,
                            kind: "FOREIGN KEY".into(),
                            reason: format!(
                                "`{}` of `{}` references table `{}`, which the file does not create",
                                fk.name.as_deref().unwrap_or("(unnamed)"),
                                table.name,
                                fk.references
                            ),
                        });
                        false
                    }
                }
            });
        }
        self.dropped.extend(notes);
    }

    fn fold(&self, id: &str) -> String {
        if self.dialect == SourceDialect::Postgres {
            id.to_string()
        } else {
            id.to_lowercase()
        }
    }
}

/// A column with its name as id.
pub(crate) fn column(name: String, data_type: DataType) -> Column {
    Column {
        id: name.clone(),
        name,
        data_type,
        nullable: true,
        default: None,
        identity: None,
        generated: None,
        comment: None,
        distinct: None,
        skew: None,
    }
}

/// `nextval('seq'::regclass)` → the sequence name as written.
pub(crate) fn nextval_sequence(default: &DefaultValue) -> Option<&str> {
    let DefaultValue::Expr { expr } = default else {
        return None;
    };
    let rest = expr.trim().strip_prefix("nextval(")?;
    let start = rest.find('\'')? + 1;
    let end = start + rest[start..].find('\'')?;
    Some(&rest[start..end])
}
