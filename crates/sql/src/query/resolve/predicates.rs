//! Predicates: equality, IN, ranges, LIKE, joins and sort keys, and what columns are compared
//! with.

use super::*;

impl Walker<'_, '_> {
    /// Conjuncts of WHERE, ON and HAVING-like predicates.
    pub(super) fn predicate(&mut self, e: &Expr) {
        match e {
            Expr::BinaryOp {
                left,
                op: BinaryOperator::And,
                right,
            } => {
                self.predicate(left);
                self.predicate(right);
            }
            Expr::Nested(inner) => self.predicate(inner),
            Expr::BinaryOp { left, op, right } => {
                self.comparison(left, op, right);
                self.walk(left);
                self.walk(right);
            }
            Expr::InList {
                expr,
                list,
                negated: false,
            } => {
                match self.side(expr) {
                    Side::Column(i, col) if list.len() == 1 => {
                        let operand = self.operand(&list[0]);
                        self.check_types(i, &col, &list[0]);
                        self.out.tables[i].equality.push(Equality {
                            column: col,
                            operand,
                        });
                    }
                    Side::Column(i, col) => {
                        for item in list {
                            self.check_types(i, &col, item);
                        }
                        self.out.tables[i].in_lists.push(InList {
                            column: col,
                            len: Some(list.len()),
                        });
                    }
                    Side::Wrapped(i, col, f) => self.wrapped(i, col, f),
                    Side::Other => {}
                }
                self.walk(expr);
                for item in list {
                    self.walk(item);
                }
            }
            Expr::InSubquery {
                expr,
                subquery,
                negated: false,
            } => {
                match self.side(expr) {
                    Side::Column(i, col) => self.out.tables[i].in_lists.push(InList {
                        column: col,
                        len: None,
                    }),
                    Side::Wrapped(i, col, f) => self.wrapped(i, col, f),
                    Side::Other => {}
                }
                self.walk(expr);
                self.nested(|w| w.query(subquery, false));
            }
            Expr::Between {
                expr,
                negated: false,
                low,
                high,
            } => {
                match self.side(expr) {
                    Side::Column(i, col) => {
                        self.check_types(i, &col, low);
                        self.check_types(i, &col, high);
                        for bound in [low, high] {
                            let operand = self.operand(bound);
                            self.out.tables[i].bounds.push(Equality {
                                column: col.clone(),
                                operand,
                            });
                        }
                        push_once(&mut self.out.tables[i].ranges, col);
                    }
                    Side::Wrapped(i, col, f) => self.wrapped(i, col, f),
                    Side::Other => {}
                }
                self.walk(expr);
                self.walk(low);
                self.walk(high);
            }
            Expr::Like {
                negated: false,
                expr,
                pattern,
                ..
            }
            | Expr::ILike {
                negated: false,
                expr,
                pattern,
                ..
            } => {
                let case_insensitive = matches!(e, Expr::ILike { .. });
                match self.side(expr) {
                    Side::Column(i, col) => {
                        let kind = like_kind(pattern);
                        self.out.tables[i].likes.push(LikeUse {
                            column: col,
                            kind,
                            case_insensitive,
                        });
                    }
                    Side::Wrapped(i, col, f) => self.wrapped(i, col, f),
                    Side::Other => {}
                }
                self.walk(expr);
                self.walk(pattern);
            }
            other => self.walk(other),
        }
    }

    pub(super) fn comparison(&mut self, left: &Expr, op: &BinaryOperator, right: &Expr) {
        let is_range = matches!(
            op,
            BinaryOperator::Lt | BinaryOperator::LtEq | BinaryOperator::Gt | BinaryOperator::GtEq
        );
        if !is_range && *op != BinaryOperator::Eq {
            return;
        }
        let (l, r) = (self.side(left), self.side(right));
        match (l, r) {
            (Side::Column(li, lc), Side::Column(ri, rc)) if li != ri => {
                if *op == BinaryOperator::Eq {
                    self.record_join(li, lc, ri, rc);
                }
            }
            (Side::Column(i, col), Side::Other) => self.bound(i, col, right, is_range),
            (Side::Other, Side::Column(i, col)) => self.bound(i, col, left, is_range),
            (l, r) => {
                for side in [l, r] {
                    if let Side::Wrapped(i, col, f) = side {
                        self.wrapped(i, col, f);
                    }
                }
            }
        }
    }

    pub(super) fn bound(&mut self, i: usize, column: String, value: &Expr, is_range: bool) {
        self.check_types(i, &column, value);
        if is_range {
            let operand = self.operand(value);
            self.out.tables[i].bounds.push(Equality {
                column: column.clone(),
                operand,
            });
            push_once(&mut self.out.tables[i].ranges, column);
        } else {
            let operand = self.operand(value);
            self.out.tables[i]
                .equality
                .push(Equality { column, operand });
        }
    }

    pub(super) fn record_join(
        &mut self,
        left: usize,
        left_column: String,
        right: usize,
        right_column: String,
    ) {
        push_once(&mut self.out.tables[left].join_columns, left_column.clone());
        push_once(
            &mut self.out.tables[right].join_columns,
            right_column.clone(),
        );
        for (i, col) in [(left, &left_column), (right, &right_column)] {
            let (other, other_col) = if i == left {
                (right, &right_column)
            } else {
                (left, &left_column)
            };
            let operand = Operand::Column {
                table: self.out.tables[other].table.clone(),
                column: other_col.clone(),
            };
            self.out.tables[i].equality.push(Equality {
                column: col.clone(),
                operand,
            });
        }
        self.out.joins.push(Join {
            left,
            left_column,
            right,
            right_column,
        });
    }

    pub(super) fn wrapped(&mut self, i: usize, column: String, function: String) {
        let w = Wrapped { column, function };
        if !self.out.tables[i].wrapped.contains(&w) {
            self.out.tables[i].wrapped.push(w);
        }
    }

    pub(super) fn order_key(&mut self, e: &Expr, descending: bool) {
        if let Expr::Identifier(id) = e
            && self.is_output_alias(&id.value)
        {
            return;
        }
        match self.side(e) {
            Side::Column(i, column) => self.out.tables[i]
                .order_by
                .push(SortKey { column, descending }),
            Side::Wrapped(i, col, f) => self.wrapped(i, col, f),
            Side::Other => {}
        }
        self.walk(e);
    }

    /// What a parameter, literal or other expression compared with a column is.
    pub(super) fn operand(&self, e: &Expr) -> Operand {
        match e {
            Expr::Value(v) => match &v.value {
                Value::Placeholder(p) => Operand::Param(self.label(p)),
                other => Operand::Literal(other.to_string()),
            },
            Expr::Cast { expr, .. } | Expr::Nested(expr) => self.operand(expr),
            Expr::UnaryOp { expr, .. } if matches!(expr.as_ref(), Expr::Value(_)) => {
                Operand::Literal(e.to_string())
            }
            _ => Operand::Expr,
        }
    }

    pub(super) fn label(&self, placeholder: &str) -> String {
        placeholder
            .strip_prefix('$')
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| self.labels.get(n.wrapping_sub(1)))
            .cloned()
            .unwrap_or_else(|| placeholder.to_string())
    }

    /// Record a literal or cast whose type family differs from the column's.
    pub(super) fn check_types(&mut self, i: usize, column: &str, value: &Expr) {
        let Some(col_type) = self
            .catalog
            .table(&self.out.tables[i].table)
            .and_then(|t| t.column(column))
            .map(|c| &c.data_type)
        else {
            return;
        };
        let (written, family) = match value {
            Expr::Value(v) => match &v.value {
                Value::Number(..) => (v.to_string(), "number"),
                Value::SingleQuotedString(s) => {
                    // A quoted number compared with a numeric column converts cleanly.
                    if is_numeric(col_type) && s.trim().parse::<f64>().is_ok() {
                        return;
                    }
                    (v.to_string(), "string")
                }
                Value::Boolean(_) => (v.to_string(), "boolean"),
                _ => return,
            },
            Expr::Cast { data_type, .. } => {
                let cast = data_type.to_string();
                match DataType::parse(&cast) {
                    Ok(t) if is_numeric(&t) => (value.to_string(), "number"),
                    Ok(t) if t.is_textual() => (value.to_string(), "string"),
                    Ok(DataType::Boolean) => (value.to_string(), "boolean"),
                    _ => return,
                }
            }
            _ => return,
        };
        let mismatch = match family {
            "number" => !is_numeric(col_type),
            "string" => is_numeric(col_type) || matches!(col_type, DataType::Boolean),
            _ => !matches!(col_type, DataType::Boolean),
        };
        if mismatch {
            self.out.tables[i].type_mismatches.push(TypeMismatch {
                column: column.to_string(),
                value: written,
                value_type: family.to_string(),
            });
        }
    }

    /// Whether `e` is a plain column, a column under functions or casts, or something else.
    pub(super) fn side(&mut self, e: &Expr) -> Side {
        match e {
            Expr::Identifier(_) | Expr::CompoundIdentifier(_) => self.resolve(e),
            Expr::Nested(inner) => self.side(inner),
            Expr::Cast { expr, .. } => match self.side(expr) {
                Side::Column(i, c) => Side::Wrapped(i, c, "cast".into()),
                other => other,
            },
            Expr::Function(f) => {
                let name = f.name.to_string().to_lowercase();
                let FunctionArguments::List(list) = &f.args else {
                    return Side::Other;
                };
                let mut found = None;
                for arg in &list.args {
                    let (FunctionArg::Unnamed(FunctionArgExpr::Expr(a))
                    | FunctionArg::Named {
                        arg: FunctionArgExpr::Expr(a),
                        ..
                    }) = arg
                    else {
                        continue;
                    };
                    match self.side(a) {
                        Side::Column(i, c) | Side::Wrapped(i, c, _) => {
                            if found.is_some() {
                                return Side::Other;
                            }
                            found = Some((i, c));
                        }
                        Side::Other => {}
                    }
                }
                match found {
                    Some((i, c)) => Side::Wrapped(i, c, name),
                    None => Side::Other,
                }
            }
            _ => Side::Other,
        }
    }
}
