//! The generic expression walk that resolves every column reference.

use super::*;

impl Walker<'_, '_> {
    /// Resolve every column reference in `e`, descending into subqueries with their own scope.
    pub(super) fn walk(&mut self, e: &Expr) {
        match e {
            Expr::Identifier(_) | Expr::CompoundIdentifier(_) => {
                self.resolve(e);
            }
            Expr::BinaryOp { left, right, .. }
            | Expr::AnyOp { left, right, .. }
            | Expr::AllOp { left, right, .. } => {
                self.walk(left);
                self.walk(right);
            }
            Expr::UnaryOp { expr, .. }
            | Expr::Nested(expr)
            | Expr::Cast { expr, .. }
            | Expr::IsNull(expr)
            | Expr::IsNotNull(expr)
            | Expr::IsTrue(expr)
            | Expr::IsFalse(expr)
            | Expr::Collate { expr, .. } => self.walk(expr),
            Expr::InList { expr, list, .. } => {
                self.walk(expr);
                for x in list {
                    self.walk(x);
                }
            }
            Expr::Between {
                expr, low, high, ..
            } => {
                self.walk(expr);
                self.walk(low);
                self.walk(high);
            }
            Expr::Like { expr, pattern, .. } | Expr::ILike { expr, pattern, .. } => {
                self.walk(expr);
                self.walk(pattern);
            }
            Expr::Tuple(items) => {
                for x in items {
                    self.walk(x);
                }
            }
            Expr::Case {
                operand,
                conditions,
                else_result,
                ..
            } => {
                for x in operand.iter().chain(else_result.iter()) {
                    self.walk(x);
                }
                for c in conditions {
                    self.walk(&c.condition);
                    self.walk(&c.result);
                }
            }
            Expr::Function(f) => {
                if let FunctionArguments::List(list) = &f.args {
                    for arg in &list.args {
                        if let FunctionArg::Unnamed(FunctionArgExpr::Expr(a))
                        | FunctionArg::Named {
                            arg: FunctionArgExpr::Expr(a),
                            ..
                        } = arg
                        {
                            self.walk(a);
                        }
                    }
                }
                if let FunctionArguments::Subquery(q) = &f.args {
                    self.nested(|w| w.query(q, false));
                }
            }
            Expr::InSubquery { expr, subquery, .. } => {
                self.walk(expr);
                self.nested(|w| w.query(subquery, false));
            }
            Expr::Subquery(q) | Expr::Exists { subquery: q, .. } => {
                self.nested(|w| w.query(q, false));
            }
            _ => {}
        }
    }
}
