//! MySQL 8 (8.0.16 or newer), and MariaDB 10.11 for the subset the two share.

use schemata_model::{DataType, DialectName, FkAction, IndexMethod};

use std::sync::OnceLock;

use super::{CommentStyle, Dialect, IdentityStyle, PortableExpr, TypeSql, WordSet, parenthesize};

/// MySQL 8 with InnoDB and `utf8mb4`.
///
/// Type choices: `boolean` is `tinyint(1)` (what `BOOLEAN` means in MySQL and what the server
/// reports back); `uuid` is `char(36)`, the text form `uuid()` produces, readable in queries and
/// dumps (`binary(16)` would halve the size but needs conversion functions everywhere);
/// `timestamp` and `timestamptz` are both `datetime(6)`: MySQL's `timestamp` type converts through
/// the session time zone and ends in 2038, so instants are stored as UTC `datetime(6)` values and
/// the application keeps them in UTC; `text` is `longtext` and `bytes` is `longblob` (both
/// unbounded like their PostgreSQL counterparts); `jsonb` is `json`; enums are inline
/// `ENUM(...)`. MySQL has no schemas inside a database, no partial indexes, no `INCLUDE`, no
/// deferrable constraints and no GIN/GiST/BRIN/SP-GiST indexes; InnoDB turns `USING HASH` into a
/// B-tree. The output keeps to what MySQL 8 and MariaDB 10.11 share: no expression indexes
/// (MySQL 8.0.13 has them, MariaDB has none; the note gives the MySQL statement) and no NOT NULL
/// on generated columns (MariaDB refuses it).
#[derive(Debug, Clone, Copy, Default)]
pub struct MySql;

/// Reserved words of MySQL 8.0 (the "(R)" entries of the keyword list) and of MariaDB 10.11.
#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before",
    "between", "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change",
    "char", "character", "check", "collate", "column", "condition", "constraint", "continue",
    "convert", "create", "cross", "cube", "cume_dist", "current_date", "current_role",
    "current_time", "current_timestamp", "current_user", "cursor", "database", "databases",
    "day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal", "declare",
    "default", "delayed", "delete", "delete_domain_id", "dense_rank", "desc", "describe",
    "deterministic", "distinct", "distinctrow", "div", "do_domain_ids", "double", "drop",
    "dual", "each", "else", "elseif", "empty", "enclosed", "escaped", "except", "exists",
    "exit", "explain", "false", "fetch", "first_value", "float", "float4", "float8", "for",
    "force", "foreign", "from", "fulltext", "function", "general", "generated", "get", "grant",
    "group", "grouping", "groups", "having", "high_priority", "hour_microsecond", "hour_minute",
    "hour_second", "if", "ignore", "ignore_domain_ids", "ignore_server_ids", "in", "index",
    "infile", "inner", "inout", "insensitive", "insert", "int", "int1", "int2", "int3", "int4",
    "int8", "integer", "intersect", "interval", "into", "io_after_gtids", "io_before_gtids",
    "is", "iterate", "join", "json_table", "key", "keys", "kill", "lag", "last_value",
    "lateral", "lead", "leading", "leave", "left", "like", "limit", "linear", "lines", "load",
    "localtime", "localtimestamp", "lock", "long", "longblob", "longtext", "loop",
    "low_priority", "master_bind", "master_heartbeat_period", "master_ssl_verify_server_cert",
    "match", "maxvalue", "mediumblob", "mediumint", "mediumtext", "middleint",
    "minute_microsecond", "minute_second", "mod", "modifies", "natural", "no_write_to_binlog",
    "not", "nth_value", "ntile", "null", "numeric", "of", "offset", "on", "optimize",
    "optimizer_costs", "option", "optionally", "or", "order", "out", "outer", "outfile", "over",
    "page_checksum", "parse_vcol_expr", "partition", "percent_rank", "position", "precision",
    "primary", "procedure", "purge", "range", "rank", "read", "read_write", "reads", "real",
    "recursive", "ref_system_id", "references", "regexp", "release", "rename", "repeat",
    "replace", "require", "resignal", "restrict", "return", "returning", "revoke", "right",
    "rlike", "row", "row_number", "rows", "schema", "schemas", "second_microsecond", "select",
    "sensitive", "separator", "set", "show", "signal", "slow", "smallint", "spatial",
    "specific", "sql", "sql_big_result", "sql_calc_found_rows", "sql_small_result",
    "sqlexception", "sqlstate", "sqlwarning", "ssl", "starting", "stats_auto_recalc",
    "stats_persistent", "stats_sample_pages", "stored", "straight_join", "system", "table",
    "terminated", "then", "tinyblob", "tinyint", "tinytext", "to", "trailing", "trigger",
    "true", "undo", "union", "unique", "unlock", "unsigned", "update", "usage", "use", "using",
    "utc_date", "utc_time", "utc_timestamp", "values", "varbinary", "varchar", "varcharacter",
    "varying", "virtual", "when", "where", "while", "window", "with", "write", "xor",
    "year_month", "zerofill",
];

/// Largest DECIMAL precision and scale MySQL accepts.
const MAX_DECIMAL_PRECISION: u32 = 65;
const MAX_DECIMAL_SCALE: u32 = 30;

impl Dialect for MySql {
    fn name(&self) -> DialectName {
        DialectName::Mysql
    }
    fn display_name(&self) -> &'static str {
        "MySQL 8 / MariaDB 10.11"
    }
    fn reserved_words(&self) -> &'static [&'static str] {
        RESERVED
    }
    fn is_reserved(&self, word: &str) -> bool {
        static SET: OnceLock<WordSet> = OnceLock::new();
        SET.get_or_init(|| WordSet::new(RESERVED)).contains(word)
    }
    fn quote_char(&self) -> char {
        '`'
    }
    fn supports_schemas(&self) -> bool {
        false
    }
    fn supports_partial_indexes(&self) -> bool {
        false
    }
    fn supports_include(&self) -> bool {
        false
    }
    fn supports_deferrable(&self) -> bool {
        false
    }
    /// Enforced since MySQL 8.0.16 and MariaDB 10.2.
    fn enforces_check(&self) -> bool {
        true
    }
    fn supports_alter_add_constraint(&self) -> bool {
        true
    }
    fn supports_forward_references(&self) -> bool {
        false
    }
    fn supports_index_method(&self, method: IndexMethod) -> bool {
        method == IndexMethod::Btree
    }
    /// MySQL 8.0.13 has functional key parts, MariaDB has none: not in the shared subset.
    fn supports_expression_indexes(&self) -> bool {
        false
    }
    /// MariaDB refuses NULL / NOT NULL on a generated column.
    fn supports_not_null_generated(&self) -> bool {
        false
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
    /// InnoDB rejects `SET DEFAULT`.
    fn supports_fk_action(&self, action: FkAction) -> bool {
        action != FkAction::SetDefault
    }
    fn comment_style(&self) -> CommentStyle {
        CommentStyle::Inline
    }
    fn supports_enum_type(&self) -> bool {
        false
    }
    fn supports_inline_enum(&self) -> bool {
        true
    }
    fn supports_virtual_generated(&self) -> bool {
        true
    }
    fn supports_arrays(&self) -> bool {
        false
    }
    fn identity_style(&self) -> IdentityStyle {
        IdentityStyle::AutoIncrement
    }
    fn requires_varchar_length(&self) -> bool {
        true
    }
    fn supports_unbounded_keys(&self) -> bool {
        false
    }
    fn index_prefix_length(&self, ty: &DataType) -> Option<u32> {
        matches!(ty, DataType::Text | DataType::Bytes).then_some(255)
    }
    fn can_index_type(&self, ty: &DataType) -> bool {
        !matches!(ty, DataType::Json | DataType::Jsonb | DataType::Array(_))
    }

    fn map_type(&self, ty: &DataType) -> TypeSql {
        match ty {
            DataType::SmallInt => TypeSql::exact("smallint"),
            DataType::Integer => TypeSql::exact("int"),
            DataType::BigInt => TypeSql::exact("bigint"),
            DataType::Decimal {
                precision: None, ..
            } => TypeSql::approx(
                "decimal(65,30)",
                "MySQL's decimal without a precision means decimal(10,0); decimal(65,30) was used to keep fractional digits",
            ),
            DataType::Decimal {
                precision: Some(p),
                scale,
            } => {
                let s = scale.unwrap_or(0);
                let (cp, cs) = (
                    (*p).min(MAX_DECIMAL_PRECISION),
                    s.min(MAX_DECIMAL_SCALE)
                        .min((*p).min(MAX_DECIMAL_PRECISION)),
                );
                let sql = format!("decimal({cp},{cs})");
                if (cp, cs) != (*p, s) {
                    TypeSql::approx(
                        sql,
                        format!(
                            "MySQL decimals have at most 65 digits and scale 30; decimal({p},{s}) was narrowed"
                        ),
                    )
                } else {
                    TypeSql::exact(sql)
                }
            }
            DataType::Real => TypeSql::exact("float"),
            DataType::Double => TypeSql::exact("double"),
            DataType::Boolean => TypeSql::exact("tinyint(1)"),
            DataType::Text => TypeSql::exact("longtext"),
            DataType::Varchar(Some(n)) => TypeSql::exact(format!("varchar({n})")),
            DataType::Varchar(None) => {
                TypeSql::approx("varchar(255)", "MySQL needs a varchar length; 255 was used")
            }
            DataType::Char(Some(n)) if *n > 255 => TypeSql::approx(
                format!("varchar({n})"),
                "MySQL char is at most 255 characters; varchar was used",
            ),
            DataType::Char(Some(n)) => TypeSql::exact(format!("char({n})")),
            DataType::Char(None) => TypeSql::exact("char(1)"),
            DataType::Date => TypeSql::exact("date"),
            DataType::Time => TypeSql::exact("time(6)"),
            DataType::Timestamp | DataType::Timestamptz => TypeSql::exact("datetime(6)"),
            DataType::Interval => TypeSql::approx(
                "varchar(64)",
                "MySQL has no interval type; the value is kept as text (e.g. an ISO 8601 duration) in varchar(64)",
            ),
            DataType::Uuid => TypeSql::exact("char(36)"),
            DataType::Json | DataType::Jsonb => TypeSql::exact("json"),
            DataType::Bytes => TypeSql::exact("longblob"),
            DataType::Enum(values) => {
                let list: Vec<String> = values.iter().map(|v| self.string_literal(v)).collect();
                TypeSql::exact(format!("enum({})", list.join(",")))
            }
            DataType::Array(inner) => TypeSql::approx(
                "json",
                format!("MySQL has no array type; the {inner}[] value is stored as a JSON array"),
            ),
            DataType::Named(n) => TypeSql::exact(n.clone()),
        }
    }

    fn table_options(&self) -> &'static str {
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
    }

    /// Quotes doubled and backslashes escaped (backslash is an escape character in MySQL strings).
    fn string_literal(&self, s: &str) -> String {
        super::quote_string(s, true)
    }

    fn write_string_literal(&self, out: &mut String, s: &str) {
        super::push_quoted_string(out, s, true);
    }

    fn bool_literal(&self, b: bool) -> &'static str {
        if b { "1" } else { "0" }
    }

    /// TEXT, BLOB and JSON columns take no literal default, only an expression `(...)`
    /// (MySQL 8.0.13+).
    fn literal_default_needs_parens(&self, ty: &DataType) -> bool {
        matches!(
            ty,
            DataType::Text
                | DataType::Bytes
                | DataType::Json
                | DataType::Jsonb
                | DataType::Array(_)
        )
    }

    /// `CURRENT_TIMESTAMP(6)` for the `datetime(6)` columns (the precision must match), and any
    /// other expression in parentheses, as MySQL 8.0.13+ requires for expression defaults.
    fn expr_default_sql(&self, expr: &str, ty: &DataType) -> String {
        match PortableExpr::recognise(expr) {
            Some(PortableExpr::CurrentTimestamp)
                if matches!(ty, DataType::Timestamp | DataType::Timestamptz) =>
            {
                "CURRENT_TIMESTAMP(6)".to_string()
            }
            Some(PortableExpr::CurrentTimestamp) => "(CURRENT_TIMESTAMP)".to_string(),
            Some(PortableExpr::CurrentDate) => "(CURRENT_DATE)".to_string(),
            Some(PortableExpr::CurrentTime) => "(CURRENT_TIME)".to_string(),
            Some(PortableExpr::RandomUuid) => "(uuid())".to_string(),
            None => parenthesize(expr),
        }
    }

    fn drop_foreign_key_sql(&self, table: &str, name: &str) -> Option<String> {
        Some(format!(
            "ALTER TABLE {table} DROP FOREIGN KEY {}",
            self.quote_ident(name)
        ))
    }
}
