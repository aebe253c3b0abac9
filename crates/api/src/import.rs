//! `import`: a design from a SQL file, a live PostgreSQL database or a SQLite file.
//!
//! Connection passwords are used to connect and never written anywhere: the design holds the
//! database name only. A `postgres://` URL without a password takes it from `PGPASSWORD`.

use schemata_db::{postgres, sqlite};
use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{ApiError, ApiErrorCode};

pub use schemata_sql::import::{
    ImportOptions, ImportProgress, Imported, KindCount, Skipped, SourceDialect, detect_dialect,
};

/// Import SQL text (see [`schemata_sql::import`]).
pub fn import_sql_text(
    text: &str,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Imported {
    schemata_sql::import::import_sql(text, options, progress)
}

/// Import a SQL file; the design is named after the file when `options.name` is empty.
pub fn import_sql_file(
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Imported, ApiError> {
    let bytes = std::fs::read(path).map_err(|e| ApiError::from_io("cannot read", path, &e))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut options = options.clone();
    if options.name.is_empty() {
        options.name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(import_sql_text(&text, &options, progress))
}

/// Import what `source` names: `postgres://...` / `postgresql://...` (the given schemas, or
/// `public` when none), `sqlite:PATH`, or a SQL file.
pub fn import_source(
    source: &str,
    options: &ImportOptions,
    schemas: &[String],
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<Imported, ApiError> {
    if source.starts_with("postgres://") || source.starts_with("postgresql://") {
        import_postgres(source, schemas)
    } else if let Some(path) = source.strip_prefix("sqlite:") {
        import_sqlite(Path::new(path.trim_start_matches("//")))
    } else {
        import_sql_file(Path::new(source), options, progress)
    }
}

fn live(design: schemata_model::Design, dialect: SourceDialect) -> Imported {
    Imported {
        design,
        dialect,
        statements: 0,
        coverage: BTreeMap::new(),
        skipped: Vec::new(),
        dropped: Vec::new(),
        extensions: Vec::new(),
    }
}

/// Read a live PostgreSQL database. The URL's password (or `PGPASSWORD`) is only used to
/// connect.
pub fn import_postgres(url: &str, schemas: &[String]) -> Result<Imported, ApiError> {
    let conn = connection_string(url)?;
    let client = postgres::connect(&conn).map_err(|e| database(redact(&e.to_string(), url)))?;
    let schemas: Vec<&str> = if schemas.is_empty() {
        vec!["public"]
    } else {
        schemas.iter().map(String::as_str).collect()
    };
    let design = postgres::introspect(&client, &schemas).map_err(|e| database(e.to_string()))?;
    Ok(live(design, SourceDialect::Postgres))
}

/// Read a SQLite database file.
pub fn import_sqlite(path: &Path) -> Result<Imported, ApiError> {
    if !path.is_file() {
        return Err(database(format!(
            "{}: no such database file",
            path.display()
        )));
    }
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| database(format!("{}: {e}", path.display())))?;
    let mut design =
        sqlite::introspect(&conn).map_err(|e| database(format!("{}: {e}", path.display())))?;
    if design.name.is_empty() {
        design.name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(live(design, SourceDialect::Sqlite))
}

/// A libpq key/value connection string for `url`, with the password from `PGPASSWORD` when
/// the URL has none.
fn connection_string(url: &str) -> Result<String, ApiError> {
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| database(format!("not a PostgreSQL URL: {e}")))?;
    let mut parts = Vec::new();
    for host in config.get_hosts() {
        if let tokio_postgres::config::Host::Tcp(h) = host {
            parts.push(format!("host={}", quote(h)));
        }
    }
    if let Some(port) = config.get_ports().first() {
        parts.push(format!("port={port}"));
    }
    if let Some(user) = config.get_user() {
        parts.push(format!("user={}", quote(user)));
    }
    if let Some(db) = config.get_dbname() {
        parts.push(format!("dbname={}", quote(db)));
    }
    let password = match config.get_password() {
        Some(p) => Some(String::from_utf8_lossy(p).into_owned()),
        None => std::env::var("PGPASSWORD").ok(),
    };
    if let Some(p) = password {
        parts.push(format!("password={}", quote(&p)));
    }
    Ok(parts.join(" "))
}

/// A database that cannot be reached or read.
fn database(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorCode::Io, message)
}

fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `message` without the URL's password, should a driver ever echo it.
fn redact(message: &str, url: &str) -> String {
    match url.parse::<tokio_postgres::Config>() {
        Ok(c) => match c.get_password() {
            Some(p) if !p.is_empty() => message.replace(&*String::from_utf8_lossy(p), "***"),
            _ => message.to_string(),
        },
        Err(_) => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_strings_keep_the_password_out_of_the_design() {
        let conn = connection_string("postgres://app:s3cret@db.example:5433/shop").unwrap();
        assert!(conn.contains("host='db.example'"), "{conn}");
        assert!(conn.contains("port=5433"), "{conn}");
        assert!(conn.contains("password='s3cret'"), "{conn}");
        assert_eq!(
            redact("failed for s3cret", "postgres://a:s3cret@h/d"),
            "failed for ***"
        );
    }

    #[test]
    fn imports_sql_text() {
        let imported = import_sql_text(
            "CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL);",
            &ImportOptions::default(),
            &mut |_| {},
        );
        assert_eq!(imported.design.tables.len(), 1);
        assert_eq!(imported.design.tables[0].columns.len(), 2);
    }
}
