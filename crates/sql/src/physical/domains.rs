//! Domains in the physical design: kept where the dialect has them (PostgreSQL); elsewhere a
//! column typed by a domain takes the domain's base type, and its NOT NULL, default and CHECKs
//! (with `VALUE` replaced by the column's name), reported as D025.

use std::borrow::Cow;

use schemata_model::{
    CheckConstraint, DataType, Design, DialectName, DomainType, Severity, Target,
};

use super::view::Named;
use super::{Physical, path_in};
use crate::ddl::codes;
use crate::dialect::Dialect;

/// Whether the dialect creates domains.
pub(crate) fn supports_domains(d: &dyn Dialect) -> bool {
    d.name() == DialectName::Postgres
}

/// Inline the domains where the dialect has none (see the module documentation).
pub(super) fn resolve_domains(p: &mut Physical<'_>, d: &dyn Dialect) {
    if p.domains.is_empty() || supports_domains(d) {
        return;
    }
    let design: &Design = p.source;
    for (ti, table) in p.tables.iter_mut().enumerate() {
        for ci in 0..table.columns.len() {
            let col = &table.columns[ci];
            let chain = chain(design, &col.data_type);
            let Some(first) = chain.first() else {
                continue;
            };
            let base = chain.last().map_or(&first.base, |last| &last.base).clone();
            let not_null = chain.iter().any(|x| x.not_null);
            let default = chain.iter().find_map(|x| x.default.clone());
            let checks: Vec<&String> = chain.iter().flat_map(|x| x.checks.iter()).collect();
            let column_name = d.quote_ident(&col.name).to_string();
            let mut kept = Vec::new();
            let c = table.columns[ci].to_mut();
            c.data_type = base;
            if not_null && c.nullable {
                c.nullable = false;
                kept.push("NOT NULL");
            }
            if c.default.is_none() && default.is_some() {
                c.default = default;
                kept.push("default");
            }
            if !checks.is_empty() {
                kept.push(if checks.len() == 1 { "CHECK" } else { "CHECKs" });
            }
            let (name, col_id) = (c.name.clone(), c.id.clone());
            for (k, check) in checks.iter().enumerate() {
                let mut id = format!("domain_{col_id}_{}", k + 1);
                while table.checks.iter().any(|c| c.def.id == id) {
                    id.push('_');
                }
                table.checks.push(Named {
                    def: Cow::Owned(CheckConstraint {
                        id,
                        name: None,
                        expr: replace_value(check, &column_name),
                    }),
                    name: None,
                });
            }
            if kept.is_empty() {
                continue;
            }
            let message = format!(
                "{} has no domains: `{}.{name}` of domain `{}` is created as {}, with the domain's {} declared on the column",
                d.display_name(),
                table.name,
                first.name,
                table.columns[ci].data_type,
                join(&kept)
            );
            p.diagnostics.push(
                schemata_model::Diagnostic::new(codes::DOMAIN_INLINED, Severity::Info, message)
                    .with_target(Target::Column {
                        table: table.id.to_string(),
                        column: col_id,
                    })
                    .with_path(path_in(&p.origins, ti, &format!("/columns/{ci}/type"))),
            );
        }
    }
    p.domains.clear();
}

/// The domains a type goes through to its base: the one it names, the one that one's base
/// names, and so on (at most 8, which also stops a cycle).
fn chain<'d>(design: &'d Design, ty: &DataType) -> Vec<&'d DomainType> {
    let mut out: Vec<&DomainType> = Vec::new();
    let mut current = design.domain_of(ty);
    while let Some(d) = current {
        if out.len() >= 8 || out.iter().any(|x| std::ptr::eq(*x, d)) {
            break;
        }
        out.push(d);
        current = design.domain_of(&d.base);
    }
    out
}

fn join(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `expr` with every `VALUE` keyword (outside quotes, case-insensitively, as a whole word)
/// replaced by `column`.
pub(crate) fn replace_value(expr: &str, column: &str) -> String {
    let bytes = expr.as_bytes();
    let mut out = String::with_capacity(expr.len() + column.len());
    let mut i = 0;
    let mut quote: Option<u8> = None;
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
        } else if b == b'\'' || b == b'"' || b == b'`' {
            quote = Some(b);
        } else if (b == b'v' || b == b'V')
            && bytes.len() >= i + 5
            && expr[i..i + 5].eq_ignore_ascii_case("value")
            && (i == 0 || !word(bytes[i - 1]))
            && bytes.get(i + 5).is_none_or(|&n| !word(n))
        {
            out.push_str(column);
            i += 5;
            continue;
        }
        let len = utf8_len(b);
        out.push_str(&expr[i..i + len]);
        i += len;
    }
    out
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_replaced_as_a_word() {
        assert_eq!(
            replace_value("((VALUE >= 1901) AND (value <= 2155))", "\"y\""),
            "((\"y\" >= 1901) AND (\"y\" <= 2155))"
        );
        assert_eq!(
            replace_value(
                "VALUE <> 'VALUE' AND values_x > 0 AND \"VALUE\" IS NULL",
                "c"
            ),
            "c <> 'VALUE' AND values_x > 0 AND \"VALUE\" IS NULL"
        );
        assert_eq!(replace_value("é = VALUE", "c"), "é = c");
    }
}
