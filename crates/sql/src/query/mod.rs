//! Query analysis: what a statement of the worksheet asks of each table, read from sqlparser's
//! AST and resolved against the design (aliases, qualified names, unknown tables and columns).
//!
//! The result names tables and columns by id. Advisors read it to find the index each statement
//! needs, the shapes that defeat indexes (functions around columns, implicit conversions,
//! leading-wildcard LIKE) and the statements that return unbounded lists.

pub mod codes;
pub mod params;
mod resolve;

pub use resolve::Catalog;
#[cfg(test)]
mod tests;

use schemata_model::{Design, Diagnostic};
use serde::Serialize;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// A statement of the worksheet cannot be parsed.
///
/// **Group:** queries · **Default severity:** error
///
/// Worksheet statements are read as PostgreSQL, after their parameters are rewritten: `$1`,
/// `?`, `:name`, `@name`, `sqlc.arg(name)`, `sqlc.narg(name)` and `sqlc.slice(name)` are all
/// accepted. A statement that still does not parse is reported with the parser's message and
/// the pattern's name, and left out of the analysis: no index is recommended for it and no
/// query rule looks at it, so a pattern whose only statement fails to parse has no effect on
/// the advice.
///
/// Fix: write the statement in PostgreSQL syntax; forms only another database accepts, such as
/// `[bracketed]` names or `TOP n`, need rewriting.
pub const PARSE_ERROR: &str = "Q001";
/// A statement names a table the design does not have.
///
/// **Group:** queries · **Default severity:** error
///
/// Every table in `FROM`, `JOIN`, `INSERT INTO`, `UPDATE` and `DELETE FROM` is looked up among
/// the design's tables by name, ignoring case; a schema-qualified name (`shop.orders`) must
/// also match the table's schema when it has one. Names of common table expressions (`WITH`)
/// are not looked up. The same code reports a qualifier that is neither a table nor an alias
/// of the statement, as `x` in `x.id`.
///
/// The rest of the statement is still analysed, but nothing is known about the unknown table:
/// its columns are not checked and no index is recommended for it.
///
/// Fix: correct the spelling or the schema, or add the table to the design.
pub const UNKNOWN_TABLE: &str = "Q002";
/// A statement names a column its tables do not have.
///
/// **Group:** queries · **Default severity:** error
///
/// A qualified name (`o.status`) is looked up in the table its qualifier names. An unqualified
/// one is looked up in the tables of the innermost query first, then outward through the
/// enclosing queries, as SQL resolves correlated subqueries. A name is not reported when a
/// query at that level also reads a subquery, a common table expression or an unknown table,
/// whose columns are not known; nor when it is an output alias of the `SELECT` (as used in
/// `ORDER BY`), or `true` or `false`. Column names compare without regard to case.
///
/// The reference is left out of the analysis, so a predicate on a misspelt column asks for no
/// index.
///
/// Fix: correct the spelling, or add the column to the table.
pub const UNKNOWN_COLUMN: &str = "Q003";
/// An unqualified column name matches columns of several tables of the statement.
///
/// **Group:** queries · **Default severity:** error
///
/// In `SELECT id FROM orders o JOIN customers c ON c.id = o.customer_id`, both tables have an
/// `id`, so the database refuses the statement. The reference is left out of the analysis.
///
/// Fix: qualify the column with its table or alias (`o.id`).
pub const AMBIGUOUS_COLUMN: &str = "Q004";

/// What kind of statement it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    Select,
    Insert,
    Update,
    Delete,
    Other,
}

impl StatementKind {
    /// Whether the statement changes rows.
    pub fn is_write(self) -> bool {
        matches!(
            self,
            StatementKind::Insert | StatementKind::Update | StatementKind::Delete
        )
    }
}

/// What a column is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Operand {
    /// A parameter, by its label in the source (`$1`, `?2`, `customer_id`).
    Param(String),
    /// A literal, as written.
    Literal(String),
    /// A column of another table of the statement (a join).
    Column { table: String, column: String },
    /// Anything else (an expression, a subquery).
    Expr,
}

/// A column bound by equality (`=`, or `IN` with one element).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Equality {
    pub column: String,
    pub operand: Operand,
}

/// A column under `IN (...)` or `IN (subquery)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InList {
    pub column: String,
    /// Number of listed values; `None` for a subquery or an array parameter.
    pub len: Option<usize>,
}

/// How a LIKE pattern starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LikeKind {
    /// A literal prefix (`'abc%'`): a B-tree can serve it.
    Prefix,
    /// Starts with `%` or `_`: no B-tree can serve it.
    LeadingWildcard,
    /// A parameter or expression: unknown until run time.
    Unknown,
}

/// A column under LIKE / ILIKE.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LikeUse {
    pub column: String,
    pub kind: LikeKind,
    pub case_insensitive: bool,
}

/// A column wrapped in a function or a cast inside a predicate, join or sort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wrapped {
    pub column: String,
    /// Function name, or `cast`.
    pub function: String,
}

/// A column compared with a literal or cast of another type family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeMismatch {
    pub column: String,
    /// The literal or cast as written.
    pub value: String,
    /// Type family of the value: `number`, `string`, `boolean`.
    pub value_type: String,
}

/// A column in ORDER BY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SortKey {
    pub column: String,
    pub descending: bool,
}

/// What one statement asks of one occurrence of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableAccess {
    /// Table id.
    pub table: String,
    /// Alias, when the statement gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    pub equality: Vec<Equality>,
    pub in_lists: Vec<InList>,
    /// Columns under `<`, `<=`, `>`, `>=` or BETWEEN.
    pub ranges: Vec<String>,
    /// The values ranges compare with, by column (a column may appear twice).
    pub bounds: Vec<Equality>,
    pub likes: Vec<LikeUse>,
    /// Columns joined by equality with a column of another table.
    pub join_columns: Vec<String>,
    pub order_by: Vec<SortKey>,
    pub group_by: Vec<String>,
    /// Columns read into the result (or RETURNING).
    pub projection: Vec<String>,
    /// `*` or `alias.*` covers this table.
    pub star: bool,
    /// Columns written by INSERT or UPDATE.
    pub written: Vec<String>,
    /// The value each column receives from a single-row `INSERT ... VALUES`.
    pub inserted: Vec<Equality>,
    /// Rows of an `INSERT ... VALUES` (`None` for INSERT ... SELECT and other statements).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insert_rows: Option<usize>,
    pub wrapped: Vec<Wrapped>,
    pub type_mismatches: Vec<TypeMismatch>,
    /// The table is the statement's target (INSERT / UPDATE / DELETE) rather than a source.
    pub target: bool,
}

impl TableAccess {
    pub(crate) fn new(table: &str, alias: Option<String>) -> Self {
        TableAccess {
            table: table.to_string(),
            alias,
            equality: Vec::new(),
            in_lists: Vec::new(),
            ranges: Vec::new(),
            bounds: Vec::new(),
            likes: Vec::new(),
            join_columns: Vec::new(),
            order_by: Vec::new(),
            group_by: Vec::new(),
            projection: Vec::new(),
            star: false,
            written: Vec::new(),
            inserted: Vec::new(),
            insert_rows: None,
            wrapped: Vec::new(),
            type_mismatches: Vec::new(),
            target: false,
        }
    }

    /// Columns with a parameter or literal bound by equality (joins excluded), in order, once.
    pub fn equality_columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.equality {
            if !matches!(e.operand, Operand::Column { .. }) && !out.contains(&e.column.as_str()) {
                out.push(&e.column);
            }
        }
        out
    }

    /// Whether any predicate restricts this table (not counting joins).
    pub fn is_filtered(&self) -> bool {
        self.equality
            .iter()
            .any(|e| !matches!(e.operand, Operand::Column { .. }))
            || !self.in_lists.is_empty()
            || !self.ranges.is_empty()
            || self.likes.iter().any(|l| l.kind == LikeKind::Prefix)
    }
}

/// An equality join between two columns of two table occurrences (indexes into `tables`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Join {
    pub left: usize,
    pub left_column: String,
    pub right: usize,
    pub right_column: String,
}

/// The analysis of one statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementAnalysis {
    pub kind: StatementKind,
    /// Every occurrence of a design table, subqueries included, in order of appearance.
    pub tables: Vec<TableAccess>,
    pub joins: Vec<Join>,
    /// The outermost query has LIMIT / FETCH FIRST.
    pub limited: bool,
    /// The outermost projection is only aggregates (one row per group, one row without GROUP BY).
    pub aggregate_only: bool,
    /// The outermost projection uses `*` or `alias.*`.
    pub select_star: bool,
    /// Parameter labels, in order of first use.
    pub parameters: Vec<String>,
    /// Unknown tables and columns, ambiguous names: codes `Q002`-`Q004` (without path).
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyse SQL text that may hold several statements. A parse error is one `Q001` diagnostic
/// and no statement.
pub fn analyze(design: &Design, sql: &str) -> Result<Vec<StatementAnalysis>, Box<Diagnostic>> {
    analyze_with(&Catalog::new(design), sql)
}

const PARSE_HELP: &str = "write the statement in PostgreSQL syntax; parameters as $1, ?, :name, \
                          @name or sqlc.arg(name)";

/// [`analyze`] with a catalogue built once for many statements.
pub fn analyze_with(
    catalog: &Catalog<'_>,
    sql: &str,
) -> Result<Vec<StatementAnalysis>, Box<Diagnostic>> {
    let normalized = params::normalize(sql);
    let statements = Parser::parse_sql(&PostgreSqlDialect {}, &normalized.sql).map_err(|e| {
        Box::new(
            Diagnostic::error(PARSE_ERROR, format!("cannot parse the statement: {e}"))
                .with_help(PARSE_HELP),
        )
    })?;
    Ok(statements
        .iter()
        .map(|s| resolve::analyze_statement(catalog, s, &normalized.labels))
        .collect())
}
