//! # A013 money-as-float
//!
//! **Group:** integrity · **Default severity:** warning
//!
//! A column whose name says money (`price`, `amount`, `total`, `cost`, `balance`, `fee`,
//! `salary`, or a name ending in one of them) has a floating-point type (`real`, `double`).
//! Binary floating point cannot represent most decimal fractions: sums drift by fractions of a
//! cent.
//!
//! Fix: use `decimal(12,2)` (or an integer number of minor units).

use schemata_model::{Diagnostic, Severity};

use super::{column_path, column_target};
use crate::context::Cx;
use crate::registry::{Group, Rule};

const MONEY: &[&str] = &[
    "price", "amount", "total", "cost", "balance", "fee", "salary", "money", "tax", "subtotal",
];

pub const RULE: Rule = Rule {
    code: "A013",
    name: "money-as-float",
    group: Group::Integrity,
    severity: Severity::Warning,
    summary: "A money column has a floating-point type",
    source: include_str!("a013_money_as_float.rs"),
    check,
};

fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for (ti, t) in cx.design.tables.iter().enumerate() {
        for c in &t.columns {
            if !c.data_type.is_float() || !is_money(&c.name.to_lowercase()) {
                continue;
            }
            out.push(
                RULE.diag(format!(
                    "{} holds money in a floating-point type ({})",
                    cx.column_label(t, &c.id),
                    c.data_type
                ))
                .with_help("use decimal(12,2), or an integer number of minor units")
                .with_target(column_target(t, &c.id))
                .with_path(format!("{}/type", column_path(ti, t, &c.id)))
                .with_fix("change the type to decimal(12,2)", None),
            );
        }
    }
}

/// A money word, or a name ending in `_` and a money word.
fn is_money(name: &str) -> bool {
    MONEY.iter().any(|m| {
        name.strip_suffix(m)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('_'))
    })
}
