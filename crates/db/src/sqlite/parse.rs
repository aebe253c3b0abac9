//! What only the stored `CREATE TABLE` / `CREATE INDEX` text tells about a SQLite schema:
//! constraint names, CHECK expressions, generated-column expressions, deferrability, index
//! expressions and predicates. Parsed with sqlparser's SQLite dialect.

use schemata_model::Deferrable;
use sqlparser::ast::{
    ColumnOption, ConstraintCharacteristics, CreateIndex, CreateTable, DeferrableInitial, Expr,
    GeneratedExpressionMode, ObjectName, ObjectNamePart, Statement, TableConstraint,
};
use sqlparser::dialect::SQLiteDialect;
use sqlparser::parser::Parser;

/// The parts of a `CREATE TABLE` statement that the pragmas do not report.
#[derive(Debug, Default)]
pub(crate) struct TableSql {
    /// Name of the PRIMARY KEY constraint, when it has one.
    pub primary_key_name: Option<String>,
    /// UNIQUE constraints: name and column names.
    pub uniques: Vec<(Option<String>, Vec<String>)>,
    /// CHECK constraints: name and expression, table-level and column-level, in order.
    pub checks: Vec<(Option<String>, String)>,
    /// FOREIGN KEY constraints, table-level and column-level.
    pub foreign_keys: Vec<ForeignKeySql>,
    /// Generated columns: column name, expression, stored.
    pub generated: Vec<(String, String, bool)>,
}

/// A foreign key as written.
#[derive(Debug)]
pub(crate) struct ForeignKeySql {
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub table: String,
    pub deferrable: Deferrable,
}

/// The parts of a `CREATE INDEX` statement that the pragmas do not report.
#[derive(Debug, Default)]
pub(crate) struct IndexSql {
    /// Each key part as written (a column name or an expression), in order.
    pub parts: Vec<String>,
    /// The partial-index predicate.
    pub predicate: Option<String>,
}

fn parse_one(sql: &str) -> Option<Statement> {
    let mut statements = Parser::parse_sql(&SQLiteDialect {}, sql).ok()?;
    if statements.len() == 1 {
        statements.pop()
    } else {
        None
    }
}

fn last_name(name: &ObjectName) -> String {
    match name.0.last() {
        Some(ObjectNamePart::Identifier(ident)) => ident.value.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// A plain column reference's name, unquoted; any other expression as printed.
fn expr_name(expr: &Expr) -> String {
    match expr {
        Expr::Identifier(ident) => ident.value.clone(),
        other => other.to_string(),
    }
}

fn deferrable(c: &Option<ConstraintCharacteristics>) -> Deferrable {
    match c {
        Some(ConstraintCharacteristics {
            deferrable: Some(true),
            initially,
            ..
        }) => match initially {
            Some(DeferrableInitial::Deferred) => Deferrable::InitiallyDeferred,
            _ => Deferrable::InitiallyImmediate,
        },
        _ => Deferrable::No,
    }
}

/// Parse a table's stored SQL; `None` when sqlparser cannot read it.
pub(crate) fn table_sql(sql: &str) -> Option<TableSql> {
    let Statement::CreateTable(CreateTable {
        columns,
        constraints,
        ..
    }) = parse_one(sql)?
    else {
        return None;
    };
    let mut out = TableSql::default();
    for col in &columns {
        let col_name = col.name.value.clone();
        for def in &col.options {
            let def_name = def.name.as_ref().map(|n| n.value.clone());
            match &def.option {
                ColumnOption::PrimaryKey(pk) => {
                    out.primary_key_name =
                        def_name.or_else(|| pk.name.as_ref().map(|n| n.value.clone()));
                }
                ColumnOption::Unique(u) => out.uniques.push((
                    def_name.or_else(|| u.name.as_ref().map(|n| n.value.clone())),
                    vec![col_name.clone()],
                )),
                ColumnOption::Check(c) => out.checks.push((
                    def_name.or_else(|| c.name.as_ref().map(|n| n.value.clone())),
                    c.expr.to_string(),
                )),
                ColumnOption::ForeignKey(fk) => out.foreign_keys.push(ForeignKeySql {
                    name: def_name.or_else(|| fk.name.as_ref().map(|n| n.value.clone())),
                    columns: vec![col_name.clone()],
                    table: last_name(&fk.foreign_table),
                    deferrable: deferrable(&fk.characteristics),
                }),
                ColumnOption::Generated {
                    generation_expr: Some(expr),
                    generation_expr_mode,
                    ..
                } => out.generated.push((
                    col_name.clone(),
                    expr.to_string(),
                    matches!(generation_expr_mode, Some(GeneratedExpressionMode::Stored)),
                )),
                _ => {}
            }
        }
    }
    for constraint in &constraints {
        match constraint {
            TableConstraint::PrimaryKey(pk) => {
                out.primary_key_name = pk.name.as_ref().map(|n| n.value.clone());
            }
            TableConstraint::Unique(u) => out.uniques.push((
                u.name.as_ref().map(|n| n.value.clone()),
                u.columns
                    .iter()
                    .map(|c| expr_name(&c.column.expr))
                    .collect(),
            )),
            TableConstraint::Check(c) => out
                .checks
                .push((c.name.as_ref().map(|n| n.value.clone()), c.expr.to_string())),
            TableConstraint::ForeignKey(fk) => out.foreign_keys.push(ForeignKeySql {
                name: fk.name.as_ref().map(|n| n.value.clone()),
                columns: fk.columns.iter().map(|c| c.value.clone()).collect(),
                table: last_name(&fk.foreign_table),
                deferrable: deferrable(&fk.characteristics),
            }),
            _ => {}
        }
    }
    Some(out)
}

/// Parse an index's stored SQL; `None` when sqlparser cannot read it.
pub(crate) fn index_sql(sql: &str) -> Option<IndexSql> {
    let Statement::CreateIndex(CreateIndex {
        columns, predicate, ..
    }) = parse_one(sql)?
    else {
        return None;
    };
    Some(IndexSql {
        parts: columns.iter().map(|c| c.column.expr.to_string()).collect(),
        predicate: predicate.map(|p| p.to_string()),
    })
}

/// An identifier as sqlparser prints it, without quotes (`"order"` → `order`).
pub(crate) fn unquote(ident: &str) -> String {
    let t = ident.trim();
    for (open, close) in [('"', '"'), ('`', '`'), ('[', ']')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            let doubled = format!("{close}{close}");
            return inner.replace(&doubled, &close.to_string());
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_checks_and_keys() {
        let t = table_sql(
            r#"CREATE TABLE "order" (
                id INTEGER NOT NULL CONSTRAINT pk_order PRIMARY KEY,
                -- a comment line
                qty INTEGER NOT NULL CHECK (qty > 0),
                code TEXT CONSTRAINT uq_code UNIQUE,
                total NUMERIC GENERATED ALWAYS AS (qty * 2) STORED,
                customer_id BIGINT,
                CONSTRAINT ck_order_code CHECK (length(code) = 3),
                CONSTRAINT fk_order_customers FOREIGN KEY (customer_id) REFERENCES customers (id)
                    DEFERRABLE INITIALLY DEFERRED
            )"#,
        )
        .expect("parses");
        assert_eq!(t.primary_key_name.as_deref(), Some("pk_order"));
        assert_eq!(t.uniques, [(Some("uq_code".into()), vec!["code".into()])]);
        assert_eq!(t.checks.len(), 2);
        assert_eq!(t.checks[0], (None, "qty > 0".into()));
        assert_eq!(t.checks[1].0.as_deref(), Some("ck_order_code"));
        assert_eq!(t.generated, [("total".into(), "qty * 2".into(), true)]);
        assert_eq!(
            t.foreign_keys[0].name.as_deref(),
            Some("fk_order_customers")
        );
        assert_eq!(t.foreign_keys[0].table, "customers");
        assert_eq!(t.foreign_keys[0].deferrable, Deferrable::InitiallyDeferred);
    }

    #[test]
    fn reads_index_expressions_and_predicates() {
        let i = index_sql(
            "CREATE INDEX ix ON t (lower(email), created_at DESC) WHERE deleted_at IS NULL",
        )
        .expect("parses");
        assert_eq!(i.parts, ["lower(email)", "created_at"]);
        assert_eq!(i.predicate.as_deref(), Some("deleted_at IS NULL"));
        assert!(index_sql("not sql").is_none());
    }

    #[test]
    fn unquotes() {
        assert_eq!(unquote("\"a\"\"b\""), "a\"b");
        assert_eq!(unquote("plain"), "plain");
    }
}
