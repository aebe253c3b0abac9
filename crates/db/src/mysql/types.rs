//! MariaDB/MySQL column types (`information_schema.COLUMNS.COLUMN_TYPE`) back to logical types.

use schemata_model::DataType;

/// The logical type of a column whose `COLUMN_TYPE` is `column_type`.
///
/// `tinyint(1)` is a boolean; other integers map to the smallest logical integer that holds
/// them (`tinyint` → `smallint`, `mediumint` → `integer`, `int unsigned` → `bigint`,
/// `bigint unsigned` → `decimal(20,0)`); display widths are ignored. `float` → `real`,
/// `datetime(n)` → `timestamp`, `timestamp(n)` → `timestamptz` (MySQL converts it to UTC),
/// `time(n)` → `time`; every text type → `text`; `binary`, `varbinary` and blobs → `bytes`;
/// `json` → `json` (MariaDB's `longtext` with a `json_valid` check is recognised by the
/// introspection, not here); `uuid` → `uuid`; `enum(...)` → an inline enum. Anything else (`set`,
/// `year`, `bit(n)`, spatial types) stays a named type, as printed.
pub fn logical_type(column_type: &str) -> DataType {
    let t = column_type.trim().to_ascii_lowercase();
    let unsigned = t.contains(" unsigned");
    let base_with_args = t.split_whitespace().next().unwrap_or("");
    let base = base_with_args.split('(').next().unwrap_or("");
    let args: Vec<u32> = base_with_args
        .split_once('(')
        .map(|(_, a)| {
            a.trim_end_matches(')')
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let named = || DataType::Named(column_type.trim().to_string());
    match base {
        "tinyint" if args.first() == Some(&1) && !unsigned => DataType::Boolean,
        "bool" | "boolean" => DataType::Boolean,
        "tinyint" => DataType::SmallInt,
        "smallint" if unsigned => DataType::Integer,
        "smallint" => DataType::SmallInt,
        "mediumint" => DataType::Integer,
        "int" | "integer" if unsigned => DataType::BigInt,
        "int" | "integer" => DataType::Integer,
        "bigint" if unsigned => DataType::Decimal {
            precision: Some(20),
            scale: Some(0),
        },
        "bigint" => DataType::BigInt,
        "decimal" | "numeric" => DataType::Decimal {
            precision: args.first().copied(),
            scale: args.get(1).copied(),
        },
        "float" => DataType::Real,
        "double" | "real" => DataType::Double,
        "char" => DataType::Char(args.first().copied()),
        "varchar" => DataType::Varchar(args.first().copied()),
        "tinytext" | "text" | "mediumtext" | "longtext" => DataType::Text,
        "binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob" => DataType::Bytes,
        "date" => DataType::Date,
        "time" => DataType::Time,
        "datetime" => DataType::Timestamp,
        "timestamp" => DataType::Timestamptz,
        "json" => DataType::Json,
        "uuid" => DataType::Uuid,
        "enum" => DataType::parse(column_type.trim()).unwrap_or_else(|_| named()),
        _ => named(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_column_types() {
        let cases = [
            ("tinyint(1)", "boolean"),
            ("tinyint(4)", "smallint"),
            ("int(11)", "integer"),
            ("int(10) unsigned", "bigint"),
            ("bigint(20)", "bigint"),
            ("bigint(20) unsigned", "decimal(20,0)"),
            ("decimal(12,2)", "decimal(12,2)"),
            ("float", "real"),
            ("double", "double"),
            ("varchar(255)", "varchar(255)"),
            ("char(36)", "char(36)"),
            ("longtext", "text"),
            ("longblob", "bytes"),
            ("datetime(6)", "timestamp"),
            ("timestamp", "timestamptz"),
            ("uuid", "uuid"),
            ("enum('a','it''s')", "enum('a','it''s')"),
            ("set('a','b')", "set('a','b')"),
            ("year(4)", "year(4)"),
        ];
        for (mysql, logical) in cases {
            assert_eq!(logical_type(mysql).to_string(), logical, "{mysql}");
        }
    }
}
