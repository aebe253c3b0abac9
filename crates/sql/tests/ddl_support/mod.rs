//! Designs shared by the DDL tests: the example designs of the repository and one design that
//! uses every feature the generator knows.

#![allow(dead_code)]

pub mod random;

use std::path::PathBuf;

use schemata_model::{Design, Severity};

/// Load a design from its text; panics with the loader's errors when it has none to give.
pub fn load(name: &str, text: &str) -> Design {
    let loaded = schemata_model::load_str(text);
    let structural: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.code.starts_with('F'))
        .collect();
    assert!(structural.is_empty(), "{name}: {structural:#?}");
    match loaded.design {
        Some(d) => d,
        None => panic!("{name}: no design: {:#?}", loaded.diagnostics),
    }
}

/// The design that exercises every DDL feature.
pub fn features() -> Design {
    load("features", include_str!("features.schemata.json"))
}

/// The example designs under `examples/`, by file stem, in file-name order.
pub fn examples() -> Vec<(String, Design)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".schemata.json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let stem = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".schemata.json"))
                .unwrap_or("design")
                .to_string();
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let design = load(&stem, &text);
            (stem, design)
        })
        .collect()
}

/// Every example plus the feature design.
pub fn all_designs() -> Vec<(String, Design)> {
    let mut all = examples();
    all.push(("features".to_string(), features()));
    all
}

/// SQLite helpers: apply a design's DDL and put rows in its tables.
pub mod sqlite {
    use rusqlite::Connection;
    use schemata_model::{DataType, Design, DialectName};
    use schemata_sql::ddl::generate;
    use schemata_sql::dialect::{Dialect, Sqlite};
    use schemata_sql::physical::physical_design;

    /// A fresh in-memory database with foreign keys enforced and the design's tables created;
    /// also the physical design the tables were made from.
    pub fn apply(design: &Design) -> Result<(Connection, Design), String> {
        let conn = Connection::open_in_memory().map_err(|e| e.to_string())?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")
            .map_err(|e| e.to_string())?;
        let sql = generate(design, DialectName::Sqlite).to_sql();
        conn.execute_batch(&sql)
            .map_err(|e| format!("{e}\n--- script ---\n{sql}"))?;
        let (physical, _) = physical_design(design, DialectName::Sqlite);
        Ok((conn, physical))
    }

    /// Which row to build: values differ between variants, so two variants do not collide on
    /// unique keys.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub struct Row<'a> {
        pub variant: u32,
        /// Give foreign-key columns values that no row has.
        pub dangling_fks: bool,
        /// Put NULL in this column (by id).
        pub null_column: Option<&'a str>,
    }

    /// `INSERT` of one row into table `ti` of the physical design. Foreign-key columns take the
    /// value the referenced column has in the same variant, so rows of one variant fit together.
    pub fn insert_sql(physical: &Design, logical: &Design, ti: usize, row: Row<'_>) -> String {
        let t = &physical.tables[ti];
        let mut cols = Vec::new();
        let mut vals = Vec::new();
        for c in t.columns.iter().filter(|c| c.generated.is_none()) {
            cols.push(Sqlite.quote_ident(&c.name));
            if row.null_column == Some(c.id.as_str()) {
                vals.push("NULL".to_string());
            } else {
                vals.push(value(physical, logical, ti, &c.id, row, 0));
            }
        }
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            Sqlite.quote_ident(&t.name),
            cols.join(", "),
            vals.join(", ")
        )
    }

    fn value(
        physical: &Design,
        logical: &Design,
        ti: usize,
        col_id: &str,
        row: Row<'_>,
        depth: u32,
    ) -> String {
        let t = &physical.tables[ti];
        let Some(col) = t.column(col_id) else {
            return "NULL".into();
        };
        if let Some(fk) = t
            .foreign_keys
            .iter()
            .find(|fk| fk.columns.iter().any(|c| c == col_id))
        {
            if row.dangling_fks {
                return if col.data_type.is_integer() {
                    "987654".into()
                } else {
                    "'no-such-row'".into()
                };
            }
            let pos = fk.columns.iter().position(|c| c == col_id).unwrap_or(0);
            let target = fk.target_columns(physical).get(pos).cloned();
            let rti = physical.tables.iter().position(|r| r.id == fk.references);
            if let (Some(target), Some(rti)) = (target, rti)
                && depth < 8
            {
                return value(
                    physical,
                    logical,
                    rti,
                    &target,
                    Row {
                        dangling_fks: false,
                        ..row
                    },
                    depth + 1,
                );
            }
        }
        let logical_type = logical
            .table(&t.id)
            .and_then(|lt| lt.column(col_id))
            .map(|c| c.data_type.clone());
        let enum_values = match &logical_type {
            Some(DataType::Enum(v)) => Some(v.clone()),
            Some(DataType::Named(n)) => logical
                .enums
                .iter()
                .find(|e| e.name == *n)
                .map(|e| e.values.clone()),
            _ => None,
        };
        let n = row.variant;
        if let Some(values) = enum_values.filter(|v| !v.is_empty()) {
            let pick = &values[(n as usize).saturating_sub(1) % values.len()];
            return Sqlite.string_literal(pick);
        }
        match &col.data_type {
            ty if ty.is_integer() => n.to_string(),
            DataType::Decimal { .. } | DataType::Real | DataType::Double => n.to_string(),
            DataType::Boolean => (n % 2).to_string(),
            DataType::Char(Some(len)) => {
                format!("'{}'", letter(n).to_string().repeat(*len as usize))
            }
            DataType::Text | DataType::Varchar(_) | DataType::Char(None) => {
                format!("'{}'", letter(n))
            }
            DataType::Date => format!("'2024-01-{n:02}'"),
            DataType::Time => format!("'12:00:{n:02}'"),
            DataType::Timestamp | DataType::Timestamptz => format!("'2024-01-01 12:00:{n:02}'"),
            DataType::Interval => format!("'{n} days'"),
            DataType::Uuid => format!("'00000000-0000-4000-8000-{n:012}'"),
            DataType::Json | DataType::Jsonb => format!("'{{\"n\": {n}}}'"),
            DataType::Array(_) => format!("'[{n}]'"),
            DataType::Bytes => format!("X'{n:02x}'"),
            DataType::Enum(v) => Sqlite.string_literal(v.first().map(String::as_str).unwrap_or("")),
            _ => format!("'{}'", letter(n)),
        }
    }

    fn letter(n: u32) -> char {
        char::from(b'a' + (n % 26) as u8)
    }
}
