//! PostgreSQL: a blocking client over `tokio-postgres`, applying DDL, and introspection of the
//! catalog into a [`Design`](schemata_model::Design).

mod domains;
mod introspect;
mod types;

pub use introspect::introspect;
pub use types::logical_type;

use crate::DbError;
use std::future::Future;
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Row};

/// A blocking PostgreSQL connection: a `tokio_postgres::Client` driven by its own
/// current-thread runtime.
pub struct PgClient {
    // Field order matters: the client is dropped before the runtime that drives it.
    client: tokio_postgres::Client,
    runtime: tokio::runtime::Runtime,
}

/// Connect to PostgreSQL with a libpq-style connection string
/// (`host=127.0.0.1 port=5432 user=postgres dbname=app`) or a `postgresql://` URL. No TLS.
pub fn connect(url: &str) -> Result<PgClient, DbError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| DbError::io("starting the tokio runtime", e))?;
    let (client, connection) = runtime.block_on(tokio_postgres::connect(url, NoTls))?;
    runtime.spawn(async move {
        // The error, if any, surfaces on the next query as a closed connection.
        let _ = connection.await;
    });
    Ok(PgClient { client, runtime })
}

/// Run a script of one or more SQL statements (DDL as generated), in one implicit transaction.
pub fn apply(client: &PgClient, sql: &str) -> Result<(), DbError> {
    client.batch_execute(sql)
}

impl PgClient {
    /// Run one or more statements without parameters.
    pub fn batch_execute(&self, sql: &str) -> Result<(), DbError> {
        Ok(self.block_on(self.client.batch_execute(sql))?)
    }

    /// Run one statement and return its rows.
    pub fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, DbError> {
        Ok(self.block_on(self.client.query(sql, params))?)
    }

    /// Run one statement and return the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, DbError> {
        Ok(self.block_on(self.client.execute(sql, params))?)
    }

    /// The underlying asynchronous client, for use with [`PgClient::block_on`].
    pub fn client(&self) -> &tokio_postgres::Client {
        &self.client
    }

    /// Drive a future of this client to completion.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }
}
