//! DDL generation: a design as CREATE statements for one dialect, and the DROP statements that
//! undo them.
//!
//! The script is built from the [physical design](crate::physical): schemas (PostgreSQL), enum
//! types and domains (PostgreSQL), then each table in foreign-key dependency order followed by its comments
//! and indexes, then the foreign keys that close a cycle (`ALTER TABLE ... ADD CONSTRAINT`;
//! SQLite declares them inline instead, since it allows forward references). PostgreSQL
//! partitions are created with `CREATE TABLE ... PARTITION OF` after their parent, with only
//! what the parent does not give them added by `ALTER TABLE` and `CREATE INDEX`; the other
//! dialects create partitioned tables and partitions as plain tables (D024). Whatever a dialect
//! cannot express is written as a `-- ` note at the statement concerned and reported as a `D0xx`
//! diagnostic (see [`codes`]). Output is byte-for-byte deterministic: no timestamps, no hash-map
//! iteration order.

pub mod codes;
mod domain;
mod down;
mod index;
mod order;
mod partition;
mod quoted;
mod table;

use schemata_model::{Design, Diagnostic, DialectName, Severity, Target};
use serde::{Deserialize, Serialize};

use crate::dialect::{CommentStyle, Dialect, dialect_for};
use crate::physical::view::PTable;
use crate::physical::{self, FastMap, Physical};

/// A generated script: statements in execution order, and what the dialect could not express.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ddl {
    /// Dialect the statements are written in.
    pub dialect: DialectName,
    /// Name of the design, for the script header.
    pub design_name: String,
    /// Whether this is the script that undoes the design (DROP statements).
    pub down: bool,
    /// The statements, in execution order.
    pub statements: Vec<Statement>,
    /// `D0xx` diagnostics: what was approximated, changed or left out.
    pub diagnostics: Vec<Diagnostic>,
}

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// What the statement does.
    pub kind: StatementKind,
    /// The SQL text, without a trailing `;`. Empty for [`StatementKind::Omitted`].
    pub sql: String,
    /// Why something in this statement was changed or left out, one reason per line.
    pub note: Option<String>,
    /// Id of the table the statement belongs to, if any.
    pub table: Option<String>,
}

/// What a statement does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// `CREATE SCHEMA IF NOT EXISTS`.
    CreateSchema,
    /// `CREATE TYPE ... AS ENUM` or `CREATE DOMAIN`.
    CreateType,
    /// `CREATE TABLE`.
    CreateTable,
    /// `COMMENT ON ...`.
    Comment,
    /// `CREATE INDEX`.
    CreateIndex,
    /// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`, closing a foreign-key cycle.
    AddForeignKey,
    /// `ALTER TABLE` on a partition: a constraint or column setting its parent does not give it.
    AlterTable,
    /// `ALTER TABLE ... DROP CONSTRAINT / DROP FOREIGN KEY`.
    DropForeignKey,
    /// `DROP TABLE`.
    DropTable,
    /// `DROP TYPE` or `DROP DOMAIN`.
    DropType,
    /// A SQLite `PRAGMA` the script needs, e.g. to switch foreign keys off while dropping.
    Pragma,
    /// Nothing to execute: the note says what could not be created and why.
    Omitted,
}

impl Statement {
    /// The statement as it appears in a script: note lines as `-- ` comments, then the SQL and
    /// `;`. An omitted statement is only its note.
    pub fn to_sql(&self) -> String {
        let mut out = String::with_capacity(self.script_len());
        self.write_to(&mut out);
        out
    }

    /// Append [`Statement::to_sql`] to `out`.
    fn write_to(&self, out: &mut String) {
        let start = out.len();
        if let Some(note) = &self.note {
            for line in note.lines() {
                out.push_str("-- ");
                out.push_str(line);
                out.push('\n');
            }
        }
        if !self.sql.is_empty() {
            out.push_str(&self.sql);
            out.push(';');
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
    }

    /// An upper bound of the length of [`Statement::to_sql`].
    fn script_len(&self) -> usize {
        let note = self
            .note
            .as_ref()
            .map_or(0, |n| n.len() + 4 * (n.lines().count() + 1));
        note + self.sql.len() + 1
    }
}

impl Ddl {
    /// The whole script: a header naming the design and the dialect, then the statements
    /// separated by blank lines, ending with a newline.
    pub fn to_sql(&self) -> String {
        let dialect = dialect_for(self.dialect).display_name();
        let name = if self.design_name.trim().is_empty() {
            "(unnamed design)".to_string()
        } else {
            self.design_name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let what = if self.down { "Drop script" } else { "DDL" };
        let body: usize = self.statements.iter().map(|s| s.script_len() + 2).sum();
        let mut out = String::with_capacity(body + name.len() + 160);
        out.push_str("-- ");
        out.push_str(what);
        out.push_str(" for ");
        out.push_str(dialect);
        out.push_str("\n-- Design: ");
        out.push_str(&name);
        out.push_str(
            "\n-- Generated by Schemata from the design file; edit the design, not this script.\n",
        );
        for s in &self.statements {
            out.push('\n');
            s.write_to(&mut out);
            out.push('\n');
        }
        out
    }

    /// The executable statements (everything but omitted ones).
    pub fn executable(&self) -> impl Iterator<Item = &Statement> {
        self.statements
            .iter()
            .filter(|s| s.kind != StatementKind::Omitted)
    }
}

/// The CREATE statements of `design` for `dialect`.
pub fn generate(design: &Design, dialect: DialectName) -> Ddl {
    let d = dialect_for(dialect);
    let p = physical::build(design, d);
    let mut g = Gen::new(d, &p);
    let order = order::order(&p.tables, &g.by_id);
    g.schemas();
    g.enum_types();
    g.domain_types();
    for &ti in &order.tables {
        if let Some(parent) = g.partition_parent(ti) {
            g.create_partition(ti, parent, &order.deferred);
        } else {
            g.create_table(ti, &order.deferred);
            g.comments(ti);
        }
        g.indexes(ti);
    }
    if !d.supports_forward_references() {
        for &(ti, k) in &order.deferred {
            g.add_foreign_key(ti, k);
        }
    }
    g.finish(design)
}

/// The statements that undo [`generate`]: foreign keys closing a cycle are dropped first, then
/// the tables in reverse dependency order, then (PostgreSQL) the enum types. Schemas are left in
/// place: they may hold other objects.
pub fn generate_down(design: &Design, dialect: DialectName) -> Ddl {
    down::generate_down(design, dialect)
}

/// Statement being built: where it belongs, for attaching notes of the physical design.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    None,
    Enum(usize),
    Table(usize),
    /// A comment on table `ti` or its columns.
    Comment(usize),
    Index(usize, usize),
    /// The place of an index the physical design left out (position in its removed list).
    Removed(usize, usize),
    Fk(usize, usize),
}

/// Generation state.
pub(crate) struct Gen<'a> {
    d: &'a dyn Dialect,
    p: &'a Physical<'a>,
    /// Table index by table id.
    by_id: FastMap<&'a str, usize>,
    /// Table and column names as written.
    q: quoted::Quoted<'a>,
    statements: Vec<Statement>,
    keys: Vec<Key>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Gen<'a> {
    fn new(d: &'a dyn Dialect, p: &'a Physical<'a>) -> Self {
        let by_id = p
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_ref(), i))
            .collect();
        // Per table: CREATE TABLE, indexes and a comment or two.
        let capacity = p.tables.iter().map(|t| t.indexes.len() + 2).sum::<usize>() + 8;
        Gen {
            d,
            p,
            by_id,
            q: quoted::Quoted::new(&p.tables, d),
            statements: Vec::with_capacity(capacity),
            keys: Vec::with_capacity(capacity),
            diagnostics: Vec::new(),
        }
    }

    fn tables(&self) -> &'a [PTable<'a>] {
        &self.p.tables
    }

    /// The quoted, possibly schema-qualified name of table `ti`.
    fn table_name(&self, ti: usize) -> String {
        self.q.table(ti).to_string()
    }

    /// Append the quoted, possibly schema-qualified name of table `ti`.
    fn write_table_name(&self, out: &mut String, ti: usize) {
        out.push_str(self.q.table(ti));
    }

    fn push(&mut self, kind: StatementKind, sql: String, key: Key, notes: Vec<String>) {
        let table = match key {
            Key::Table(ti)
            | Key::Comment(ti)
            | Key::Index(ti, _)
            | Key::Removed(ti, _)
            | Key::Fk(ti, _) => Some(self.tables()[ti].id.to_string()),
            Key::None | Key::Enum(_) => None,
        };
        self.statements.push(Statement {
            kind,
            sql,
            note: (!notes.is_empty()).then(|| notes.join("\n")),
            table,
        });
        self.keys.push(key);
    }

    /// Record a limitation: a diagnostic, and a note for the statement being built.
    fn limit(
        &mut self,
        notes: &mut Vec<String>,
        code: &str,
        severity: Severity,
        message: String,
        target: Target,
        path: String,
    ) {
        notes.push(format!("{code}: {message}"));
        self.diagnostics.push(
            Diagnostic::new(code, severity, message)
                .with_target(target)
                .with_path(path),
        );
    }

    /// `'...'` string literal of a comment.
    fn comment_literal(&self, text: &str) -> String {
        self.d.string_literal(text)
    }

    fn schemas(&mut self) {
        if !self.d.supports_schemas() {
            return;
        }
        let mut seen: Vec<&str> = Vec::new();
        let p = self.p;
        let schemas = p
            .enums
            .iter()
            .filter_map(|e| e.schema.as_deref())
            .chain(p.domains.iter().filter_map(|d| d.schema.as_deref()))
            .chain(p.tables.iter().filter_map(|t| t.schema.as_deref()));
        for s in schemas {
            if s != "public" && !seen.contains(&s) {
                seen.push(s);
            }
        }
        for s in seen {
            let sql = format!("CREATE SCHEMA IF NOT EXISTS {}", self.d.quote_ident(s));
            self.push(StatementKind::CreateSchema, sql, Key::None, Vec::new());
        }
    }

    fn enum_types(&mut self) {
        if !self.d.supports_enum_type() {
            return;
        }
        for (ei, e) in self.p.enums.iter().enumerate() {
            let name = self.d.quote_qualified(e.schema.as_deref(), &e.name);
            let values: Vec<String> = e.values.iter().map(|v| self.d.string_literal(v)).collect();
            let sql = format!("CREATE TYPE {name} AS ENUM ({})", values.join(", "));
            self.push(StatementKind::CreateType, sql, Key::Enum(ei), Vec::new());
            if let Some(c) = &e.comment
                && self.d.comment_style() == CommentStyle::CommentOn
            {
                let sql = format!("COMMENT ON TYPE {name} IS {}", self.comment_literal(c));
                self.push(StatementKind::Comment, sql, Key::Enum(ei), Vec::new());
            }
        }
    }

    /// Attach the physical design's diagnostics as notes and assemble the result.
    fn finish(mut self, design: &Design) -> Ddl {
        let mut leftover: Vec<String> = Vec::new();
        // Only a design with diagnostics needs a list per statement.
        let mut attached: Vec<Vec<String>> = if self.p.diagnostics.is_empty() {
            Vec::new()
        } else {
            vec![Vec::new(); self.statements.len()]
        };
        if !self.p.diagnostics.is_empty() {
            // The first statement of each key.
            let mut first: FastMap<Key, usize> = FastMap::default();
            for (i, k) in self.keys.iter().enumerate() {
                first.entry(*k).or_insert(i);
            }
            for diag in &self.p.diagnostics {
                let key = self.key_for(diag, &first);
                let note = format!("{}: {}", diag.code, diag.message);
                match first.get(&key) {
                    Some(&i) if key != Key::None => attached[i].push(note),
                    _ => leftover.push(note),
                }
            }
        }
        // The physical design's notes come first, in the order they were found.
        for (s, mut notes) in self.statements.iter_mut().zip(attached) {
            if notes.is_empty() {
                continue;
            }
            notes.extend(s.note.take());
            s.note = Some(notes.join("\n"));
        }
        if !leftover.is_empty() {
            self.statements.insert(
                0,
                Statement {
                    kind: StatementKind::Omitted,
                    sql: String::new(),
                    note: Some(leftover.join("\n")),
                    table: None,
                },
            );
        }
        let mut diagnostics = self.p.diagnostics.clone();
        diagnostics.append(&mut self.diagnostics);
        Ddl {
            dialect: self.d.name(),
            design_name: design.name.clone(),
            down: false,
            statements: self.statements,
            diagnostics,
        }
    }

    /// The statement a physical-design diagnostic belongs to.
    fn key_for(&self, diag: &Diagnostic, first: &FastMap<Key, usize>) -> Key {
        let table_of = |id: &str| self.by_id.get(id).copied();
        match &diag.target {
            Some(Target::Index { table, index }) => match table_of(table) {
                Some(ti) => {
                    let t = &self.tables()[ti];
                    let removed = self
                        .p
                        .removed_indexes
                        .iter()
                        .position(|r| r.table == ti && r.index == *index);
                    match (t.indexes.iter().position(|ix| ix.def.id == *index), removed) {
                        (Some(k), _) => Key::Index(ti, k),
                        (None, Some(r)) => Key::Removed(ti, r),
                        (None, None) => Key::Table(ti),
                    }
                }
                None => Key::None,
            },
            Some(Target::Constraint { table, constraint }) => match table_of(table) {
                Some(ti) => {
                    let t = &self.tables()[ti];
                    match t
                        .foreign_keys
                        .iter()
                        .position(|fk| fk.def.id == *constraint)
                    {
                        Some(k) if first.contains_key(&Key::Fk(ti, k)) => Key::Fk(ti, k),
                        _ => Key::Table(ti),
                    }
                }
                None => Key::None,
            },
            Some(Target::Column { table, .. }) | Some(Target::Table { table }) => {
                table_of(table).map(Key::Table).unwrap_or(Key::None)
            }
            _ => diag
                .path
                .as_deref()
                .and_then(|p| p.strip_prefix("/enums/"))
                .and_then(|rest| rest.split('/').next())
                .and_then(|i| i.parse().ok())
                .map(Key::Enum)
                .unwrap_or(Key::None),
        }
    }
}
