//! The one error type of live-database operations.

/// A failure talking to, or reading from, a live database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// SQLite reported an error.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL (or the connection to it) reported an error; the text includes the server's
    /// detail and hint when it sent them.
    #[error("postgres: {0}")]
    Postgres(String),
    /// The MariaDB/MySQL command-line client reported an error.
    #[error("mariadb: {0}")]
    Mysql(String),
    /// A file or process operation failed.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// A program the operation needs is not installed.
    #[error("`{program}` was not found; install the Debian package `{package}`")]
    NotInstalled { program: String, package: String },
    /// A test server did not start or stop as expected.
    #[error("test server: {0}")]
    Server(String),
    /// The catalog held something the introspection could not read.
    #[error("introspection: {0}")]
    Introspect(String),
}

impl DbError {
    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        DbError::Io {
            context: context.into(),
            source,
        }
    }
}

impl From<tokio_postgres::Error> for DbError {
    fn from(e: tokio_postgres::Error) -> Self {
        let Some(db) = e.as_db_error() else {
            return DbError::Postgres(e.to_string());
        };
        let mut text = format!("{} ({})", db.message(), db.code().code());
        if let Some(detail) = db.detail() {
            text.push_str("; detail: ");
            text.push_str(detail);
        }
        if let Some(hint) = db.hint() {
            text.push_str("; hint: ");
            text.push_str(hint);
        }
        if let Some(position) = db.position() {
            text.push_str(&format!("; at {position:?}"));
        }
        DbError::Postgres(text)
    }
}
