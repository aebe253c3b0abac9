//! `CREATE DOMAIN` (PostgreSQL), written after the enum types and before the tables; columns
//! name their domain. Other dialects have no domains: the physical design has inlined them.

use schemata_model::DataType;

use super::{Gen, Key, StatementKind};
use crate::dialect::CommentStyle;

impl Gen<'_> {
    /// `CREATE DOMAIN` for each domain of the physical design, with its comment.
    pub(super) fn domain_types(&mut self) {
        let p = self.p;
        for dom in &p.domains {
            let name = self.d.quote_qualified(dom.schema.as_deref(), &dom.name);
            let mut sql = format!("CREATE DOMAIN {name} AS ");
            if !self.write_type_name(&mut sql, &dom.base) {
                // A type the dialect approximates is written all the same; the columns that
                // use the domain are where it matters, and PostgreSQL has every design type.
                let _ = self.d.write_type(&mut sql, &dom.base);
            }
            if let Some(default) = &dom.default {
                sql.push_str(" DEFAULT ");
                sql.push_str(&self.d.default_sql(default, &dom.base));
            }
            if dom.not_null {
                sql.push_str(" NOT NULL");
            }
            for check in &dom.checks {
                sql.push_str(" CHECK (");
                sql.push_str(check.trim());
                sql.push(')');
            }
            self.push(StatementKind::CreateType, sql, Key::None, Vec::new());
            if let Some(c) = &dom.comment
                && self.d.comment_style() == CommentStyle::CommentOn
            {
                let sql = format!("COMMENT ON DOMAIN {name} IS {}", self.comment_literal(c));
                self.push(StatementKind::Comment, sql, Key::None, Vec::new());
            }
        }
    }

    /// Append the quoted name of the enum type or domain that `ty` names (or an array of one);
    /// `false` when it names neither.
    pub(super) fn write_type_name(&self, out: &mut String, ty: &DataType) -> bool {
        if self.d.supports_enum_type() && self.write_enum_type_name(out, ty) {
            return true;
        }
        self.write_domain_name(out, ty)
    }

    fn write_domain_name(&self, out: &mut String, ty: &DataType) -> bool {
        match ty {
            DataType::Named(n) => match self.p.domains.iter().find(|d| d.is_named(n)) {
                Some(d) => {
                    out.push_str(&self.d.quote_qualified(d.schema.as_deref(), &d.name));
                    true
                }
                None => false,
            },
            DataType::Array(inner) => {
                let written = self.write_domain_name(out, inner);
                if written {
                    out.push_str("[]");
                }
                written
            }
            _ => false,
        }
    }
}
