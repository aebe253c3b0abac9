//! Column types and defaults compared through each dialect's equivalences.
//!
//! A logical type is compared by what the dialect makes of it: the type DDL generation writes
//! for it (`Dialect::map_type`), read back the way introspection reads that database's types.
//! So `jsonb` and `json` are the same in MySQL (both `json`), `timestamptz` and `timestamp` are
//! the same there (both `datetime(6)`), and `uuid` is `char(36)`. On top of that, what the
//! databases report differently from how it was written: PostgreSQL and MySQL give a decimal
//! without a scale the scale 0 and PostgreSQL's bare `char` is `char(1)`; in SQLite every
//! integer type is the same 64-bit INTEGER storage (an identity key must be declared exactly
//! `INTEGER`), so the integer types are compared as one.

use super::expr::normalize_in;
use schemata_model::{DataType, DefaultValue, DialectName};
use schemata_sql::dialect::dialect_for;

/// The form two types must share to be equivalent in `dialect`.
pub(crate) fn canonical_type(dialect: DialectName, ty: &DataType) -> String {
    let sql = dialect_for(dialect).map_type(ty).sql;
    let back = match dialect {
        DialectName::Mysql => crate::mysql::logical_type(&sql),
        DialectName::Postgres | DialectName::Sqlite => {
            DataType::parse(&sql).unwrap_or_else(|_| DataType::Named(sql.clone()))
        }
    };
    let back = reported(dialect, back);
    back.to_string().replace('"', "").to_ascii_lowercase()
}

/// How the database reports a type back.
fn reported(dialect: DialectName, ty: DataType) -> DataType {
    match (dialect, ty) {
        (
            DialectName::Postgres | DialectName::Mysql,
            DataType::Decimal {
                precision: Some(p),
                scale: None,
            },
        ) => DataType::Decimal {
            precision: Some(p),
            scale: Some(0),
        },
        (DialectName::Postgres, DataType::Char(None)) => DataType::Char(Some(1)),
        (DialectName::Sqlite, DataType::SmallInt | DataType::BigInt) => DataType::Integer,
        (DialectName::Postgres, DataType::Array(inner)) => {
            DataType::Array(Box::new(reported(dialect, *inner)))
        }
        (_, other) => other,
    }
}

/// A default as the dialect writes it for a column of type `ty`.
pub(crate) fn default_sql(dialect: DialectName, value: &DefaultValue, ty: &DataType) -> String {
    dialect_for(dialect).default_sql(value, ty)
}

/// The normalised form of a default, for comparing.
pub(crate) fn canonical_default(
    dialect: DialectName,
    value: &DefaultValue,
    ty: &DataType,
) -> String {
    normalize_in(dialect, &default_sql(dialect, value, ty))
}

#[cfg(test)]
mod tests {
    use super::*;
    use schemata_model::Literal;

    fn t(s: &str) -> DataType {
        DataType::parse(s).unwrap()
    }

    fn same(dialect: DialectName, a: &str, b: &str) -> bool {
        canonical_type(dialect, &t(a)) == canonical_type(dialect, &t(b))
    }

    #[test]
    fn dialect_equivalences() {
        assert!(same(DialectName::Mysql, "jsonb", "json"));
        assert!(same(DialectName::Mysql, "timestamptz", "timestamp"));
        assert!(same(DialectName::Mysql, "uuid", "char(36)"));
        assert!(same(DialectName::Mysql, "decimal(10)", "decimal(10,0)"));
        assert!(!same(DialectName::Mysql, "integer", "bigint"));
        assert!(!same(DialectName::Postgres, "jsonb", "json"));
        assert!(same(DialectName::Postgres, "char", "char(1)"));
        assert!(same(DialectName::Postgres, "decimal(8)", "decimal(8,0)"));
        assert!(!same(DialectName::Postgres, "varchar(10)", "varchar(20)"));
        assert!(same(DialectName::Sqlite, "bigint", "integer"));
        assert!(same(DialectName::Sqlite, "interval", "text"));
        assert!(!same(DialectName::Sqlite, "text", "integer"));
    }

    #[test]
    fn defaults_compare_by_value() {
        let zero = DefaultValue::Literal(Literal::Number(0.into()));
        let zero_float = DefaultValue::Literal(Literal::Number("0.0".parse().unwrap()));
        let dec = t("decimal(12,2)");
        assert_eq!(
            canonical_default(DialectName::Mysql, &zero, &dec),
            canonical_default(DialectName::Mysql, &zero_float, &dec)
        );
        let truth = DefaultValue::Literal(Literal::Bool(true));
        let one = DefaultValue::Literal(Literal::Number(1.into()));
        assert_eq!(
            canonical_default(DialectName::Sqlite, &truth, &DataType::Boolean),
            canonical_default(DialectName::Sqlite, &one, &DataType::Boolean)
        );
        let now = DefaultValue::Expr {
            expr: "now()".into(),
        };
        let ts = DefaultValue::Expr {
            expr: "CURRENT_TIMESTAMP".into(),
        };
        assert_eq!(
            canonical_default(DialectName::Postgres, &now, &DataType::Timestamptz),
            canonical_default(DialectName::Postgres, &ts, &DataType::Timestamptz)
        );
    }
}
