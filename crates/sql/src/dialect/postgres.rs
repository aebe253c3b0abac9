//! PostgreSQL 15 and newer.

use schemata_model::{DataType, DialectName, FkAction, IndexMethod};

use std::sync::OnceLock;

use super::{CommentStyle, Dialect, IdentityStyle, PortableExpr, TypeSql, WordSet, push_u32};

/// PostgreSQL 15+: schemas, named enum types, arrays, partial, covering and expression indexes,
/// every index method, deferrable constraints, `NULLS NOT DISTINCT`. Generated columns are
/// always `STORED` (virtual ones arrive in PostgreSQL 18).
#[derive(Debug, Clone, Copy, Default)]
pub struct Postgres;

/// Keywords that PostgreSQL does not accept as a table or column name unquoted: the "reserved"
/// and "reserved (can be function or type)" keywords of the PostgreSQL 15 documentation.
#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
    "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
    "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
    "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
    "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
    "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not",
    "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing",
    "primary", "references", "returning", "right", "select", "session_user", "similar", "some",
    "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true",
    "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with",
];

impl Dialect for Postgres {
    fn name(&self) -> DialectName {
        DialectName::Postgres
    }
    fn display_name(&self) -> &'static str {
        "PostgreSQL 15+"
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
        true
    }
    fn supports_partial_indexes(&self) -> bool {
        true
    }
    fn supports_include(&self) -> bool {
        true
    }
    fn supports_deferrable(&self) -> bool {
        true
    }
    fn enforces_check(&self) -> bool {
        true
    }
    fn supports_alter_add_constraint(&self) -> bool {
        true
    }
    fn supports_forward_references(&self) -> bool {
        false
    }
    fn supports_index_method(&self, _method: IndexMethod) -> bool {
        true
    }
    fn supports_expression_indexes(&self) -> bool {
        true
    }
    fn supports_descending_index(&self) -> bool {
        true
    }
    fn supports_nulls_order(&self) -> bool {
        true
    }
    fn supports_opclass(&self) -> bool {
        true
    }
    fn supports_nulls_not_distinct(&self) -> bool {
        true
    }
    fn supports_fk_action(&self, _action: FkAction) -> bool {
        true
    }
    fn comment_style(&self) -> CommentStyle {
        CommentStyle::CommentOn
    }
    fn supports_enum_type(&self) -> bool {
        true
    }
    fn supports_inline_enum(&self) -> bool {
        false
    }
    fn supports_virtual_generated(&self) -> bool {
        false
    }
    fn supports_arrays(&self) -> bool {
        true
    }
    fn identity_style(&self) -> IdentityStyle {
        IdentityStyle::Generated
    }

    /// Native types throughout: `boolean`, `numeric(p,s)`, `timestamptz`, `uuid`, `jsonb`,
    /// `bytea`, `T[]`. An inline enum has no PostgreSQL spelling; the physical design turns it
    /// into `text` with a CHECK, so `text` here is only a fallback.
    fn map_type(&self, ty: &DataType) -> TypeSql {
        let mut sql = String::new();
        let note = self.write_type(&mut sql, ty);
        TypeSql { sql, note }
    }

    fn write_type(&self, out: &mut String, ty: &DataType) -> Option<String> {
        let word = match ty {
            DataType::SmallInt => "smallint",
            DataType::Integer => "integer",
            DataType::BigInt => "bigint",
            DataType::Decimal { precision, scale } => {
                out.push_str("numeric");
                if let Some(p) = precision {
                    out.push('(');
                    push_u32(out, *p);
                    if let Some(s) = scale {
                        out.push(',');
                        push_u32(out, *s);
                    }
                    out.push(')');
                }
                return None;
            }
            DataType::Real => "real",
            DataType::Double => "double precision",
            DataType::Boolean => "boolean",
            DataType::Text | DataType::Enum(_) => "text",
            DataType::Varchar(Some(n)) => {
                out.push_str("varchar(");
                push_u32(out, *n);
                out.push(')');
                return None;
            }
            DataType::Varchar(None) => "varchar",
            DataType::Char(Some(n)) => {
                out.push_str("char(");
                push_u32(out, *n);
                out.push(')');
                return None;
            }
            DataType::Char(None) => "char",
            DataType::Date => "date",
            DataType::Time => "time",
            DataType::Timestamp => "timestamp",
            DataType::Timestamptz => "timestamptz",
            DataType::Interval => "interval",
            DataType::Uuid => "uuid",
            DataType::Json => "json",
            DataType::Jsonb => "jsonb",
            DataType::Bytes => "bytea",
            DataType::Array(inner) => {
                self.write_type(out, inner);
                "[]"
            }
            DataType::Named(n) => n,
        };
        out.push_str(word);
        None
    }

    fn bool_literal(&self, b: bool) -> &'static str {
        if b { "TRUE" } else { "FALSE" }
    }

    /// Written as the design has it, except `uuid()` and `uuid_generate_v4()`, which become the
    /// built-in `gen_random_uuid()` (the latter needs an extension).
    fn expr_default_sql(&self, expr: &str, _ty: &DataType) -> String {
        match PortableExpr::recognise(expr) {
            Some(PortableExpr::RandomUuid) => "gen_random_uuid()".to_string(),
            _ => expr.to_string(),
        }
    }

    fn write_expr_default(&self, out: &mut String, expr: &str, _ty: &DataType) {
        match PortableExpr::recognise(expr) {
            Some(PortableExpr::RandomUuid) => out.push_str("gen_random_uuid()"),
            _ => out.push_str(expr),
        }
    }
}
