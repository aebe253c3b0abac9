//! The shard advisor on a synthetic design of 500 tables in 50 families (a root table and nine
//! children holding the root's id) with a 2,000-pattern worksheet: point reads, lists by the
//! root id, joins of a child to its root, and transactions binding one root id across tables.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use schemata_advise::{ShardOptions, shard_plan};
use schemata_model::{Design, ShardEngine};
use serde_json::{Value, json};

const FAMILIES: usize = 50;
const PER_FAMILY: usize = 10;
const PATTERNS: usize = 2_000;

fn name(f: usize, i: usize) -> String {
    if i == 0 {
        format!("root{f:02}s")
    } else {
        format!("child{f:02}_{i}s")
    }
}

fn synthetic() -> Design {
    let mut tables: Vec<Value> = Vec::new();
    for f in 0..FAMILIES {
        for i in 0..PER_FAMILY {
            let mut columns = vec![
                json!({"name": "id", "type": "bigint"}),
                json!({"name": "code", "type": "varchar(32)", "distinct": 1_000_000}),
                json!({"name": "status", "type": "varchar(16)", "distinct": 5}),
                json!({"name": "created_at", "type": "timestamptz"}),
            ];
            let mut t = json!({
                "name": name(f, i),
                "primary_key": {"columns": ["id"]},
                "scale": {"rows": if i == 0 { 1_000_000 } else { 20_000_000 + i as u64 * 1_000 }},
            });
            if i > 0 {
                columns.push(json!({"name": "root_id", "type": "bigint"}));
                t["foreign_keys"] = json!([{"columns": ["root_id"], "references": name(f, 0)}]);
            }
            t["columns"] = Value::Array(columns);
            tables.push(t);
        }
    }
    let patterns: Vec<Value> = (0..PATTERNS)
        .map(|p| {
            // Six consecutive patterns (one of each shape) use the same child table.
            let g = p / 6;
            let f = (g * 7) % FAMILIES;
            let i = 1 + (g * 4) % (PER_FAMILY - 1);
            let (root, child, other) = (name(f, 0), name(f, i), name(f, 1 + i % (PER_FAMILY - 1)));
            let statements = match p % 6 {
                0 => vec![format!("SELECT code, status FROM {root} WHERE id = $1")],
                1 => vec![format!("SELECT id, code FROM {child} WHERE root_id = $1 ORDER BY created_at DESC LIMIT 20")],
                2 => vec![format!("SELECT c.id, r.code FROM {child} c JOIN {root} r ON r.id = c.root_id WHERE c.root_id = $1 LIMIT 50")],
                3 => vec![format!("SELECT id FROM {child} WHERE code = $1")],
                4 => vec![
                    format!("UPDATE {root} SET status = $2 WHERE id = $1"),
                    format!("INSERT INTO {child} (id, root_id, code, status, created_at) VALUES ($3, $1, $4, 'new', now())"),
                    format!("UPDATE {other} SET status = $2 WHERE root_id = $1 AND id = $5"),
                ],
                _ => vec![format!("SELECT id FROM {child} WHERE status = $1 AND created_at >= $2 LIMIT 100")],
            };
            json!({"name": format!("p{p}"), "rate": {"per_second": 1 + p % 40}, "statements": statements})
        })
        .collect();
    let text =
        json!({"format": 1, "tables": tables, "worksheet": {"patterns": patterns}}).to_string();
    schemata_model::load_str(&text).design.unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let design = synthetic();
    assert_eq!(design.tables.len(), FAMILIES * PER_FAMILY);
    assert_eq!(design.worksheet.patterns.len(), PATTERNS);
    let options = ShardOptions {
        engine: ShardEngine::Citus,
        shards: 32,
    };
    let plan = shard_plan(&design, options);
    eprintln!(
        "shard plan: {} tables, {} patterns, single-shard share {:.1}%, {} families",
        design.tables.len(),
        design.worksheet.patterns.len(),
        plan.single_shard_share * 100.0,
        plan.families.len()
    );
    let mut group = c.benchmark_group("shard");
    group.sample_size(10);
    group.bench_function("plan_500_tables_2000_patterns", |b| {
        b.iter(|| shard_plan(black_box(&design), options))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
