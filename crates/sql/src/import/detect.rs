//! Guessing the dialect of a SQL file from what only one dialect writes.

use super::SourceDialect;

/// The dialect whose tell-tale signs `text` shows most; PostgreSQL when none shows any.
pub fn detect_dialect(text: &str) -> SourceDialect {
    let lower = text.to_ascii_lowercase();
    let count =
        |needles: &[&str]| -> usize { needles.iter().map(|n| lower.matches(n).count()).sum() };
    let postgres = count(&[
        "::",
        "$$",
        "search_path",
        "pg_catalog",
        "owner to",
        "nextval(",
        "create extension",
        " serial",
        "\\connect",
        "using btree",
        "timestamp with",
    ]);
    let mysql = count(&[
        "`",
        "engine=",
        "engine =",
        "auto_increment",
        "delimiter ",
        "/*!",
        " unsigned",
        "charset=",
    ]);
    let sqlite = count(&[
        "pragma ",
        "autoincrement",
        "without rowid",
        "sqlite",
        "integer primary key",
        "int primary key",
        "collate nocase",
        "on conflict",
    ]) * 3;
    let mssql = count(&[
        "[dbo]",
        "\ngo\n",
        "\ngo\r\n",
        "identity(",
        "nvarchar(max)",
        "set ansi_nulls",
        "set quoted_identifier",
    ]) * 2;
    let mut best = (SourceDialect::Postgres, postgres);
    for candidate in [
        (SourceDialect::Mysql, mysql),
        (SourceDialect::Sqlite, sqlite),
        (SourceDialect::Mssql, mssql),
    ] {
        if candidate.1 > best.1 {
            best = candidate;
        }
    }
    best.0
}
