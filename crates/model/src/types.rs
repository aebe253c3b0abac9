//! Logical column types. In the file a type is one string, e.g. `decimal(12,2)`; this module
//! parses and prints that form.

use std::fmt;

/// A logical column type, independent of any dialect.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataType {
    SmallInt,
    Integer,
    BigInt,
    /// Exact numeric with optional precision and scale.
    Decimal {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    /// 4-byte floating point.
    Real,
    /// 8-byte floating point.
    Double,
    Boolean,
    Text,
    Varchar(Option<u32>),
    Char(Option<u32>),
    Date,
    /// Time of day without time zone.
    Time,
    /// Timestamp without time zone.
    Timestamp,
    /// Timestamp with time zone.
    Timestamptz,
    Interval,
    Uuid,
    Json,
    Jsonb,
    /// Binary string.
    Bytes,
    /// An inline enumerated type: the value list.
    Enum(Vec<String>),
    /// An array of another type (PostgreSQL).
    Array(Box<DataType>),
    /// Any other type, by name with its arguments as written (`inet`, `tsvector`, a named enum or
    /// domain of the design, `geometry(Point,4326)`). Passed to the dialect as written.
    Named(String),
}

impl DataType {
    /// Every built-in type name the parser knows, for completions and "did you mean".
    pub const KEYWORDS: &'static [&'static str] = &[
        "smallint",
        "integer",
        "bigint",
        "decimal",
        "real",
        "double",
        "boolean",
        "text",
        "varchar",
        "char",
        "date",
        "time",
        "timestamp",
        "timestamptz",
        "interval",
        "uuid",
        "json",
        "jsonb",
        "bytes",
        "enum",
    ];

    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            DataType::SmallInt | DataType::Integer | DataType::BigInt
        )
    }

    pub fn is_float(&self) -> bool {
        matches!(self, DataType::Real | DataType::Double)
    }

    pub fn is_textual(&self) -> bool {
        matches!(
            self,
            DataType::Text | DataType::Varchar(_) | DataType::Char(_)
        )
    }

    pub fn is_temporal(&self) -> bool {
        matches!(
            self,
            DataType::Date | DataType::Time | DataType::Timestamp | DataType::Timestamptz
        )
    }

    /// Parse the file form. Accepts common synonyms (`int`, `int4`, `numeric`, `bool`,
    /// `character varying`, `timestamp with time zone`, `bytea`, `blob`, ...), case-insensitively.
    pub fn parse(input: &str) -> Result<DataType, TypeError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(TypeError::new(input, "the type is empty"));
        }
        if let Some(inner) = s.strip_suffix("[]") {
            let inner = DataType::parse(inner)?;
            return Ok(DataType::Array(Box::new(inner)));
        }
        let (head, args) = match s.find('(') {
            Some(open) => {
                if !s.ends_with(')') {
                    return Err(TypeError::new(
                        input,
                        "missing `)` after the type arguments",
                    ));
                }
                (s[..open].trim(), Some(&s[open + 1..s.len() - 1]))
            }
            None => (s, None),
        };
        let name = head.split_whitespace().collect::<Vec<_>>().join(" ");
        let lname = name.to_ascii_lowercase();
        if lname == "enum" {
            let values = parse_enum_values(input, args.unwrap_or(""))?;
            return Ok(DataType::Enum(values));
        }
        let nums = |max: usize| -> Result<Vec<u32>, TypeError> {
            let Some(a) = args else { return Ok(vec![]) };
            let parts: Vec<&str> = a.split(',').map(str::trim).collect();
            if parts.len() > max {
                return Err(TypeError::new(
                    input,
                    &format!("`{name}` takes at most {max} argument(s)"),
                ));
            }
            parts
                .iter()
                .map(|p| {
                    p.parse::<u32>()
                        .map_err(|_| TypeError::new(input, &format!("`{p}` is not a whole number")))
                })
                .collect()
        };
        let no_args = |t: DataType| -> Result<DataType, TypeError> {
            if args.is_some() {
                Err(TypeError::new(
                    input,
                    &format!("`{name}` takes no arguments"),
                ))
            } else {
                Ok(t)
            }
        };
        match lname.as_str() {
            "smallint" | "int2" => no_args(DataType::SmallInt),
            "integer" | "int" | "int4" => no_args(DataType::Integer),
            "bigint" | "int8" => no_args(DataType::BigInt),
            "decimal" | "numeric" => {
                let n = nums(2)?;
                if let (Some(p), Some(sc)) = (n.first(), n.get(1))
                    && sc > p
                {
                    return Err(TypeError::new(
                        input,
                        "the scale cannot be larger than the precision",
                    ));
                }
                if n.first() == Some(&0) {
                    return Err(TypeError::new(input, "the precision must be at least 1"));
                }
                Ok(DataType::Decimal {
                    precision: n.first().copied(),
                    scale: n.get(1).copied(),
                })
            }
            "real" | "float4" => no_args(DataType::Real),
            "double" | "double precision" | "float8" | "float" => no_args(DataType::Double),
            "boolean" | "bool" => no_args(DataType::Boolean),
            "text" => no_args(DataType::Text),
            "varchar" | "character varying" => {
                let n = nums(1)?;
                if n.first() == Some(&0) {
                    return Err(TypeError::new(input, "the length must be at least 1"));
                }
                Ok(DataType::Varchar(n.first().copied()))
            }
            "char" | "character" => {
                let n = nums(1)?;
                if n.first() == Some(&0) {
                    return Err(TypeError::new(input, "the length must be at least 1"));
                }
                Ok(DataType::Char(n.first().copied()))
            }
            "date" => no_args(DataType::Date),
            "time" | "time without time zone" => no_args(DataType::Time),
            "timestamp" | "timestamp without time zone" | "datetime" => {
                no_args(DataType::Timestamp)
            }
            "timestamptz" | "timestamp with time zone" => no_args(DataType::Timestamptz),
            "interval" => no_args(DataType::Interval),
            "uuid" => no_args(DataType::Uuid),
            "json" => no_args(DataType::Json),
            "jsonb" => no_args(DataType::Jsonb),
            "bytes" | "bytea" | "blob" | "binary" | "varbinary" => no_args(DataType::Bytes),
            _ => {
                if !name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | ' ' | '.' | '"'))
                {
                    return Err(TypeError::new(input, "not a type name"));
                }
                Ok(DataType::Named(s.to_string()))
            }
        }
    }
}

fn parse_enum_values(input: &str, args: &str) -> Result<Vec<String>, TypeError> {
    let mut values = Vec::new();
    let mut chars = args.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => break,
            Some('\'') => {}
            Some(c) => {
                return Err(TypeError::new(
                    input,
                    &format!("enum values are quoted strings like 'a', found `{c}`"),
                ));
            }
        }
        let mut v = String::new();
        loop {
            match chars.next() {
                None => return Err(TypeError::new(input, "unterminated enum value")),
                Some('\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                    v.push('\'');
                }
                Some('\'') => break,
                Some(c) => v.push(c),
            }
        }
        if values.contains(&v) {
            return Err(TypeError::new(
                input,
                &format!("enum value '{v}' appears twice"),
            ));
        }
        values.push(v);
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            None => break,
            Some(',') => continue,
            Some(c) => {
                return Err(TypeError::new(
                    input,
                    &format!("expected `,` between enum values, found `{c}`"),
                ));
            }
        }
    }
    if values.is_empty() {
        return Err(TypeError::new(input, "an enum needs at least one value"));
    }
    Ok(values)
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataType::SmallInt => f.write_str("smallint"),
            DataType::Integer => f.write_str("integer"),
            DataType::BigInt => f.write_str("bigint"),
            DataType::Decimal { precision, scale } => match (precision, scale) {
                (Some(p), Some(s)) => write!(f, "decimal({p},{s})"),
                (Some(p), None) => write!(f, "decimal({p})"),
                _ => f.write_str("decimal"),
            },
            DataType::Real => f.write_str("real"),
            DataType::Double => f.write_str("double"),
            DataType::Boolean => f.write_str("boolean"),
            DataType::Text => f.write_str("text"),
            DataType::Varchar(Some(n)) => write!(f, "varchar({n})"),
            DataType::Varchar(None) => f.write_str("varchar"),
            DataType::Char(Some(n)) => write!(f, "char({n})"),
            DataType::Char(None) => f.write_str("char"),
            DataType::Date => f.write_str("date"),
            DataType::Time => f.write_str("time"),
            DataType::Timestamp => f.write_str("timestamp"),
            DataType::Timestamptz => f.write_str("timestamptz"),
            DataType::Interval => f.write_str("interval"),
            DataType::Uuid => f.write_str("uuid"),
            DataType::Json => f.write_str("json"),
            DataType::Jsonb => f.write_str("jsonb"),
            DataType::Bytes => f.write_str("bytes"),
            DataType::Enum(values) => {
                f.write_str("enum(")?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "'{}'", v.replace('\'', "''"))?;
                }
                f.write_str(")")
            }
            DataType::Array(inner) => write!(f, "{inner}[]"),
            DataType::Named(n) => f.write_str(n),
        }
    }
}

/// A type string that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid type `{input}`: {reason}")]
pub struct TypeError {
    pub input: String,
    pub reason: String,
}

impl TypeError {
    fn new(input: &str, reason: &str) -> Self {
        TypeError {
            input: input.to_string(),
            reason: reason.to_string(),
        }
    }
}

impl serde::Serialize for DataType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for DataType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DataType::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for DataType {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DataType".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Logical type: smallint, integer, bigint, decimal(p,s), real, double, boolean, text, varchar(n), char(n), date, time, timestamp, timestamptz, interval, uuid, json, jsonb, bytes, enum('a','b'), T[] for arrays, or another type name passed through as written.",
            "examples": ["bigint", "decimal(12,2)", "varchar(255)", "timestamptz", "enum('pending','paid')"]
        })
    }
}

impl ts_rs::TS for DataType {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn decl(_: &ts_rs::Config) -> String {
        "type DataType = string;".to_owned()
    }
    fn decl_concrete(c: &ts_rs::Config) -> String {
        Self::decl(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_form() {
        for s in [
            "smallint",
            "integer",
            "bigint",
            "decimal(12,2)",
            "decimal(10)",
            "decimal",
            "real",
            "double",
            "boolean",
            "text",
            "varchar(255)",
            "char(2)",
            "date",
            "time",
            "timestamp",
            "timestamptz",
            "interval",
            "uuid",
            "json",
            "jsonb",
            "bytes",
            "enum('a','it''s')",
            "text[]",
            "inet",
        ] {
            let t = DataType::parse(s).unwrap();
            assert_eq!(t.to_string(), s);
        }
    }

    #[test]
    fn synonyms() {
        assert_eq!(DataType::parse("INT").unwrap(), DataType::Integer);
        assert_eq!(
            DataType::parse("character varying(10)").unwrap(),
            DataType::Varchar(Some(10))
        );
        assert_eq!(
            DataType::parse("timestamp with time zone").unwrap(),
            DataType::Timestamptz
        );
        assert_eq!(
            DataType::parse("numeric(5, 2)").unwrap(),
            DataType::Decimal {
                precision: Some(5),
                scale: Some(2)
            }
        );
    }

    #[test]
    fn rejects_bad_forms() {
        for s in [
            "",
            "decimal(2,5)",
            "varchar(x)",
            "varchar(0)",
            "integer(4)",
            "enum()",
            "enum(a)",
            "enum('a','a')",
            "decimal(1,2,3)",
            "text(",
            "a;b",
        ] {
            assert!(DataType::parse(s).is_err(), "{s} should not parse");
        }
    }
}
