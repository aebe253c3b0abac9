//! sqlparser's column definitions, constraints and index columns to the design's.

use super::SourceDialect;
use super::build::{Builder, column};
use schemata_model::{
    CheckConstraint, Column, DataType, DefaultValue, Deferrable, FkAction, ForeignKey, Generated,
    Identity, Index, IndexMethod, IndexPart, Literal, NullsOrder, PrimaryKey, SortOrder, Table,
    UniqueConstraint,
};
use sqlparser::ast::{
    self, ColumnDef, ColumnOption, ConstraintCharacteristics, DeferrableInitial, Expr, GeneratedAs,
    GeneratedExpressionMode, IndexColumn, IndexType, NullsDistinctOption, OrderBySort,
    ReferentialAction, TableConstraint, UnaryOperator, Value,
};
use sqlparser::tokenizer::Token;

/// A design type from a SQL type; serial types give the identity they imply.
pub(crate) fn data_type(b: &Builder, dt: &ast::DataType) -> (DataType, Option<Identity>) {
    if b.dialect == SourceDialect::Postgres
        && let Some(t) = common_type(dt)
    {
        debug_assert_eq!((&t, None), (&printed_type(b, dt).0, printed_type(b, dt).1));
        return (t, None);
    }
    printed_type(b, dt)
}

/// The design type of the PostgreSQL types most columns have, without printing them.
fn common_type(dt: &ast::DataType) -> Option<DataType> {
    use ast::{CharacterLength, ExactNumberInfo, TimezoneInfo};
    let varchar = |len: &Option<CharacterLength>| match len {
        None => Some(DataType::Varchar(None)),
        Some(CharacterLength::IntegerLength { length, unit: None }) => u32::try_from(*length)
            .ok()
            .map(|n| DataType::Varchar(Some(n))),
        Some(_) => None,
    };
    Some(match dt {
        ast::DataType::Integer(None) | ast::DataType::Int(None) | ast::DataType::Int4(None) => {
            DataType::Integer
        }
        ast::DataType::BigInt(None) | ast::DataType::Int8(None) => DataType::BigInt,
        ast::DataType::SmallInt(None) | ast::DataType::Int2(None) => DataType::SmallInt,
        ast::DataType::Text => DataType::Text,
        ast::DataType::Boolean | ast::DataType::Bool => DataType::Boolean,
        ast::DataType::Uuid => DataType::Uuid,
        ast::DataType::JSON => DataType::Json,
        ast::DataType::JSONB => DataType::Jsonb,
        ast::DataType::Bytea => DataType::Bytes,
        ast::DataType::Date => DataType::Date,
        ast::DataType::Timestamp(None, TimezoneInfo::None | TimezoneInfo::WithoutTimeZone) => {
            DataType::Timestamp
        }
        ast::DataType::Timestamp(None, TimezoneInfo::WithTimeZone | TimezoneInfo::Tz) => {
            DataType::Timestamptz
        }
        ast::DataType::CharacterVarying(len) | ast::DataType::Varchar(len) => varchar(len)?,
        ast::DataType::DoublePrecision | ast::DataType::Float8 => DataType::Double,
        ast::DataType::Real | ast::DataType::Float4 => DataType::Real,
        ast::DataType::Numeric(ExactNumberInfo::PrecisionAndScale(p, s))
        | ast::DataType::Decimal(ExactNumberInfo::PrecisionAndScale(p, s)) => DataType::Decimal {
            precision: Some(u32::try_from(*p).ok()?),
            scale: Some(u32::try_from(*s).ok()?),
        },
        _ => return None,
    })
}

/// [`data_type`] by printing the type and reading it back.
fn printed_type(b: &Builder, dt: &ast::DataType) -> (DataType, Option<Identity>) {
    let printed = dt.to_string();
    let mut text = if printed.contains('"')
        || printed.contains('`')
        || printed.contains('[') && !printed.ends_with("[]")
    {
        printed.replace(['"', '`', '[', ']'], "")
    } else {
        printed.clone()
    };
    if !printed.contains('"') {
        text = normalized_type_text(&text);
    }
    for prefix in ["public.", "pg_catalog.", "dbo."] {
        if text.len() > prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix) {
            text = text[prefix.len()..].to_string();
        }
    }
    let lower = text.to_ascii_lowercase();
    let serial = match lower.as_str() {
        "serial" | "serial4" => Some(DataType::Integer),
        "bigserial" | "serial8" => Some(DataType::BigInt),
        "smallserial" | "serial2" => Some(DataType::SmallInt),
        _ => None,
    };
    if let Some(t) = serial {
        return (t, Some(Identity::ByDefault));
    }
    if lower.is_empty() {
        // SQLite columns may have no type; SQLite reads them as `ANY`.
        return (DataType::Named("ANY".into()), None);
    }
    if b.dialect == SourceDialect::Mysql && lower == "year" {
        return (DataType::Named("year(4)".into()), None);
    }
    let national = b.dialect == SourceDialect::Mysql
        && (lower.starts_with("nvarchar") || lower.starts_with("nchar"));
    if b.dialect == SourceDialect::Mssql || national {
        let mapped = mssql_type(&lower);
        if let Some(t) = mapped {
            return (t, None);
        }
    }
    if b.is_domain(&text) {
        return (DataType::Named(text), None);
    }
    let parsed = match DataType::parse(&text) {
        Ok(DataType::Named(_)) | Err(_) => DataType::Named(text),
        Ok(t) => t,
    };
    (parsed, None)
}

/// A type as written, with its name in lower case and no spaces after the commas of its
/// arguments (`geometry(Polygon, 4326)` → `geometry(Polygon,4326)`); quoted text is kept.
fn normalized_type_text(text: &str) -> String {
    let (head, args) = match text.find('(') {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let mut out = head.to_lowercase();
    let mut in_quote = false;
    let mut after_comma = false;
    for c in args.chars() {
        if c == '\'' {
            in_quote = !in_quote;
        }
        if !in_quote && after_comma && c == ' ' {
            continue;
        }
        after_comma = !in_quote && c == ',';
        out.push(c);
    }
    out
}

fn mssql_type(lower: &str) -> Option<DataType> {
    let (head, args) = match lower.find('(') {
        Some(i) => (&lower[..i], Some(lower[i + 1..].trim_end_matches(')'))),
        None => (lower, None),
    };
    let n = args.and_then(|a| a.trim().parse::<u32>().ok());
    Some(match head.trim() {
        "nvarchar" | "varchar" => DataType::Varchar(n),
        "nchar" | "char" => DataType::Char(n),
        "ntext" => DataType::Text,
        "int" => DataType::Integer,
        "tinyint" => DataType::SmallInt,
        "datetime" | "datetime2" | "smalldatetime" => DataType::Timestamp,
        "datetimeoffset" => DataType::Timestamptz,
        "bit" => DataType::Boolean,
        "uniqueidentifier" => DataType::Uuid,
        "varbinary" | "image" | "binary" => DataType::Bytes,
        "float" => DataType::Double,
        "money" => DataType::Decimal {
            precision: Some(19),
            scale: Some(4),
        },
        _ => return None,
    })
}

/// An expression as text, with pg_dump's schema-qualified operators (`a OPERATOR(public.~) b`)
/// written plainly (`a ~ b`): they resolve to the same operators on the search path.
pub(crate) fn expr_text(expr: &Expr) -> String {
    let text = expr.to_string();
    if !text.contains("OPERATOR(") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("OPERATOR(") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "OPERATOR(".len()..];
        match after.find(')') {
            Some(close) => {
                let op = &after[..close];
                let op = op.rsplit('.').next().unwrap_or(op).trim();
                out.push_str(op);
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A default value: a literal when the expression is one (casts of a literal included), else
/// the expression as written.
pub(crate) fn default_value(expr: &Expr, data_type: &DataType) -> Option<DefaultValue> {
    let numeric = data_type.is_integer()
        || data_type.is_float()
        || matches!(data_type, DataType::Decimal { .. });
    match literal(expr) {
        Some(None) => None,
        Some(Some(Literal::String(s))) if numeric => match s.trim().parse::<serde_json::Number>() {
            Ok(n) => Some(DefaultValue::Literal(Literal::Number(n))),
            Err(_) => Some(DefaultValue::Literal(Literal::String(s))),
        },
        Some(Some(lit)) => Some(DefaultValue::Literal(lit)),
        None => Some(DefaultValue::Expr {
            expr: expr.to_string(),
        }),
    }
}

/// `Some(None)` for NULL, `Some(Some(l))` for a literal, `None` for anything else.
fn literal(expr: &Expr) -> Option<Option<Literal>> {
    match expr {
        Expr::Nested(inner) => literal(inner),
        Expr::Cast { expr, .. } => literal(expr),
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => match literal(expr)? {
            Some(Literal::Number(n)) => format!("-{n}")
                .parse()
                .ok()
                .map(|n| Some(Literal::Number(n))),
            _ => None,
        },
        Expr::Value(v) => match &v.value {
            Value::Null => Some(None),
            Value::Boolean(b) => Some(Some(Literal::Bool(*b))),
            Value::Number(n, _) => n.parse().ok().map(|n| Some(Literal::Number(n))),
            Value::SingleQuotedString(s)
            | Value::NationalStringLiteral(s)
            | Value::EscapedStringLiteral(s) => Some(Some(Literal::String(s.clone()))),
            _ => None,
        },
        _ => None,
    }
}

fn action(a: &Option<ReferentialAction>) -> FkAction {
    match a {
        Some(ReferentialAction::Restrict) => FkAction::Restrict,
        Some(ReferentialAction::Cascade) => FkAction::Cascade,
        Some(ReferentialAction::SetNull) => FkAction::SetNull,
        Some(ReferentialAction::SetDefault) => FkAction::SetDefault,
        Some(ReferentialAction::NoAction) | None => FkAction::NoAction,
    }
}

fn deferrable(c: &Option<ConstraintCharacteristics>) -> Deferrable {
    match c {
        Some(c) if c.deferrable == Some(true) => match c.initially {
            Some(DeferrableInitial::Deferred) => Deferrable::InitiallyDeferred,
            _ => Deferrable::InitiallyImmediate,
        },
        _ => Deferrable::No,
    }
}

/// A column from its definition; constraints written on the column go to `table`.
pub(crate) fn column_def(b: &mut Builder, def: &ColumnDef, table: &mut Table) -> Column {
    let name = b.ident(&def.name);
    let (data_type, identity) = data_type(b, &def.data_type);
    let mut col = column(name.clone(), data_type);
    col.identity = identity;
    for opt in &def.options {
        let cname = opt.name.as_ref().map(|n| b.ident(n));
        match &opt.option {
            ColumnOption::NotNull => col.nullable = false,
            ColumnOption::Null => col.nullable = true,
            ColumnOption::Default(expr) => {
                col.default = default_value(expr, b.design.base_type(&col.data_type))
            }
            ColumnOption::Comment(c) => col.comment = Some(c.clone()),
            ColumnOption::PrimaryKey(pk) => {
                table.primary_key = Some(PrimaryKey {
                    name: cname.or_else(|| pk.name.as_ref().map(|n| b.ident(n))),
                    columns: vec![name.clone()],
                });
                col.nullable = false;
            }
            ColumnOption::Unique(u) => table.uniques.push(UniqueConstraint {
                id: String::new(),
                name: cname.or_else(|| u.name.as_ref().map(|n| b.ident(n))),
                columns: vec![name.clone()],
                nulls_not_distinct: u.nulls_distinct == NullsDistinctOption::NotDistinct,
            }),
            ColumnOption::ForeignKey(fk) => {
                let q = b.qname(&fk.foreign_table);
                table.foreign_keys.push(ForeignKey {
                    id: String::new(),
                    name: cname.or_else(|| fk.name.as_ref().map(|n| b.ident(n))),
                    columns: vec![name.clone()],
                    references: Builder::table_id(&q),
                    referenced_columns: fk.referred_columns.iter().map(|c| b.ident(c)).collect(),
                    on_delete: action(&fk.on_delete),
                    on_update: action(&fk.on_update),
                    deferrable: deferrable(&fk.characteristics),
                });
            }
            ColumnOption::Check(c) => table.checks.push(CheckConstraint {
                id: String::new(),
                name: cname.or_else(|| c.name.as_ref().map(|n| b.ident(n))),
                expr: expr_text(&c.expr),
            }),
            ColumnOption::Generated {
                generated_as,
                generation_expr,
                generation_expr_mode,
                ..
            } => match generation_expr {
                Some(expr) => {
                    col.generated = Some(Generated {
                        expr: expr.to_string(),
                        stored: !matches!(
                            generation_expr_mode,
                            Some(GeneratedExpressionMode::Virtual)
                        ),
                    })
                }
                None => {
                    col.identity = Some(match generated_as {
                        GeneratedAs::Always => Identity::Always,
                        _ => Identity::ByDefault,
                    })
                }
            },
            ColumnOption::Identity(_) => col.identity = Some(Identity::ByDefault),
            ColumnOption::DialectSpecific(tokens) => {
                let auto = tokens.iter().any(|t| match t {
                    Token::Word(w) => {
                        w.value.eq_ignore_ascii_case("auto_increment")
                            || w.value.eq_ignore_ascii_case("autoincrement")
                    }
                    _ => false,
                });
                if auto {
                    col.identity = Some(Identity::ByDefault);
                }
            }
            ColumnOption::CharacterSet(_)
            | ColumnOption::Collation(_)
            | ColumnOption::OnUpdate(_) => {
                b.drop_part(
                    "column option",
                    format!(
                        "`{}` on column `{name}` is not part of the design",
                        opt.option
                    ),
                );
            }
            other => b.drop_part(
                "column option",
                format!("`{other}` on column `{name}` is not part of the design"),
            ),
        }
    }
    col
}

/// Column names of index columns that are plain columns; `None` when one is an expression.
fn plain_columns(b: &Builder, cols: &[IndexColumn]) -> Option<Vec<String>> {
    cols.iter()
        .map(|c| match &c.column.expr {
            Expr::Identifier(i) => Some(b.ident(i)),
            _ => None,
        })
        .collect()
}

/// Apply a table constraint to `table`. Returns false when the design cannot hold it (the
/// reason is recorded).
pub(crate) fn table_constraint(b: &mut Builder, c: &TableConstraint, table: &mut Table) -> bool {
    match c {
        TableConstraint::PrimaryKey(pk) => match plain_columns(b, &pk.columns) {
            Some(columns) => {
                table.primary_key = Some(PrimaryKey {
                    name: pk.name.as_ref().map(|n| b.ident(n)),
                    columns,
                });
                true
            }
            None => drop(b, "PRIMARY KEY", "an expression in a primary key"),
        },
        TableConstraint::Unique(u) => match plain_columns(b, &u.columns) {
            Some(columns) => {
                let name = u
                    .name
                    .as_ref()
                    .or(u.index_name.as_ref())
                    .map(|n| b.ident(n));
                table.uniques.push(UniqueConstraint {
                    id: String::new(),
                    name,
                    columns,
                    nulls_not_distinct: u.nulls_distinct == NullsDistinctOption::NotDistinct,
                });
                true
            }
            None => drop(b, "UNIQUE", "an expression in a unique constraint"),
        },
        TableConstraint::ForeignKey(fk) => {
            let q = b.qname(&fk.foreign_table);
            table.foreign_keys.push(ForeignKey {
                id: String::new(),
                name: fk.name.as_ref().map(|n| b.ident(n)),
                columns: fk.columns.iter().map(|c| b.ident(c)).collect(),
                references: Builder::table_id(&q),
                referenced_columns: fk.referred_columns.iter().map(|c| b.ident(c)).collect(),
                on_delete: action(&fk.on_delete),
                on_update: action(&fk.on_update),
                deferrable: deferrable(&fk.characteristics),
            });
            true
        }
        TableConstraint::Check(ck) => {
            table.checks.push(CheckConstraint {
                id: String::new(),
                name: ck.name.as_ref().map(|n| b.ident(n)),
                expr: expr_text(&ck.expr),
            });
            true
        }
        TableConstraint::Index(ix) => {
            let index = Index {
                id: String::new(),
                name: ix.name.as_ref().map(|n| b.ident(n)),
                parts: index_parts(b, &ix.columns, table),
                unique: false,
                method: method(b, &ix.index_type),
                include: Vec::new(),
                predicate: None,
            };
            table.indexes.push(index);
            true
        }
        TableConstraint::FulltextOrSpatial(_) => drop(
            b,
            "FULLTEXT/SPATIAL index",
            "full-text and spatial indexes are not part of the design",
        ),
        TableConstraint::PrimaryKeyUsingIndex(_) | TableConstraint::UniqueUsingIndex(_) => drop(
            b,
            "constraint USING INDEX",
            "a constraint built on an existing index is not part of the design",
        ),
        TableConstraint::Exclude(_) => drop(
            b,
            "EXCLUDE constraint",
            "exclusion constraints are not part of the design",
        ),
    }
}

fn drop(b: &mut Builder, kind: &str, reason: &str) -> bool {
    b.drop_part(kind, reason);
    false
}

/// The index method; unknown methods read as btree, with a note.
pub(crate) fn method(b: &mut Builder, t: &Option<IndexType>) -> IndexMethod {
    match t {
        None | Some(IndexType::BTree) => IndexMethod::Btree,
        Some(IndexType::Hash) => IndexMethod::Hash,
        Some(IndexType::GIN) => IndexMethod::Gin,
        Some(IndexType::GiST) => IndexMethod::Gist,
        Some(IndexType::SPGiST) => IndexMethod::Spgist,
        Some(IndexType::BRIN) => IndexMethod::Brin,
        Some(other) => {
            let name = other.to_string();
            match name.to_ascii_lowercase().as_str() {
                "btree" => IndexMethod::Btree,
                "hash" => IndexMethod::Hash,
                "gin" => IndexMethod::Gin,
                "gist" => IndexMethod::Gist,
                "spgist" => IndexMethod::Spgist,
                "brin" => IndexMethod::Brin,
                _ => {
                    b.drop_part(
                        "index method",
                        format!("index method `{name}` is not part of the design; read as btree"),
                    );
                    IndexMethod::Btree
                }
            }
        }
    }
}

/// Index key parts: a column of `table` or an expression, with direction, NULLS order and
/// operator class.
pub(crate) fn index_parts(b: &Builder, cols: &[IndexColumn], table: &Table) -> Vec<IndexPart> {
    cols.iter()
        .map(|c| {
            let (column, expr) = match &c.column.expr {
                Expr::Identifier(i) => {
                    let name = b.ident(i);
                    if table.columns.iter().any(|col| col.id == name) {
                        (Some(name), None)
                    } else {
                        (None, Some(expr_text(&c.column.expr)))
                    }
                }
                other => (None, Some(expr_text(other))),
            };
            IndexPart {
                column,
                expr,
                order: match c.column.options.sort {
                    Some(OrderBySort::Desc) => SortOrder::Desc,
                    _ => SortOrder::Asc,
                },
                nulls: c.column.options.nulls_first.map(|first| {
                    if first {
                        NullsOrder::First
                    } else {
                        NullsOrder::Last
                    }
                }),
                opclass: c.operator_class.as_ref().map(|o| {
                    let s = o.to_string();
                    s.strip_prefix("public.").map(str::to_string).unwrap_or(s)
                }),
            }
        })
        .collect()
}

/// A new empty table named `q`.
pub(crate) fn empty_table(q: &super::build::QName) -> Table {
    Table {
        id: Builder::table_id(q),
        name: q.1.clone(),
        schema: q.0.clone(),
        comment: None,
        columns: Vec::new(),
        primary_key: None,
        uniques: Vec::new(),
        checks: Vec::new(),
        foreign_keys: Vec::new(),
        indexes: Vec::new(),
        functional_dependencies: Vec::new(),
        partition_by: None,
        partition_of: None,
        scale: None,
    }
}
