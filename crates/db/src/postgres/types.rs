//! PostgreSQL types, as printed by `format_type`, back to logical types.

use schemata_model::DataType;

/// The logical type of a column whose type `format_type(atttypid, atttypmod)` printed as
/// `formatted`. `is_enum` says the (element) type is an enum, which stays a named type.
///
/// Built-in types map to their logical form (`integer`, `numeric(12,2)` → `decimal(12,2)`,
/// `character varying(n)` → `varchar(n)`, `bytea` → `bytes`, `timestamp with time zone` →
/// `timestamptz`, `T[]` → an array of T); everything else (enums, domains, `inet`,
/// `timestamp(3) without time zone`, extension types) stays a named type, as printed.
pub fn logical_type(formatted: &str, is_enum: bool) -> DataType {
    let formatted = formatted.trim();
    if let Some(inner) = formatted.strip_suffix("[]") {
        return DataType::Array(Box::new(logical_type(inner, is_enum)));
    }
    if is_enum {
        return DataType::Named(formatted.to_string());
    }
    match formatted {
        "smallint" => DataType::SmallInt,
        "integer" => DataType::Integer,
        "bigint" => DataType::BigInt,
        "real" => DataType::Real,
        "double precision" => DataType::Double,
        "boolean" => DataType::Boolean,
        "text" => DataType::Text,
        "date" => DataType::Date,
        "time without time zone" => DataType::Time,
        "timestamp without time zone" => DataType::Timestamp,
        "timestamp with time zone" => DataType::Timestamptz,
        "interval" => DataType::Interval,
        "uuid" => DataType::Uuid,
        "json" => DataType::Json,
        "jsonb" => DataType::Jsonb,
        "bytea" => DataType::Bytes,
        "numeric" => DataType::Decimal {
            precision: None,
            scale: None,
        },
        "character varying" => DataType::Varchar(None),
        _ => {
            let with_args = ["numeric(", "character varying(", "character("]
                .iter()
                .any(|p| formatted.starts_with(p) && formatted.ends_with(')'));
            if with_args && let Ok(t) = DataType::parse(formatted) {
                return t;
            }
            DataType::Named(formatted.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_builtin_types() {
        let cases = [
            ("integer", "integer"),
            ("numeric(12,2)", "decimal(12,2)"),
            ("numeric", "decimal"),
            ("character varying(255)", "varchar(255)"),
            ("character varying", "varchar"),
            ("character(2)", "char(2)"),
            ("timestamp with time zone", "timestamptz"),
            ("timestamp without time zone", "timestamp"),
            ("bytea", "bytes"),
            ("double precision", "double"),
            ("text[]", "text[]"),
            ("character varying(10)[]", "varchar(10)[]"),
            ("inet", "inet"),
            (
                "timestamp(3) without time zone",
                "timestamp(3) without time zone",
            ),
            ("\"char\"", "\"char\""),
        ];
        for (pg, logical) in cases {
            assert_eq!(logical_type(pg, false).to_string(), logical, "{pg}");
        }
    }

    #[test]
    fn enums_stay_named() {
        assert_eq!(
            logical_type("order_status", true),
            DataType::Named("order_status".into())
        );
        assert_eq!(
            logical_type("mood[]", true),
            DataType::Array(Box::new(DataType::Named("mood".into())))
        );
    }
}
