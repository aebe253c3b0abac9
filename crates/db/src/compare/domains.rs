//! PostgreSQL domains: each domain of the expected design must exist with the same base type,
//! NOT NULL, default and CHECK expressions (compared loosely, in any order).

use super::Cx;
use super::types::{canonical_default, canonical_type, default_sql};
use schemata_model::DomainType;

impl Cx<'_> {
    pub(super) fn domains(&mut self) {
        for e in &self.expected.domains {
            let label = match &e.schema {
                Some(s) if s != "public" => format!("domain {s}.{}", e.name),
                _ => format!("domain {}", e.name),
            };
            let found = self.actual.domains.iter().find(|a| {
                a.name == e.name
                    && a.schema.as_deref().filter(|s| *s != "public")
                        == e.schema.as_deref().filter(|s| *s != "public")
            });
            match found {
                None => self.out.push(format!("{label}: missing")),
                Some(a) => self.domain(e, a, &label),
            }
        }
    }

    fn domain(&mut self, e: &DomainType, a: &DomainType, label: &str) {
        let d = self.dialect;
        if canonical_type(d, &e.base) != canonical_type(d, &a.base) {
            self.out.push(format!(
                "{label}: base type differs: expected {}, found {}",
                e.base, a.base
            ));
        }
        if e.not_null != a.not_null {
            let (want, got) = if e.not_null {
                ("NOT NULL", "nullable")
            } else {
                ("nullable", "NOT NULL")
            };
            self.out
                .push(format!("{label}: expected {want}, found {got}"));
        }
        let ty = &e.base;
        match (&e.default, &a.default) {
            (None, None) => {}
            (Some(x), None) => self.out.push(format!(
                "{label}: default missing: expected `{}`",
                default_sql(d, x, ty)
            )),
            (None, Some(y)) => self.out.push(format!(
                "{label}: unexpected default `{}`",
                default_sql(d, y, ty)
            )),
            (Some(x), Some(y)) => {
                if canonical_default(d, x, ty) != canonical_default(d, y, ty) {
                    self.out.push(format!(
                        "{label}: default differs: expected `{}`, found `{}`",
                        default_sql(d, x, ty),
                        default_sql(d, y, ty)
                    ));
                }
            }
        }
        let mut found: Vec<String> = a.checks.iter().map(|c| self.norm(c)).collect();
        for check in &e.checks {
            let n = self.norm(check);
            match found.iter().position(|f| *f == n) {
                Some(i) => {
                    found.remove(i);
                }
                None => self
                    .out
                    .push(format!("{label}: CHECK ({}) missing", check.trim())),
            }
        }
    }
}
