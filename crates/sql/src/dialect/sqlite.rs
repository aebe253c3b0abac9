//! SQLite 3 (3.35 or newer, for generated columns and `RETURNING`-era keywords).

use schemata_model::{DataType, DialectName, FkAction, IndexMethod};

use std::sync::OnceLock;

use super::{CommentStyle, Dialect, IdentityStyle, PortableExpr, TypeSql, WordSet, parenthesize};

/// SQLite 3.
///
/// Types are written so that SQLite's affinity rules give the right storage class while the
/// declared type stays readable: `BIGINT` (INTEGER affinity), `NUMERIC(12,2)`, `DOUBLE` (REAL),
/// `VARCHAR(100)` (TEXT), `BOOLEAN`, `DATE`, `TIMESTAMPTZ` and `UUID` (NUMERIC affinity, which
/// keeps their text forms as text), `JSON`, `BLOB`. Intervals are `TEXT` (a declared `INTERVAL`
/// would get INTEGER affinity). An identity primary key is declared exactly `INTEGER`, which makes
/// it the rowid and assigns values automatically. Enums become `TEXT` with a CHECK. There are no
/// schemas (only attached databases), no `ALTER TABLE ... ADD CONSTRAINT` (foreign keys are all
/// declared in CREATE TABLE; forward references are allowed), no `INCLUDE` and only B-tree
/// indexes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sqlite;

/// Keywords SQLite does not accept as a name unquoted: its keyword list minus the ones its
/// grammar lets fall back to identifiers (`key`, `action`, `no`, `first`, ...), plus the join
/// keywords, which are accepted but ambiguous.
#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "add", "all", "alter", "and", "as", "autoincrement", "between", "case", "check", "collate",
    "commit", "constraint", "create", "cross", "default", "deferrable", "delete", "distinct",
    "drop", "else", "escape", "except", "exists", "foreign", "from", "full", "group", "having",
    "in", "index", "indexed", "inner", "insert", "intersect", "into", "is", "isnull", "join",
    "left", "limit", "natural", "not", "nothing", "notnull", "null", "on", "or", "order",
    "outer", "primary", "references", "returning", "right", "select", "set", "table", "then",
    "to", "transaction", "union", "unique", "update", "using", "values", "when", "where",
];

/// A version 4 UUID in its text form, built from SQLite's random functions.
const RANDOM_UUID: &str = "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || \
substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || \
substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))";

impl Dialect for Sqlite {
    fn name(&self) -> DialectName {
        DialectName::Sqlite
    }
    fn display_name(&self) -> &'static str {
        "SQLite 3"
    }
    fn reserved_words(&self) -> &'static [&'static str] {
        RESERVED
    }
    fn is_reserved(&self, word: &str) -> bool {
        static SET: OnceLock<WordSet> = OnceLock::new();
        SET.get_or_init(|| WordSet::new(RESERVED)).contains(word)
    }
    fn quote_char(&self) -> char {
        '"'
    }
    fn supports_schemas(&self) -> bool {
        false
    }
    fn supports_partial_indexes(&self) -> bool {
        true
    }
    fn supports_include(&self) -> bool {
        false
    }
    fn supports_deferrable(&self) -> bool {
        true
    }
    fn enforces_check(&self) -> bool {
        true
    }
    fn supports_alter_add_constraint(&self) -> bool {
        false
    }
    fn supports_forward_references(&self) -> bool {
        true
    }
    fn supports_index_method(&self, method: IndexMethod) -> bool {
        method == IndexMethod::Btree
    }
    fn supports_expression_indexes(&self) -> bool {
        true
    }
    fn supports_descending_index(&self) -> bool {
        true
    }
    fn supports_nulls_order(&self) -> bool {
        false
    }
    fn supports_opclass(&self) -> bool {
        false
    }
    fn supports_nulls_not_distinct(&self) -> bool {
        false
    }
    fn supports_fk_action(&self, _action: FkAction) -> bool {
        true
    }
    fn comment_style(&self) -> CommentStyle {
        CommentStyle::SqlComment
    }
    fn supports_enum_type(&self) -> bool {
        false
    }
    fn supports_inline_enum(&self) -> bool {
        false
    }
    fn supports_virtual_generated(&self) -> bool {
        true
    }
    fn supports_arrays(&self) -> bool {
        false
    }
    fn identity_style(&self) -> IdentityStyle {
        IdentityStyle::RowidAlias
    }

    fn map_type(&self, ty: &DataType) -> TypeSql {
        match ty {
            DataType::SmallInt => TypeSql::exact("SMALLINT"),
            DataType::Integer => TypeSql::exact("INTEGER"),
            DataType::BigInt => TypeSql::exact("BIGINT"),
            DataType::Decimal { precision, scale } => TypeSql::exact(match (precision, scale) {
                (Some(p), Some(s)) => format!("NUMERIC({p},{s})"),
                (Some(p), None) => format!("NUMERIC({p})"),
                _ => "NUMERIC".to_string(),
            }),
            DataType::Real => TypeSql::exact("REAL"),
            DataType::Double => TypeSql::exact("DOUBLE"),
            DataType::Boolean => TypeSql::exact("BOOLEAN"),
            DataType::Text | DataType::Enum(_) => TypeSql::exact("TEXT"),
            DataType::Varchar(Some(n)) => TypeSql::exact(format!("VARCHAR({n})")),
            DataType::Varchar(None) => TypeSql::exact("VARCHAR"),
            DataType::Char(Some(n)) => TypeSql::exact(format!("CHAR({n})")),
            DataType::Char(None) => TypeSql::exact("CHAR"),
            DataType::Date => TypeSql::exact("DATE"),
            DataType::Time => TypeSql::exact("TIME"),
            DataType::Timestamp => TypeSql::exact("TIMESTAMP"),
            DataType::Timestamptz => TypeSql::exact("TIMESTAMPTZ"),
            DataType::Interval => TypeSql::exact("TEXT"),
            DataType::Uuid => TypeSql::exact("UUID"),
            DataType::Json | DataType::Jsonb => TypeSql::exact("JSON"),
            DataType::Bytes => TypeSql::exact("BLOB"),
            DataType::Array(inner) => TypeSql::approx(
                "JSON",
                format!("SQLite has no array type; the {inner}[] value is stored as a JSON array"),
            ),
            DataType::Named(n) => TypeSql::exact(n.clone()),
        }
    }

    fn bool_literal(&self, b: bool) -> &'static str {
        if b { "1" } else { "0" }
    }

    /// The `CURRENT_*` keywords as they are, a random UUID built from `randomblob()`, and any
    /// other expression in parentheses, as SQLite requires.
    fn expr_default_sql(&self, expr: &str, _ty: &DataType) -> String {
        match PortableExpr::recognise(expr) {
            Some(PortableExpr::CurrentTimestamp) => "CURRENT_TIMESTAMP".to_string(),
            Some(PortableExpr::CurrentDate) => "CURRENT_DATE".to_string(),
            Some(PortableExpr::CurrentTime) => "CURRENT_TIME".to_string(),
            Some(PortableExpr::RandomUuid) => RANDOM_UUID.to_string(),
            None => parenthesize(expr),
        }
    }

    /// SQLite cannot drop a constraint; the table is dropped instead.
    fn drop_foreign_key_sql(&self, _table: &str, _name: &str) -> Option<String> {
        None
    }
}
