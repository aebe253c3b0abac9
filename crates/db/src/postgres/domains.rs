//! Reading PostgreSQL domains (`pg_type` rows of `typtype = 'd'`) into the design.

use super::PgClient;
use super::introspect::default_value;
use super::types::logical_type;
use crate::DbError;
use crate::ids::IdScope;
use crate::literal::strip_outer_parens;
use schemata_model::DomainType;

/// The domains of `schemas`: base type (an enum base stays named), NOT NULL, default, CHECK
/// expressions (with `VALUE`, in creation order) and comment.
pub(super) fn read_domains(
    client: &PgClient,
    schemas: &[String],
) -> Result<Vec<DomainType>, DbError> {
    let rows = client.query(
        "SELECT n.nspname::text, t.typname::text, format_type(t.typbasetype, t.typtypmod),
                t.typnotnull, t.typdefault, obj_description(t.oid, 'pg_type'),
                ARRAY(SELECT pg_get_constraintdef(c.oid, true) FROM pg_constraint c
                      WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.oid),
                COALESCE(bt.typtype IN ('e', 'd'), false)
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
         WHERE t.typtype = 'd' AND n.nspname::text = ANY($1::text[])
         ORDER BY array_position($1::text[], n.nspname::text), t.oid",
        &[&schemas],
    )?;
    let mut scope = IdScope::default();
    let mut domains = Vec::new();
    for row in rows {
        let schema: String = row.try_get(0)?;
        let name: String = row.try_get(1)?;
        let base: String = row.try_get(2)?;
        let default: Option<String> = row.try_get(4)?;
        let checks: Vec<String> = row.try_get(6)?;
        let named_base: bool = row.try_get(7)?;
        let id = if schema == "public" {
            scope.id(&name)
        } else {
            scope.id(&format!("{schema}.{name}"))
        };
        domains.push(DomainType {
            id,
            name,
            schema: (schema != "public").then_some(schema),
            base: logical_type(&base, named_base),
            not_null: row.try_get(3)?,
            default: default.as_deref().and_then(default_value),
            checks: checks.iter().map(|c| check_expr(c)).collect(),
            comment: row.try_get(5)?,
        });
    }
    Ok(domains)
}

/// `CHECK ((VALUE > 0)) NOT VALID` → `VALUE > 0`.
fn check_expr(def: &str) -> String {
    let body = def.trim();
    let body = body.strip_suffix("NOT VALID").unwrap_or(body).trim_end();
    let body = body.strip_prefix("CHECK").unwrap_or(body);
    strip_outer_parens(body).to_string()
}

#[cfg(test)]
mod tests {
    use super::check_expr;

    #[test]
    fn check_definitions_lose_their_keyword() {
        assert_eq!(
            check_expr("CHECK (VALUE >= 1901 AND VALUE <= 2155)"),
            "VALUE >= 1901 AND VALUE <= 2155"
        );
        assert_eq!(check_expr("CHECK (VALUE > 0) NOT VALID"), "VALUE > 0");
    }
}
