//! Full advisory analysis (worksheet analysis, every rule, the index advisor, the score) of a
//! synthetic design of 2,000 tables with a 5,000-pattern worksheet.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use schemata_model::Design;
use serde_json::{Value, json};

const TABLES: usize = 2_000;
const PATTERNS: usize = 5_000;

fn synthetic() -> Design {
    let tables: Vec<Value> = (0..TABLES)
        .map(|i| {
            let mut t = json!({
                "name": format!("t{i:04}"),
                "columns": [
                    {"name": "id", "type": "bigint"},
                    {"name": "parent_id", "type": "bigint", "nullable": true, "distinct": 5000},
                    {"name": "code", "type": "varchar(32)", "distinct": 100000},
                    {"name": "status", "type": "varchar(16)", "distinct": 5},
                    {"name": "owner_id", "type": "bigint", "distinct": 20000},
                    {"name": "amount", "type": "decimal(12,2)"},
                    {"name": "created_at", "type": "timestamptz"},
                    {"name": "note", "type": "text", "nullable": true}
                ],
                "primary_key": {"columns": ["id"]},
                "scale": {"rows": 10_000 + (i as u64 * 997) % 1_000_000, "growth_per_day": 1000},
                "indexes": [{"parts": [{"column": "status"}]}]
            });
            if i > 0 {
                t["foreign_keys"] =
                    json!([{"columns": ["parent_id"], "references": format!("t{:04}", i - 1)}]);
            }
            if i % 3 == 0 {
                t["indexes"] =
                    json!([{"parts": [{"column": "parent_id"}]}, {"parts": [{"column": "code"}]}]);
            }
            t
        })
        .collect();
    let patterns: Vec<Value> = (0..PATTERNS)
        .map(|p| {
            let t = format!("t{:04}", (p * 7) % TABLES);
            let parent = format!("t{:04}", ((p * 7) % TABLES).saturating_sub(1));
            let sql = match p % 5 {
                0 => format!("SELECT id, status FROM {t} WHERE code = $1"),
                1 => format!("SELECT * FROM {t} WHERE owner_id = :owner AND status = 'open' ORDER BY created_at DESC LIMIT 20"),
                2 => format!("SELECT c.id, p.code FROM {t} c JOIN {parent} p ON p.id = c.parent_id WHERE c.owner_id = ? AND c.created_at >= ?"),
                3 => format!("UPDATE {t} SET status = $2, amount = amount + 1 WHERE id = $1"),
                _ => format!("INSERT INTO {t} (parent_id, code, status, owner_id, amount, created_at) VALUES ($1, $2, 'new', $3, 0, now())"),
            };
            json!({"name": format!("p{p}"), "rate": {"per_second": 1 + p % 50}, "statements": [sql]})
        })
        .collect();
    let text =
        json!({"format": 1, "tables": tables, "worksheet": {"patterns": patterns}}).to_string();
    let loaded = schemata_model::load_str(&text);
    loaded.design.unwrap_or_default()
}

fn full(design: &Design) -> u32 {
    let analysis = schemata_advise::analyze(design);
    schemata_advise::score(&analysis.diagnostics).total + analysis.indexes.len() as u32
}

fn bench(c: &mut Criterion) {
    let design = synthetic();
    assert_eq!(design.tables.len(), TABLES);
    assert_eq!(design.worksheet.patterns.len(), PATTERNS);
    c.bench_function("advise_2000_tables_5000_patterns", |b| {
        b.iter(|| full(black_box(&design)))
    });
    // The share of the parser and name resolution alone.
    c.bench_function("parse_and_resolve_5000_patterns", |b| {
        b.iter(|| {
            let catalog = schemata_sql::query::Catalog::new(&design);
            let mut n = 0;
            for p in &design.worksheet.patterns {
                for s in &p.statements {
                    n += schemata_sql::query::analyze_with(&catalog, s).map_or(0, |a| a.len());
                }
            }
            black_box(n)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
