//! The walk over one parsed statement: scopes of table sources, name resolution, and the
//! predicate shapes recorded in [`TableAccess`].

use std::borrow::Cow;

use schemata_model::{DataType, Diagnostic};
use sqlparser::ast::{
    self, BinaryOperator, Expr, FromTable, FunctionArg, FunctionArgExpr, FunctionArguments,
    GroupByExpr, JoinConstraint, JoinOperator, LimitClause, ObjectName, ObjectNamePart, Query,
    SelectItem, SelectItemQualifiedWildcardKind, SetExpr, Statement, TableFactor, TableObject,
    TableWithJoins, UpdateTableFromKind, Value,
};

mod catalog;
mod predicates;
mod walk;

pub use catalog::Catalog;

use super::{
    AMBIGUOUS_COLUMN, Equality, InList, Join, LikeKind, LikeUse, Operand, SortKey,
    StatementAnalysis, StatementKind, TableAccess, TypeMismatch, UNKNOWN_COLUMN, UNKNOWN_TABLE,
    Wrapped,
};

/// A name a statement can qualify columns with.
struct Source {
    /// Lower-cased alias, or table name.
    key: String,
    /// Index into `tables`; `None` for CTEs, derived tables and unknown tables.
    access: Option<usize>,
}

/// A column reference, resolved or not.
enum Side {
    Column(usize, String),
    Wrapped(usize, String, String),
    Other,
}

pub(crate) fn analyze_statement(
    catalog: &Catalog<'_>,
    statement: &Statement,
    labels: &[String],
) -> StatementAnalysis {
    let mut w = Walker {
        catalog,
        labels,
        out: StatementAnalysis {
            kind: StatementKind::Other,
            tables: Vec::new(),
            joins: Vec::new(),
            limited: false,
            aggregate_only: false,
            select_star: false,
            parameters: labels.to_vec(),
            diagnostics: Vec::new(),
        },
        scopes: Vec::new(),
        ctes: Vec::new(),
        projecting: false,
        aliases: Vec::new(),
    };
    w.statement(statement);
    w.out.diagnostics.sort_by(|a, b| a.message.cmp(&b.message));
    w.out.diagnostics.dedup();
    w.out
}

struct Walker<'c, 'd> {
    catalog: &'c Catalog<'d>,
    labels: &'c [String],
    out: StatementAnalysis,
    scopes: Vec<Vec<Source>>,
    ctes: Vec<String>,
    /// Column references found now are read into the result.
    projecting: bool,
    /// Output aliases of the current SELECT (ORDER BY may name them).
    aliases: Vec<String>,
}

impl Walker<'_, '_> {
    fn statement(&mut self, statement: &Statement) {
        match statement {
            Statement::Query(q) => {
                self.out.kind = StatementKind::Select;
                self.query(q, true);
            }
            Statement::Insert(ins) => {
                self.out.kind = StatementKind::Insert;
                self.scopes.push(Vec::new());
                if let TableObject::TableName(name) = &ins.table
                    && let Some(i) = self.table(name, None)
                {
                    self.out.tables[i].target = true;
                    let mut columns = Vec::with_capacity(ins.columns.len());
                    for c in &ins.columns {
                        let col = self.column_of_access(i, last_ident(c));
                        if let Some(col) = &col {
                            push_once(&mut self.out.tables[i].written, col.clone());
                        }
                        columns.push(col);
                    }
                    self.inserted_values(i, &columns, ins.source.as_deref());
                }
                if let Some(source) = &ins.source {
                    self.query(source, false);
                }
                if let Some(items) = &ins.returning {
                    self.projection(items, false);
                }
                self.scopes.pop();
            }
            Statement::Update(u) => {
                self.out.kind = StatementKind::Update;
                self.scopes.push(Vec::new());
                let first = self.out.tables.len();
                self.table_with_joins(&u.table);
                if let Some(t) = self.out.tables.get_mut(first) {
                    t.target = true;
                }
                if let Some(UpdateTableFromKind::BeforeSet(f) | UpdateTableFromKind::AfterSet(f)) =
                    &u.from
                {
                    for t in f {
                        self.table_with_joins(t);
                    }
                }
                for a in &u.assignments {
                    if let ast::AssignmentTarget::ColumnName(name) = &a.target
                        && let Side::Column(i, col) = self.resolve_name(name)
                    {
                        push_once(&mut self.out.tables[i].written, col);
                    }
                    self.walk(&a.value);
                }
                if let Some(e) = &u.selection {
                    self.predicate(e);
                }
                if let Some(items) = &u.returning {
                    self.projection(items, false);
                }
                self.out.limited = u.limit.is_some();
                self.scopes.pop();
            }
            Statement::Delete(d) => {
                self.out.kind = StatementKind::Delete;
                self.scopes.push(Vec::new());
                let first = self.out.tables.len();
                let (FromTable::WithFromKeyword(from) | FromTable::WithoutKeyword(from)) = &d.from;
                for t in from {
                    self.table_with_joins(t);
                }
                if let Some(t) = self.out.tables.get_mut(first) {
                    t.target = true;
                }
                for t in d.using.iter().flatten() {
                    self.table_with_joins(t);
                }
                if let Some(e) = &d.selection {
                    self.predicate(e);
                }
                if let Some(items) = &d.returning {
                    self.projection(items, false);
                }
                self.out.limited = d.limit.is_some();
                self.scopes.pop();
            }
            _ => {}
        }
    }

    /// The values a single-row `INSERT ... VALUES` gives its columns; several rows or a query
    /// leave `inserted` empty and set `insert_rows` accordingly.
    fn inserted_values(&mut self, i: usize, columns: &[Option<String>], source: Option<&Query>) {
        let rows = match source.map(|q| q.body.as_ref()) {
            Some(SetExpr::Values(v)) => v.rows.len(),
            _ => {
                self.out.tables[i].insert_rows = None;
                return;
            }
        };
        self.out.tables[i].insert_rows = Some(rows);
        if rows != 1 {
            return;
        }
        let Some(SetExpr::Values(v)) = source.map(|q| q.body.as_ref()) else {
            return;
        };
        let inserted: Vec<Equality> = columns
            .iter()
            .zip(&v.rows[0].content)
            .filter_map(|(c, e)| {
                c.as_ref().map(|column| Equality {
                    column: column.clone(),
                    operand: self.operand(e),
                })
            })
            .collect();
        self.out.tables[i].inserted = inserted;
    }

    fn query(&mut self, q: &Query, outer: bool) {
        let ctes_before = self.ctes.len();
        if let Some(with) = &q.with {
            for cte in &with.cte_tables {
                if with.recursive {
                    self.ctes.push(cte.alias.name.value.to_lowercase());
                }
                self.nested(|w| w.query(&cte.query, false));
                if !with.recursive {
                    self.ctes.push(cte.alias.name.value.to_lowercase());
                }
            }
        }
        match q.body.as_ref() {
            SetExpr::Select(s) => {
                self.scopes.push(Vec::new());
                let aliases = std::mem::take(&mut self.aliases);
                self.select(s, outer);
                if let Some(order) = &q.order_by
                    && let ast::OrderByKind::Expressions(items) = &order.kind
                {
                    for item in items {
                        self.order_key(
                            &item.expr,
                            matches!(item.options.sort, Some(ast::OrderBySort::Desc)),
                        );
                    }
                }
                self.aliases = aliases;
                self.scopes.pop();
            }
            other => self.set_expr(other),
        }
        self.ctes.truncate(ctes_before);
        if outer {
            self.out.limited = match &q.limit_clause {
                Some(LimitClause::LimitOffset { limit, .. }) => limit.is_some(),
                Some(LimitClause::OffsetCommaLimit { .. }) => true,
                None => false,
            } || q.fetch.is_some();
        }
    }

    fn set_expr(&mut self, body: &SetExpr) {
        match body {
            SetExpr::Select(s) => {
                self.scopes.push(Vec::new());
                self.select(s, false);
                self.scopes.pop();
            }
            SetExpr::Query(q) => self.query(q, false),
            SetExpr::SetOperation { left, right, .. } => {
                self.set_expr(left);
                self.set_expr(right);
            }
            SetExpr::Values(v) => {
                for row in &v.rows {
                    for e in &row.content {
                        self.walk(e);
                    }
                }
            }
            SetExpr::Insert(s) | SetExpr::Update(s) | SetExpr::Delete(s) => self.statement(s),
            _ => {}
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        let aliases = std::mem::take(&mut self.aliases);
        let projecting = std::mem::replace(&mut self.projecting, false);
        f(self);
        self.projecting = projecting;
        self.aliases = aliases;
    }

    fn select(&mut self, s: &ast::Select, outer: bool) {
        for t in &s.from {
            self.table_with_joins(t);
        }
        self.aliases = s
            .projection
            .iter()
            .filter_map(|item| match item {
                SelectItem::ExprWithAlias { alias, .. } => Some(alias.value.to_lowercase()),
                _ => None,
            })
            .collect();
        self.projection(&s.projection, outer);
        if outer {
            let grouped = matches!(&s.group_by, GroupByExpr::Expressions(e, _) if !e.is_empty());
            self.out.aggregate_only = !grouped
                && s.projection.iter().all(|item| match item {
                    SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } => {
                        is_aggregate(e)
                    }
                    _ => false,
                });
        }
        if let Some(e) = &s.selection {
            self.predicate(e);
        }
        if let GroupByExpr::Expressions(exprs, _) = &s.group_by {
            for e in exprs {
                if let Side::Column(i, col) = self.side(e) {
                    push_once(&mut self.out.tables[i].group_by, col);
                }
                self.walk(e);
            }
        }
        if let Some(h) = &s.having {
            self.walk(h);
        }
    }

    fn projection(&mut self, items: &[SelectItem], outer: bool) {
        for item in items {
            match item {
                SelectItem::Wildcard(_) => {
                    if outer {
                        self.out.select_star = true;
                    }
                    let accesses: Vec<usize> = self
                        .scopes
                        .last()
                        .map(|s| s.iter().filter_map(|src| src.access).collect())
                        .unwrap_or_default();
                    for i in accesses {
                        self.out.tables[i].star = true;
                    }
                }
                SelectItem::QualifiedWildcard(kind, _) => {
                    if outer {
                        self.out.select_star = true;
                    }
                    if let SelectItemQualifiedWildcardKind::ObjectName(name) = kind
                        && let Some(Some(i)) = self.source(last_ident(name))
                    {
                        self.out.tables[i].star = true;
                    }
                }
                SelectItem::UnnamedExpr(e)
                | SelectItem::ExprWithAlias { expr: e, .. }
                | SelectItem::ExprWithAliases { expr: e, .. } => {
                    self.projecting = true;
                    self.walk(e);
                    self.projecting = false;
                }
            }
        }
    }

    fn table_with_joins(&mut self, t: &TableWithJoins) {
        self.factor(&t.relation);
        for join in &t.joins {
            let before = self.out.tables.len();
            self.factor(&join.relation);
            let constraint = match &join.join_operator {
                JoinOperator::Join(c)
                | JoinOperator::Inner(c)
                | JoinOperator::Left(c)
                | JoinOperator::LeftOuter(c)
                | JoinOperator::Right(c)
                | JoinOperator::RightOuter(c)
                | JoinOperator::FullOuter(c)
                | JoinOperator::CrossJoin(c)
                | JoinOperator::Semi(c)
                | JoinOperator::LeftSemi(c)
                | JoinOperator::RightSemi(c)
                | JoinOperator::Anti(c)
                | JoinOperator::LeftAnti(c)
                | JoinOperator::RightAnti(c) => Some(c),
                _ => None,
            };
            match constraint {
                Some(JoinConstraint::On(e)) => self.predicate(e),
                Some(JoinConstraint::Using(names)) => {
                    for name in names {
                        self.using_join(before, last_ident(name));
                    }
                }
                _ => {}
            }
        }
    }

    /// `JOIN t USING (col)`: the new table (from `new_from`) joins the first earlier one that
    /// has the column.
    fn using_join(&mut self, new_from: usize, name: &str) {
        let right = (new_from..self.out.tables.len())
            .find_map(|i| self.column_of_access_quiet(i, name).map(|c| (i, c)));
        let left = (0..new_from.min(self.out.tables.len()))
            .find_map(|i| self.column_of_access_quiet(i, name).map(|c| (i, c)));
        if let (Some((r, rc)), Some((l, lc))) = (right, left) {
            self.record_join(l, lc, r, rc);
        }
    }

    fn factor(&mut self, f: &TableFactor) {
        match f {
            TableFactor::Table {
                name, alias, args, ..
            } if args.is_none() => {
                let alias = alias.as_ref().map(|a| a.name.value.clone());
                let cte = (name.0.len() == 1 && !self.ctes.is_empty())
                    .then(|| last_ident(name).to_lowercase())
                    .filter(|table| self.ctes.contains(table));
                match cte {
                    Some(table) => self.add_source(alias.unwrap_or(table), None),
                    None => {
                        self.table(name, alias);
                    }
                }
            }
            TableFactor::Derived {
                subquery, alias, ..
            } => {
                self.nested(|w| w.query(subquery, false));
                let key = alias
                    .as_ref()
                    .map(|a| a.name.value.clone())
                    .unwrap_or_default();
                self.add_source(key, None);
            }
            TableFactor::NestedJoin {
                table_with_joins, ..
            } => self.table_with_joins(table_with_joins),
            _ => self.add_source(String::new(), None),
        }
    }

    /// A design table named in FROM / JOIN / INSERT INTO: a new access, or a diagnostic.
    fn table(&mut self, name: &ObjectName, alias: Option<String>) -> Option<usize> {
        let parts: Vec<&str> = name.0.iter().map(part_name).collect();
        let table_name = parts.last().copied().unwrap_or("");
        let schema = (parts.len() >= 2).then(|| parts[parts.len() - 2]);
        match self.catalog.find(schema, table_name) {
            Some(t) => {
                let i = self.out.tables.len();
                self.out.tables.push(TableAccess::new(&t.id, alias.clone()));
                self.add_source(alias.unwrap_or_else(|| t.name.clone()), Some(i));
                Some(i)
            }
            None => {
                self.out.diagnostics.push(
                    Diagnostic::error(
                        UNKNOWN_TABLE,
                        format!("table `{}` is not in the design", parts.join(".")),
                    )
                    .with_help("check the spelling, or add the table to the design"),
                );
                self.add_source(alias.unwrap_or_else(|| table_name.to_string()), None);
                None
            }
        }
    }

    fn add_source(&mut self, key: String, access: Option<usize>) {
        if self.scopes.is_empty() {
            self.scopes.push(Vec::new());
        }
        if let Some(scope) = self.scopes.last_mut() {
            let key = match lowered(&key) {
                Cow::Owned(lower) => lower,
                Cow::Borrowed(_) => key,
            };
            scope.push(Source { key, access });
        }
    }

    /// The source qualified by `name`, innermost scope first: `Some(None)` for an opaque one.
    fn source(&self, name: &str) -> Option<Option<usize>> {
        let key = lowered(name);
        self.scopes
            .iter()
            .rev()
            .find_map(|scope| scope.iter().find(|s| s.key == key).map(|s| s.access))
    }

    /// Whether `name` is an output alias of the current SELECT.
    fn is_output_alias(&self, name: &str) -> bool {
        !self.aliases.is_empty() && {
            let lower = lowered(name);
            self.aliases.iter().any(|a| *a == lower)
        }
    }

    fn resolve(&mut self, e: &Expr) -> Side {
        let (qualifier, name) = match e {
            Expr::Identifier(id) => (None, id.value.as_str()),
            Expr::CompoundIdentifier(parts) if parts.len() >= 2 => (
                Some(parts[parts.len() - 2].value.as_str()),
                parts[parts.len() - 1].value.as_str(),
            ),
            _ => return Side::Other,
        };
        let side = self.resolve_parts(qualifier, name);
        if self.projecting
            && let Side::Column(i, c) = &side
        {
            push_once(&mut self.out.tables[*i].projection, c.clone());
        }
        side
    }

    fn resolve_name(&mut self, name: &ObjectName) -> Side {
        let parts: Vec<&str> = name.0.iter().map(part_name).collect();
        match parts.as_slice() {
            [.., q, n] => self.resolve_parts(Some(q), n),
            [n] => self.resolve_parts(None, n),
            [] => Side::Other,
        }
    }

    fn resolve_parts(&mut self, qualifier: Option<&str>, name: &str) -> Side {
        if let Some(q) = qualifier {
            return match self.source(q) {
                Some(Some(i)) => match self.column_of_access(i, name) {
                    Some(c) => Side::Column(i, c),
                    None => Side::Other,
                },
                Some(None) => Side::Other,
                None => {
                    self.out.diagnostics.push(Diagnostic::error(
                        UNKNOWN_TABLE,
                        format!("`{q}` is not a table or alias of the statement (in `{q}.{name}`)"),
                    ));
                    Side::Other
                }
            };
        }
        if self.is_output_alias(name) {
            return Side::Other;
        }
        for depth in (0..self.scopes.len()).rev() {
            let scope = &self.scopes[depth];
            let opaque = scope.iter().any(|s| s.access.is_none());
            let hits: Vec<(usize, String)> = scope
                .iter()
                .filter_map(|s| s.access)
                .filter_map(|i| self.column_of_access_quiet(i, name).map(|c| (i, c)))
                .collect();
            match hits.len() {
                1 => {
                    let (i, c) = hits.into_iter().next().unwrap_or_default();
                    return Side::Column(i, c);
                }
                0 if opaque => return Side::Other,
                0 => continue,
                _ => {
                    self.out.diagnostics.push(
                        Diagnostic::error(
                            AMBIGUOUS_COLUMN,
                            format!("column `{name}` is in several tables of the statement"),
                        )
                        .with_help("qualify it with its table or alias"),
                    );
                    return Side::Other;
                }
            }
        }
        if name.eq_ignore_ascii_case("true") || name.eq_ignore_ascii_case("false") {
            return Side::Other;
        }
        let tables: Vec<String> = self
            .scopes
            .iter()
            .flatten()
            .filter_map(|s| s.access)
            .filter_map(|i| self.catalog.table(&self.out.tables[i].table))
            .map(|t| t.name.clone())
            .collect();
        if !tables.is_empty() {
            self.out.diagnostics.push(Diagnostic::error(
                UNKNOWN_COLUMN,
                format!("column `{name}` is not in {}", tables.join(", ")),
            ));
        }
        Side::Other
    }

    fn column_of_access_quiet(&self, i: usize, name: &str) -> Option<String> {
        let table = self.catalog.table(&self.out.tables.get(i)?.table)?;
        table
            .columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .map(|c| c.id.clone())
    }

    fn column_of_access(&mut self, i: usize, name: &str) -> Option<String> {
        let found = self.column_of_access_quiet(i, name);
        if found.is_none() {
            let table = self
                .catalog
                .design
                .table(&self.out.tables[i].table)
                .map(|t| t.name.clone())
                .unwrap_or_default();
            self.out.diagnostics.push(Diagnostic::error(
                UNKNOWN_COLUMN,
                format!("column `{name}` is not in {table}"),
            ));
        }
        found
    }
}

/// `name` lower-cased, borrowed when it has no upper-case letter.
fn lowered(name: &str) -> Cow<'_, str> {
    if name
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(name.to_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

fn push_once(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn part_name(p: &ObjectNamePart) -> &str {
    match p {
        ObjectNamePart::Identifier(id) => id.value.as_str(),
        ObjectNamePart::Function(f) => f.name.value.as_str(),
    }
}

fn last_ident(name: &ObjectName) -> &str {
    name.0.last().map(part_name).unwrap_or("")
}

fn is_numeric(t: &DataType) -> bool {
    t.is_integer() || t.is_float() || matches!(t, DataType::Decimal { .. })
}

fn like_kind(pattern: &Expr) -> LikeKind {
    match pattern {
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s) => {
                if s.starts_with('%') || s.starts_with('_') {
                    LikeKind::LeadingWildcard
                } else if s.is_empty() {
                    LikeKind::Unknown
                } else {
                    LikeKind::Prefix
                }
            }
            _ => LikeKind::Unknown,
        },
        // `'%' || $1` and the like.
        Expr::BinaryOp {
            left,
            op: BinaryOperator::StringConcat,
            ..
        } => match like_kind(left) {
            LikeKind::LeadingWildcard => LikeKind::LeadingWildcard,
            _ => LikeKind::Unknown,
        },
        Expr::Nested(inner) => like_kind(inner),
        _ => LikeKind::Unknown,
    }
}

fn is_aggregate(e: &Expr) -> bool {
    match e {
        Expr::Function(f) => matches!(
            f.name.to_string().to_lowercase().as_str(),
            "count"
                | "sum"
                | "min"
                | "max"
                | "avg"
                | "bool_and"
                | "bool_or"
                | "array_agg"
                | "string_agg"
                | "json_agg"
                | "jsonb_agg"
                | "every"
        ),
        Expr::Nested(inner) | Expr::Cast { expr: inner, .. } => is_aggregate(inner),
        Expr::BinaryOp { left, right, .. } => is_aggregate(left) && is_aggregate(right),
        _ => false,
    }
}
