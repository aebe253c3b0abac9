//! `verify`: the advice checked against PostgreSQL's planner. In a scratch schema the design's
//! DDL is applied, synthetic rows are loaded (capped, consistent across foreign keys, with the
//! declared distinct counts), and every statement of the worksheet is explained without the
//! recommended indexes, with them as hypothetical indexes (hypopg), and with them created.

use std::collections::{BTreeMap, BTreeSet};

use schemata_db::postgres::{PgClient, connect};
use schemata_model::{DataType, Design, DialectName, Table};
use schemata_sql::query::{Operand, params};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::error::{ApiError, ApiErrorCode};

/// What `verify` does.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VerifyOptions {
    /// libpq connection string or `postgresql://` URL.
    pub url: String,
    /// Most rows loaded into one table.
    pub max_rows: u32,
    /// Also create the recommended indexes for real and explain again.
    pub real_indexes: bool,
}

/// One statement's plans.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StatementPlan {
    pub pattern: String,
    /// Position of the statement in its pattern.
    pub statement: u32,
    pub weight: f64,
    pub cost_without: f64,
    pub cost_hypothetical: f64,
    #[ts(optional)]
    pub cost_real: Option<f64>,
    /// Indexes the plan with the recommended indexes uses (names).
    pub indexes_used: Vec<String>,
    /// Tables of more than 10,000 expected rows the plan with recommended indexes still scans
    /// whole.
    pub full_scans: Vec<String>,
    /// The plan with the hypothetical indexes, one node per line.
    pub plan: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<String>,
}

/// The result of `verify`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VerifyReport {
    /// Rows loaded per table.
    pub rows: BTreeMap<String, u64>,
    pub statements: Vec<StatementPlan>,
    /// Rate-weighted total cost without the recommended indexes.
    pub total_without: f64,
    /// ... with them as hypothetical indexes.
    pub total_hypothetical: f64,
    #[ts(optional)]
    pub total_real: Option<f64>,
    /// Recommended indexes (names) no plan uses.
    pub unused_recommendations: Vec<String>,
    /// The recommended indexes, as DDL.
    pub recommended: Vec<String>,
}

fn db_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ApiErrorCode::Io, format!("PostgreSQL: {e}"))
}

/// Verify the advice for `design` on the server at `options.url`. The scratch schema is dropped
/// at the end, whatever happens.
pub fn verify(design: &Design, options: &VerifyOptions) -> Result<VerifyReport, ApiError> {
    let client = connect(&options.url).map_err(db_error)?;
    let schema = format!("schemata_verify_{}", std::process::id());
    client
        .batch_execute(&format!(
            "CREATE EXTENSION IF NOT EXISTS hypopg; DROP SCHEMA IF EXISTS {schema} CASCADE; \
             CREATE SCHEMA {schema}; SET search_path = {schema}, public;"
        ))
        .map_err(db_error)?;
    let result = run(&client, design, options);
    let _ = client.batch_execute(&format!(
        "SET search_path = public; DROP SCHEMA IF EXISTS {schema} CASCADE;"
    ));
    result
}

fn run(
    client: &PgClient,
    design: &Design,
    options: &VerifyOptions,
) -> Result<VerifyReport, ApiError> {
    let ddl = schemata_sql::ddl::generate(design, DialectName::Postgres);
    client.batch_execute(&ddl.to_sql()).map_err(db_error)?;
    // Values are consistent by construction; constraints would only slow the load down or
    // reject rows a CHECK does not like.
    client
        .batch_execute(
            "DO $$ DECLARE r record; BEGIN FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint \
             WHERE contype IN ('f','c') AND connamespace = current_schema()::regnamespace \
             ORDER BY contype DESC LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname); \
             END LOOP; END $$;",
        )
        .map_err(db_error)?;
    let enums: BTreeMap<String, Vec<String>> = design
        .enums
        .iter()
        .map(|e| (e.name.clone(), e.values.clone()))
        .collect();
    let counts = load_rows(client, design, options.max_rows, &enums)?;
    client.batch_execute("ANALYZE").map_err(db_error)?;
    let analysis = schemata_advise::analyze(design);
    let mut statements = prepare_statements(client, design)?;
    for s in &mut statements {
        s.out.cost_without = explain(client, &s.sql).map(|p| cost(&p)).unwrap_or(0.0);
    }
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for rec in &analysis.indexes {
        let sql = rec.ddl.replace("CREATE INDEX CONCURRENTLY", "CREATE INDEX");
        let rows = client
            .query(
                "SELECT indexname::text FROM hypopg_create_index($1)",
                &[&sql],
            )
            .map_err(db_error)?;
        if let Some(row) = rows.first() {
            let hypo: String = row.get(0);
            names.insert(hypo, rec.name.clone());
        }
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    for s in &mut statements {
        match explain(client, &s.sql) {
            Ok(plan) => {
                let s = &mut s.out;
                s.cost_hypothetical = cost(&plan);
                let mut found = Vec::new();
                walk_plan(&plan, &mut |node| {
                    if let Some(ix) = node.get("Index Name").and_then(Value::as_str) {
                        let name = names.get(ix).cloned().unwrap_or_else(|| ix.to_string());
                        if !found.contains(&name) {
                            found.push(name);
                        }
                    }
                    if node.get("Node Type").and_then(Value::as_str) == Some("Seq Scan")
                        && let Some(rel) = node.get("Relation Name").and_then(Value::as_str)
                    {
                        let big = design
                            .table_by_name(rel)
                            .and_then(|t| t.scale.as_ref()?.rows)
                            .is_some_and(|r| r > 10_000);
                        if big && !s.full_scans.iter().any(|x| x == rel) {
                            s.full_scans.push(rel.to_string());
                        }
                    }
                });
                s.plan = render_plan(&plan, &names);
                used.extend(found.iter().cloned());
                s.indexes_used = found;
            }
            Err(e) => s.out.error = Some(e),
        }
    }
    client
        .batch_execute("SELECT hypopg_reset()")
        .map_err(db_error)?;
    let mut total_real = None;
    if options.real_indexes {
        for rec in &analysis.indexes {
            let sql = rec.ddl.replace("CREATE INDEX CONCURRENTLY", "CREATE INDEX");
            client.batch_execute(&sql).map_err(db_error)?;
        }
        client.batch_execute("ANALYZE").map_err(db_error)?;
        let mut total = 0.0;
        for s in &mut statements {
            let c = explain(client, &s.sql).map(|p| cost(&p)).ok();
            total += s.out.weight * c.unwrap_or(0.0);
            s.out.cost_real = c;
        }
        total_real = Some(total);
    }
    let total_without = statements
        .iter()
        .map(|s| s.out.weight * s.out.cost_without)
        .sum();
    let total_hypothetical = statements
        .iter()
        .map(|s| s.out.weight * s.out.cost_hypothetical)
        .sum();
    Ok(VerifyReport {
        rows: counts,
        total_without,
        total_hypothetical,
        total_real,
        unused_recommendations: analysis
            .indexes
            .iter()
            .filter(|r| !used.contains(&r.name))
            .map(|r| r.name.clone())
            .collect(),
        recommended: analysis.indexes.iter().map(|r| r.ddl.clone()).collect(),
        statements: statements.into_iter().map(|s| s.out).collect(),
    })
}

/// A statement ready to explain: its SQL with sample parameter values, and its plans.
struct Prepared {
    sql: String,
    out: StatementPlan,
}

fn prepare_statements(client: &PgClient, design: &Design) -> Result<Vec<Prepared>, ApiError> {
    let mut out = Vec::new();
    for p in &design.worksheet.patterns {
        let weight = p.rate.map_or(1.0, schemata_model::Rate::weight);
        for (si, sql) in p.statements.iter().enumerate() {
            let normalized = params::normalize(sql);
            let mut values: Vec<String> = vec!["NULL".to_string(); normalized.labels.len()];
            // Parameters compared with a column by equality get a value that column holds.
            if let Ok(analyses) = schemata_sql::query::analyze(design, sql) {
                for a in &analyses {
                    for t in &a.tables {
                        let Some(table) = design.table(&t.table) else {
                            continue;
                        };
                        let bound = t.equality.iter().map(|e| (e, 0.5));
                        let ranged = t.bounds.iter().map(|e| (e, 0.95));
                        for (e, at) in bound.chain(ranged) {
                            let Operand::Param(label) = &e.operand else {
                                continue;
                            };
                            let Some(k) = normalized.labels.iter().position(|l| l == label) else {
                                continue;
                            };
                            if let Some(v) = sample_value(client, table, &e.column, at) {
                                values[k] = v;
                            }
                        }
                    }
                }
            }
            let mut sql_out = normalized.sql.clone();
            // Replace from the highest number down so that $1 does not eat into $10.
            for k in (0..values.len()).rev() {
                let v = if values[k] == "NULL" {
                    "NULL".to_string()
                } else {
                    values[k].clone()
                };
                sql_out = sql_out.replace(&format!("${}", k + 1), &v);
            }
            out.push(Prepared {
                sql: sql_out,
                out: StatementPlan {
                    pattern: p.name.clone(),
                    statement: u32::try_from(si).unwrap_or(u32::MAX),
                    weight,
                    cost_without: 0.0,
                    cost_hypothetical: 0.0,
                    cost_real: None,
                    indexes_used: Vec::new(),
                    full_scans: Vec::new(),
                    plan: String::new(),
                    error: None,
                },
            });
        }
    }
    Ok(out)
}

/// A literal of a value the column holds, cast to its type: the value at fraction `at` of the
/// column's sorted values.
fn sample_value(client: &PgClient, table: &Table, column: &str, at: f64) -> Option<String> {
    let col = table.column(column)?;
    let q = format!(
        "SELECT quote_literal({c}::text) || '::' || pg_typeof({c})::text FROM {t} WHERE {c} IS NOT NULL \
         ORDER BY {c} OFFSET (SELECT (count(*) * {at})::bigint FROM {t}) LIMIT 1",
        c = quote(&col.name),
        t = quote(&table.name)
    );
    let rows = client.query(&q, &[]).ok()?;
    rows.first().map(|r| r.get::<_, String>(0))
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn explain(client: &PgClient, sql: &str) -> Result<Value, String> {
    // The simple protocol returns the plan as text (the driver has no `json` to serde mapping).
    let messages = client
        .block_on(
            client
                .client()
                .simple_query(&format!("EXPLAIN (FORMAT JSON) {sql}")),
        )
        .map_err(|e| match e.as_db_error() {
            Some(db) => db.message().to_string(),
            None => e.to_string(),
        })?;
    let text = messages
        .iter()
        .find_map(|m| match m {
            tokio_postgres::SimpleQueryMessage::Row(r) => r.get(0).map(str::to_string),
            _ => None,
        })
        .ok_or("no plan")?;
    let v: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    Ok(v.get(0)
        .and_then(|p| p.get("Plan"))
        .cloned()
        .unwrap_or(Value::Null))
}

fn cost(plan: &Value) -> f64 {
    plan.get("Total Cost")
        .and_then(Value::as_f64)
        .unwrap_or(0.0)
}

fn walk_plan(plan: &Value, f: &mut impl FnMut(&Value)) {
    f(plan);
    if let Some(children) = plan.get("Plans").and_then(Value::as_array) {
        for c in children {
            walk_plan(c, f);
        }
    }
}

fn render_plan(plan: &Value, names: &BTreeMap<String, String>) -> String {
    fn go(plan: &Value, depth: usize, names: &BTreeMap<String, String>, out: &mut String) {
        let node = plan.get("Node Type").and_then(Value::as_str).unwrap_or("?");
        let mut line = format!("{}{node}", "  ".repeat(depth));
        if let Some(ix) = plan.get("Index Name").and_then(Value::as_str) {
            line.push_str(&format!(
                " using {}",
                names.get(ix).map_or(ix, String::as_str)
            ));
        }
        if let Some(rel) = plan.get("Relation Name").and_then(Value::as_str) {
            line.push_str(&format!(" on {rel}"));
        }
        line.push_str(&format!(" (cost {:.2})\n", cost(plan)));
        out.push_str(&line);
        if let Some(children) = plan.get("Plans").and_then(Value::as_array) {
            for c in children {
                go(c, depth + 1, names, out);
            }
        }
    }
    let mut out = String::new();
    go(plan, 0, names, &mut out);
    out
}

/// Load synthetic rows into every table: row `g` (1-based) of a table has key `g`, foreign keys
/// pointing at an existing key of the referenced table, and `distinct` values cycling.
fn load_rows(
    client: &PgClient,
    design: &Design,
    max_rows: u32,
    enums: &BTreeMap<String, Vec<String>>,
) -> Result<BTreeMap<String, u64>, ApiError> {
    let counts: BTreeMap<String, u64> = design
        .tables
        .iter()
        .map(|t| {
            let rows = t.scale.as_ref().and_then(|s| s.rows).unwrap_or(1_000);
            (t.id.clone(), rows.clamp(1, u64::from(max_rows.max(1))))
        })
        .collect();
    let mut loaded = BTreeMap::new();
    for t in &design.tables {
        let n = counts.get(&t.id).copied().unwrap_or(1);
        let mut cols = Vec::new();
        let mut exprs = Vec::new();
        for c in &t.columns {
            if c.identity.is_some() || c.generated.is_some() {
                continue;
            }
            let fk = t.foreign_keys.iter().find_map(|fk| {
                let pos = fk.columns.iter().position(|x| *x == c.id)?;
                let parent = design.table(&fk.references)?;
                let pc = fk.target_columns(design).get(pos)?.clone();
                Some((parent, pc))
            });
            let expr = match fk {
                Some((parent, pc)) => {
                    let pn = counts.get(&parent.id).copied().unwrap_or(1);
                    let d = c.distinct.unwrap_or(pn).clamp(1, pn);
                    let idx = format!("(1 + (g * 7919 + {}) % {d})", cols.len());
                    parent.column(&pc).map_or_else(
                        || idx.clone(),
                        |pcol| value_expr(parent, pcol, &idx, pn, enums),
                    )
                }
                None => value_expr(t, c, "g", n, enums),
            };
            cols.push(quote(&c.name));
            exprs.push(expr);
        }
        if cols.is_empty() {
            continue;
        }
        let sql = format!(
            "INSERT INTO {} ({}) SELECT {} FROM generate_series(1, {n}) AS g ON CONFLICT DO NOTHING",
            quote(&t.name),
            cols.join(", "),
            exprs.join(", ")
        );
        client
            .batch_execute(&sql)
            .map_err(|e| db_error(format!("loading {}: {e}", t.name)))?;
        loaded.insert(t.name.clone(), n);
    }
    Ok(loaded)
}

/// The value of column `c` in row `row` (an SQL expression) of a table of `n` rows.
fn value_expr(
    t: &Table,
    c: &schemata_model::Column,
    row: &str,
    n: u64,
    enums: &BTreeMap<String, Vec<String>>,
) -> String {
    let unique = t.primary_key_columns() == [c.id.clone()]
        || t.uniques.iter().any(|u| u.columns == [c.id.clone()]);
    let d = if unique {
        n
    } else {
        c.distinct.unwrap_or(n).clamp(1, n)
    };
    let k = if unique || d >= n {
        row.to_string()
    } else {
        format!("(1 + ({row} * 31) % {d})")
    };
    match &c.data_type {
        DataType::SmallInt => format!("({k} % 32000)::smallint"),
        DataType::Integer | DataType::BigInt => k,
        DataType::Decimal { .. } | DataType::Real | DataType::Double => {
            format!("({k} % 100000) / 100.0 + 1")
        }
        DataType::Boolean => format!("({k} % 2 = 0)"),
        DataType::Text | DataType::Varchar(None) | DataType::Char(None) => format!("'v' || {k}"),
        DataType::Varchar(Some(len)) | DataType::Char(Some(len)) => {
            format!("right('v' || {k}, {len})")
        }
        DataType::Date => format!("date '2020-01-01' + ({k} % 3000)::int"),
        DataType::Time => format!("time '00:00' + {k} * interval '1 second'"),
        DataType::Timestamp | DataType::Timestamptz => {
            format!("timestamptz '2020-01-01' + {k} * interval '1 minute'")
        }
        DataType::Interval => format!("{k} * interval '1 second'"),
        DataType::Uuid => format!("md5({k}::text)::uuid"),
        DataType::Json | DataType::Jsonb => "'{}'".to_string(),
        DataType::Bytes => "'\\x00'::bytea".to_string(),
        DataType::Enum(values) => enum_pick(values, &k),
        DataType::Array(_) => "'{}'".to_string(),
        DataType::Named(name) => match enums.get(name) {
            Some(values) => format!("({})::{}", enum_pick(values, &k), quote(name)),
            None => "NULL".to_string(),
        },
    }
}

fn enum_pick(values: &[String], k: &str) -> String {
    if values.is_empty() {
        return "NULL".into();
    }
    let list: Vec<String> = values
        .iter()
        .map(|v| format!("'{}'", v.replace('\'', "''")))
        .collect();
    format!("(ARRAY[{}])[1 + ({k}) % {}]", list.join(", "), values.len())
}
