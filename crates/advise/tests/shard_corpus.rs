//! The shard advisor on real schemas from the shared corpus (no worksheet: foreign keys decide
//! co-location): every table is placed, every distributed table has a key column that exists,
//! co-located foreign keys carry the keys, and the Citus script parses as PostgreSQL.

use std::path::PathBuf;

use schemata_advise::shard::{TableMode, citus::citus_ddl};
use schemata_advise::{ShardOptions, shard_analysis};
use schemata_model::ShardEngine;
use schemata_sql::import::{ImportOptions, import_sql};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("MANIFEST.tsv").exists().then_some(dir)
}

#[test]
fn real_schemas_get_a_complete_plan_and_valid_citus_ddl() {
    let Some(dir) = corpus() else {
        eprintln!("shared corpus not found; skipped");
        return;
    };
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    let mut checked = 0;
    for line in manifest.lines().skip(1) {
        let mut fields = line.split('\t');
        let (Some(name), Some(dialect)) = (fields.next(), fields.next()) else {
            continue;
        };
        let path = dir.join(format!("{name}.sql"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let imported = import_sql(&text, &ImportOptions::default(), &mut |_| {});
        let design = imported.design;
        for shards in [4, 32] {
            let options = ShardOptions {
                engine: ShardEngine::Citus,
                shards,
            };
            let (plan, _diagnostics) = shard_analysis(&design, options);
            assert_eq!(plan.tables.len(), design.tables.len(), "{name}");
            for (t, tp) in design.tables.iter().zip(&plan.tables) {
                assert_eq!(t.id, tp.table, "{name}: plan order");
                match tp.mode {
                    TableMode::Distributed => {
                        let key = tp.key.as_deref().expect("a distributed table has a key");
                        let column = t.column(key).unwrap_or_else(|| panic!("{name}: {key}"));
                        assert!(
                            !column.nullable,
                            "{name}: {}.{} is nullable",
                            t.name, column.name
                        );
                        assert!(tp.family.is_some(), "{name}: {} has no family", t.name);
                    }
                    TableMode::Reference | TableMode::Local => assert!(tp.key.is_none()),
                }
            }
            if dialect == "postgres" {
                let ddl = citus_ddl(&design, &plan);
                if let Err(e) = Parser::parse_sql(&PostgreSqlDialect {}, &ddl.sql) {
                    panic!("{name}: the Citus DDL does not parse: {e}");
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} corpus files");
}
