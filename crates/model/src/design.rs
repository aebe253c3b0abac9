//! The design document: what a `*.schemata.json` file holds.
//!
//! Every entity carries a stable `id`. References between entities (a foreign key's columns, an
//! index's columns, a layout entry) use ids, never names, so renaming a table or a column changes
//! exactly one line of the file. When a hand-written file leaves an `id` out, the loader fills it in
//! from the entity's name (tables, columns) or from its position (constraints, indexes).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

pub use crate::domain::DomainType;
use crate::partition::{PartitionBy, PartitionOf};
use crate::types::DataType;
use crate::worksheet::Worksheet;

/// Current version of the file format. Bumped only with a migration path for older files.
pub const FORMAT_VERSION: u32 = 1;

/// A whole design: tables, relationships, settings and the diagram layout beside them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Design {
    /// Path or URL of the JSON Schema that describes this file, for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, rename = "$schema")]
    pub schema: Option<String>,
    /// File format version; this build reads and writes version 1.
    pub format: u32,
    /// Human title of the design.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub name: String,
    /// Free text describing what the design is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    /// Design-level settings: target dialects, naming convention.
    #[serde(default)]
    pub settings: Settings,
    /// Named enumerated types that columns may use by name (PostgreSQL `CREATE TYPE ... AS ENUM`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub enums: Vec<EnumType>,
    /// Domains: named types over a base type with a default and constraints (PostgreSQL
    /// `CREATE DOMAIN`), used by columns by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub domains: Vec<DomainType>,
    /// The tables, in the order the user keeps them.
    #[serde(default)]
    pub tables: Vec<Table>,
    /// Relationships with a cardinality; many-to-many ones become junction tables in DDL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub relationships: Vec<Relationship>,
    /// Diagram layout, keyed by entity id. Never read by analyses or DDL generation.
    #[serde(default, skip_serializing_if = "Layout::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub layout: Layout,
    /// Access patterns: the queries the design must serve, with their rates.
    #[serde(default, skip_serializing_if = "Worksheet::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub worksheet: Worksheet,
}

impl Default for Design {
    fn default() -> Self {
        Design {
            schema: None,
            format: FORMAT_VERSION,
            name: String::new(),
            description: None,
            settings: Settings::default(),
            enums: Vec::new(),
            domains: Vec::new(),
            tables: Vec::new(),
            relationships: Vec::new(),
            layout: Layout::default(),
            worksheet: Worksheet::default(),
        }
    }
}

/// SQL dialects that DDL can be generated for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum DialectName {
    /// PostgreSQL 15 or newer.
    Postgres,
    /// MySQL 8 (and MariaDB 10.11 for the subset they share).
    Mysql,
    /// SQLite 3.
    Sqlite,
}

impl DialectName {
    pub const ALL: [DialectName; 3] = [
        DialectName::Postgres,
        DialectName::Mysql,
        DialectName::Sqlite,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DialectName::Postgres => "postgres",
            DialectName::Mysql => "mysql",
            DialectName::Sqlite => "sqlite",
        }
    }

    /// Longest identifier the dialect accepts, in bytes.
    pub fn max_identifier_len(self) -> usize {
        match self {
            DialectName::Postgres => 63,
            DialectName::Mysql => 64,
            // SQLite has no limit; keep names portable to the strictest target.
            DialectName::Sqlite => 1024,
        }
    }
}

impl std::str::FromStr for DialectName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" | "pg" => Ok(DialectName::Postgres),
            "mysql" | "mariadb" => Ok(DialectName::Mysql),
            "sqlite" | "sqlite3" => Ok(DialectName::Sqlite),
            other => Err(format!(
                "unknown dialect `{other}` (expected postgres, mysql or sqlite)"
            )),
        }
    }
}

impl std::fmt::Display for DialectName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Design-level settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Settings {
    /// Dialects the design targets; identifiers are checked against the strictest of them.
    #[serde(default = "default_dialects")]
    pub dialects: Vec<DialectName>,
    /// Naming convention used by `check`, by the fix mode and for derived constraint names.
    #[serde(default)]
    pub naming: NamingConvention,
    /// Rule configuration: severity by diagnostic code (`"off"` disables a rule).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub rules: BTreeMap<String, RuleLevel>,
    /// The distributed engine and shard count the shard advisor plans for; when present the
    /// sharding rules run in `check` and the score has a sharding group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sharding: Option<Sharding>,
}

/// Settings of the shard advisor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Sharding {
    /// The engine the plan and its DDL are for.
    #[serde(default)]
    pub engine: ShardEngine,
    /// Number of shards the data is spread over.
    #[serde(default = "default_shards")]
    pub shards: u32,
}

/// Shard count when the design does not give one (Citus' default `citus.shard_count`).
pub const DEFAULT_SHARDS: u32 = 32;

fn default_shards() -> u32 {
    DEFAULT_SHARDS
}

impl Default for Sharding {
    fn default() -> Self {
        Sharding {
            engine: ShardEngine::Citus,
            shards: DEFAULT_SHARDS,
        }
    }
}

/// A distributed database engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ShardEngine {
    /// Citus, distributed PostgreSQL.
    #[default]
    Citus,
    /// Vitess, sharded MySQL.
    Vitess,
}

impl ShardEngine {
    /// The spelling in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ShardEngine::Citus => "citus",
            ShardEngine::Vitess => "vitess",
        }
    }
}

fn default_dialects() -> Vec<DialectName> {
    vec![DialectName::Postgres]
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dialects: default_dialects(),
            naming: NamingConvention::default(),
            rules: BTreeMap::new(),
            sharding: None,
        }
    }
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum RuleLevel {
    Off,
    Info,
    Warning,
    Error,
}

/// How names are formed. Templates use `{table}`, `{referenced}`, `{referenced_singular}`,
/// `{columns}` (column names joined by `_`) and `{what}` (a short description, e.g. a column name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(default)]
#[ts(export)]
pub struct NamingConvention {
    /// Case and number of table names.
    pub tables: TableNaming,
    /// Case of column names (always singular).
    pub columns: ColumnNaming,
    /// Name of a single-column surrogate primary key.
    pub primary_key_column: String,
    /// Template of a foreign-key column name.
    pub foreign_key_column: String,
    /// Template of primary-key constraint names.
    pub primary_key: String,
    /// Template of foreign-key constraint names.
    pub foreign_key: String,
    /// Template of unique constraint names.
    pub unique: String,
    /// Template of index names.
    pub index: String,
    /// Template of CHECK constraint names.
    pub check: String,
    /// Template of junction table names for many-to-many relationships.
    pub junction_table: String,
}

impl Default for NamingConvention {
    fn default() -> Self {
        NamingConvention {
            tables: TableNaming::PluralSnakeCase,
            columns: ColumnNaming::SnakeCase,
            primary_key_column: "id".into(),
            foreign_key_column: "{referenced_singular}_id".into(),
            primary_key: "pk_{table}".into(),
            foreign_key: "fk_{table}_{referenced}".into(),
            unique: "uq_{table}_{columns}".into(),
            index: "ix_{table}_{columns}".into(),
            check: "ck_{table}_{what}".into(),
            junction_table: "{from}_{to}".into(),
        }
    }
}

/// Case and number rule for table names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TableNaming {
    /// `order_items`
    PluralSnakeCase,
    /// `order_item`
    SingularSnakeCase,
    /// No rule for tables.
    Any,
}

/// Case rule for column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ColumnNaming {
    /// `created_at`
    SnakeCase,
    /// No rule for columns.
    Any,
}

/// A named enumerated type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct EnumType {
    #[serde(default)]
    pub id: String,
    pub name: String,
    /// Database schema (namespace) the type lives in, when not the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schema: Option<String>,
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<String>,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Table {
    /// Stable identifier, unique in the design.
    #[serde(default)]
    pub id: String,
    pub name: String,
    /// Database schema (namespace), when not the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schema: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<String>,
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub primary_key: Option<PrimaryKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub uniques: Vec<UniqueConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub checks: Vec<CheckConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub foreign_keys: Vec<ForeignKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub indexes: Vec<Index>,
    /// Functional dependencies `X -> Y` declared by the designer, beyond those that keys and
    /// unique constraints imply (those are derived, never written here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub functional_dependencies: Vec<FunctionalDependency>,
    /// Expected size, for the advisors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scale: Option<Scale>,
    /// Declarative partitioning: how this (partitioned) table splits its rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partition_by: Option<PartitionBy>,
    /// The table this one is a partition of, with its bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub partition_of: Option<PartitionOf>,
}

/// Scale notes for a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Scale {
    /// Expected number of rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub rows: Option<u64>,
    /// Expected new rows per day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub growth_per_day: Option<u64>,
    /// Free-text notes (retention, seasonality, hot keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notes: Option<String>,
}

/// A functional dependency between columns of one table: the `lhs` columns determine the
/// `rhs` columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct FunctionalDependency {
    #[serde(default)]
    pub id: String,
    /// Determinant column ids.
    pub lhs: Vec<String>,
    /// Dependent column ids.
    pub rhs: Vec<String>,
    /// Why the dependency holds (a business rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// A column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Column {
    /// Stable identifier, unique within its table.
    #[serde(default)]
    pub id: String,
    pub name: String,
    /// Logical type, e.g. `bigint`, `decimal(12,2)`, `varchar(255)`, `enum('a','b')`, `text[]`.
    #[serde(rename = "type")]
    pub data_type: DataType,
    /// Whether NULL is allowed. Columns are NOT NULL unless this says true.
    #[serde(default, skip_serializing_if = "is_false")]
    #[ts(as = "Option<_>", optional)]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub default: Option<DefaultValue>,
    /// Identity (auto-generated key) column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub identity: Option<Identity>,
    /// Generated (computed) column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub generated: Option<Generated>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<String>,
    /// Expected number of distinct values, for selectivity estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub distinct: Option<u64>,
    /// Share of the rows or traffic that the most common value owns, from 0 to 1 (one tenant
    /// holding 30% of the rows is `0.3`). The shard advisor treats a distribution key whose
    /// skew exceeds one shard's fair share as a hot spot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub skew: Option<f64>,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

/// A column default: a literal value (`0`, `"pending"`, `true`) or a SQL expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum DefaultValue {
    /// A SQL expression, written as the target dialect expects it, e.g. `{"expr": "CURRENT_TIMESTAMP"}`.
    Expr { expr: String },
    /// A literal: a string, a number or a boolean.
    Literal(Literal),
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum Literal {
    Bool(bool),
    Number(#[ts(type = "number")] serde_json::Number),
    String(String),
}

/// Identity generation for a key column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Identity {
    /// `GENERATED ALWAYS AS IDENTITY`: the database always assigns the value.
    Always,
    /// `GENERATED BY DEFAULT AS IDENTITY` (or serial / AUTO_INCREMENT): assigned unless given.
    ByDefault,
}

/// A generated (computed) column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Generated {
    /// The SQL expression computing the value.
    pub expr: String,
    /// Stored on disk (true) or computed on read (false; not every dialect supports it).
    #[serde(default = "default_true")]
    pub stored: bool,
}

fn default_true() -> bool {
    true
}

/// The primary key of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct PrimaryKey {
    /// Constraint name; derived from the naming convention when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// Column ids, in key order.
    pub columns: Vec<String>,
}

/// A UNIQUE constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct UniqueConstraint {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// Column ids.
    pub columns: Vec<String>,
    /// PostgreSQL 15 `NULLS NOT DISTINCT`.
    #[serde(default, skip_serializing_if = "is_false")]
    #[ts(as = "Option<_>", optional)]
    pub nulls_not_distinct: bool,
}

/// A CHECK constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CheckConstraint {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// The boolean SQL expression, e.g. `price >= 0`.
    pub expr: String,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ForeignKey {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// Referencing column ids of this table, in order.
    pub columns: Vec<String>,
    /// Referenced table id.
    pub references: String,
    /// Referenced column ids, in the same order; the referenced primary key when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub referenced_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    #[ts(as = "Option<_>", optional)]
    pub on_delete: FkAction,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    #[ts(as = "Option<_>", optional)]
    pub on_update: FkAction,
    #[serde(default, skip_serializing_if = "Deferrable::is_default")]
    #[ts(as = "Option<_>", optional)]
    pub deferrable: Deferrable,
}

/// Referential action.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn is_default(&self) -> bool {
        *self == FkAction::NoAction
    }
    pub fn sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

/// Deferrability of a constraint check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Deferrable {
    /// Checked at the end of each statement.
    #[default]
    No,
    /// `DEFERRABLE INITIALLY IMMEDIATE`.
    InitiallyImmediate,
    /// `DEFERRABLE INITIALLY DEFERRED`: checked at commit.
    InitiallyDeferred,
}

impl Deferrable {
    pub fn is_default(&self) -> bool {
        *self == Deferrable::No
    }
}

/// An index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Index {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    /// Key parts in order: columns (with direction) or expressions.
    pub parts: Vec<IndexPart>,
    #[serde(default, skip_serializing_if = "is_false")]
    #[ts(as = "Option<_>", optional)]
    pub unique: bool,
    #[serde(default, skip_serializing_if = "IndexMethod::is_default")]
    #[ts(as = "Option<_>", optional)]
    pub method: IndexMethod,
    /// Non-key columns carried in the index (covering index), as column ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub include: Vec<String>,
    /// Partial index predicate (SQL expression).
    #[serde(rename = "where", default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, rename = "where")]
    pub predicate: Option<String>,
}

/// One key part of an index: a column or an expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct IndexPart {
    /// Column id; exactly one of `column` and `expr` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    /// SQL expression, e.g. `lower(email)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expr: Option<String>,
    #[serde(default, skip_serializing_if = "SortOrder::is_default")]
    #[ts(as = "Option<_>", optional)]
    pub order: SortOrder,
    /// Where NULLs sort, when not the dialect's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub nulls: Option<NullsOrder>,
    /// Operator class (PostgreSQL), e.g. `text_pattern_ops`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub opclass: Option<String>,
}

impl IndexPart {
    pub fn column(id: impl Into<String>) -> Self {
        IndexPart {
            column: Some(id.into()),
            expr: None,
            order: SortOrder::Asc,
            nulls: None,
            opclass: None,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SortOrder {
    #[default]
    Asc,
    Desc,
}

impl SortOrder {
    pub fn is_default(&self) -> bool {
        *self == SortOrder::Asc
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum NullsOrder {
    First,
    Last,
}

/// Index access method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum IndexMethod {
    #[default]
    Btree,
    Hash,
    Gin,
    Gist,
    Brin,
    Spgist,
}

impl IndexMethod {
    pub fn is_default(&self) -> bool {
        *self == IndexMethod::Btree
    }
    pub fn as_str(self) -> &'static str {
        match self {
            IndexMethod::Btree => "btree",
            IndexMethod::Hash => "hash",
            IndexMethod::Gin => "gin",
            IndexMethod::Gist => "gist",
            IndexMethod::Brin => "brin",
            IndexMethod::Spgist => "spgist",
        }
    }
}

/// A relationship between two tables, with its cardinality.
///
/// One-to-one and one-to-many relationships are carried by a foreign key (`foreign_key`, on the
/// `from` table, referencing `to`); a many-to-many relationship has no foreign key of its own and
/// becomes a junction table in DDL, with a foreign key to each side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Relationship {
    #[serde(default)]
    pub id: String,
    /// Verb phrase for the diagram, e.g. `places`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    pub cardinality: Cardinality,
    /// Table id on the "many" (referencing) side; either side for many-to-many.
    pub from: String,
    /// Table id on the "one" (referenced) side; the other side for many-to-many.
    pub to: String,
    /// For one-to-one and one-to-many: the id of the foreign key on `from` that implements it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub foreign_key: Option<String>,
    /// Whether every `from` row must have a partner (the FK columns must then be NOT NULL).
    #[serde(default, skip_serializing_if = "is_false")]
    #[ts(as = "Option<_>", optional)]
    pub mandatory: bool,
    /// For many-to-many: the junction table's name; derived from the naming convention when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub junction: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Cardinality {
    OneToOne,
    OneToMany,
    ManyToMany,
}

/// Diagram layout: positions and colours, keyed by table id. Kept apart from the tables so that
/// moving a box never touches the schema.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Layout {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub tables: BTreeMap<String, NodeLayout>,
    /// Subject areas: named groups of tables drawn as coloured regions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<_>", optional)]
    pub areas: Vec<SubjectArea>,
}

impl Layout {
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty() && self.areas.is_empty()
    }
}

/// Where a table's box sits on the diagram.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct NodeLayout {
    pub x: f64,
    pub y: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub color: Option<String>,
}

/// A named group of tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct SubjectArea {
    #[serde(default)]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub color: Option<String>,
    /// Table ids.
    pub tables: Vec<String>,
}
