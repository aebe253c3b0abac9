//! Tests of the Citus DDL: snapshots of two examples, Citus' rules on every example, and a
//! hand-made plan exercising each change.

use schemata_model::{ShardEngine, load_str};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use super::*;
use crate::shard::{Family, ShardOptions, TablePlan};

/// Every `examples/*.schemata.json` by file stem, in name order.
pub(crate) fn examples() -> Vec<(String, Design)> {
    let dir = format!("{}/../../examples", env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".schemata.json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".schemata.json", "");
            (name, example_at(&p))
        })
        .collect()
}

fn example_at(path: &std::path::Path) -> Design {
    let text = std::fs::read_to_string(path).unwrap();
    load_str(&text).design.unwrap()
}

pub(crate) fn example(name: &str) -> Design {
    let path = format!(
        "{}/../../examples/{name}.schemata.json",
        env!("CARGO_MANIFEST_DIR")
    );
    example_at(std::path::Path::new(&path))
}

pub(crate) fn plan_of(design: &Design) -> ShardPlan {
    crate::shard_plan(design, ShardOptions::of(design))
}

/// Diagnostics as `code path: message` lines.
fn diag_lines(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            format!(
                "{} {}: {}",
                d.code,
                d.path.as_deref().unwrap_or("-"),
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parses(sql: &str) {
    if let Err(e) = Parser::parse_sql(&PostgreSqlDialect {}, sql) {
        panic!("the Citus DDL does not parse: {e}\n{sql}");
    }
}

#[test]
fn saas_multitenant() {
    let design = example("saas_multitenant");
    let out = citus_ddl(&design, &plan_of(&design));
    parses(&out.sql);
    insta::assert_snapshot!("citus_saas_multitenant", out.sql);
    insta::assert_snapshot!(
        "citus_saas_multitenant_diagnostics",
        diag_lines(&out.diagnostics)
    );
}

#[test]
fn social_feed() {
    let design = example("social_feed");
    let out = citus_ddl(&design, &plan_of(&design));
    parses(&out.sql);
    insta::assert_snapshot!("citus_social_feed", out.sql);
    insta::assert_snapshot!(
        "citus_social_feed_diagnostics",
        diag_lines(&out.diagnostics)
    );
}

/// The keys of a distributed table contain its distribution column; every kept foreign key
/// follows Citus' rules; every dropped one has an `S002`; the script parses.
fn check_rules(name: &str, design: &Design, plan: &ShardPlan) {
    let adapted = adapt(design, plan);
    let tables = &adapted.design.tables;
    for (t, place) in tables.iter().zip(&adapted.places) {
        let Place::Distributed { key, .. } = place else {
            continue;
        };
        if let Some(pk) = &t.primary_key {
            assert!(
                pk.columns.contains(key),
                "{name}: primary key of {}",
                t.name
            );
        }
        for u in &t.uniques {
            assert!(
                u.columns.contains(key),
                "{name}: {} unique {:?}",
                t.name,
                u.columns
            );
        }
        for ix in t.indexes.iter().filter(|ix| ix.unique) {
            assert!(
                ix.parts.iter().any(|p| p.column.as_ref() == Some(key)),
                "{name}: {} unique index {:?}",
                t.name,
                ix.name
            );
        }
        assert!(
            t.foreign_keys.is_empty(),
            "{name}: foreign keys stay out of CREATE TABLE"
        );
    }
    let index = |id: &str| tables.iter().position(|t| t.id == id).unwrap();
    for (ti, fk) in &adapted.foreign_keys {
        let (c, p) = (&adapted.places[*ti], &adapted.places[index(&fk.references)]);
        let ok = match (c, p) {
            (_, Place::Reference) | (Place::Local, Place::Local) => true,
            (
                Place::Distributed {
                    key: ck,
                    family: cf,
                },
                Place::Distributed {
                    key: pk,
                    family: pf,
                },
            ) => {
                cf == pf
                    && fk
                        .columns
                        .iter()
                        .zip(&fk.referenced_columns)
                        .any(|(a, b)| a == ck && b == pk)
            }
            _ => false,
        };
        assert!(ok, "{name}: kept {fk:?} breaks Citus' rules");
    }
    // Every foreign key of the physical design is kept or reported.
    let (physical, _) = physical_design(design, DialectName::Postgres);
    for t in &physical.tables {
        for fk in &t.foreign_keys {
            let kept = adapted
                .foreign_keys
                .iter()
                .any(|(_, k)| k.id == fk.id && k.name == fk.name);
            let reported = adapted.diagnostics.iter().any(|d| {
                d.code == FK_ACROSS_FAMILIES
                    && d.message.contains("is dropped")
                    && d.target
                        == Some(Target::Constraint {
                            table: t.id.clone(),
                            constraint: fk.id.clone(),
                        })
            });
            assert!(
                kept != reported,
                "{name}: {}.{:?} kept={kept} reported={reported}",
                t.name,
                fk.name
            );
        }
    }
    let out = citus_ddl(design, plan);
    parses(&out.sql);
    for (t, place) in tables.iter().zip(&adapted.places) {
        let call = match place {
            Place::Distributed { .. } => "create_distributed_table(",
            Place::Reference => "create_reference_table(",
            Place::Local => continue,
        };
        let literal = table_literal(dialect_for(DialectName::Postgres), t);
        assert!(
            out.sql.contains(&format!("{call}{literal}")),
            "{name}: {}",
            t.name
        );
    }
}

#[test]
fn every_example_follows_citus_rules() {
    let all = examples();
    assert!(all.len() >= 4);
    for (name, design) in &all {
        check_rules(name, design, &plan_of(design));
    }
}

/// A hand-made plan: `(table, mode, key, family)`; families led by their first table.
pub(crate) fn hand_plan(
    design: &Design,
    rows: &[(&str, TableMode, Option<&str>, Option<&str>)],
) -> ShardPlan {
    let mut families: Vec<Family> = Vec::new();
    let tables = rows
        .iter()
        .map(|&(table, mode, key, family)| {
            if let Some(f) = family {
                match families.iter_mut().find(|x| x.id == f) {
                    Some(x) => x.tables.push(table.to_string()),
                    None => families.push(Family {
                        id: f.to_string(),
                        name: format!("{table}.{}", key.unwrap_or("")),
                        tables: vec![table.to_string()],
                        share: 0.5,
                    }),
                }
            }
            let name = design
                .tables
                .iter()
                .find(|t| t.id == table)
                .unwrap()
                .name
                .clone();
            TablePlan {
                table: table.to_string(),
                name,
                mode,
                key: key.map(str::to_string),
                family: family.map(str::to_string),
                reason: String::new(),
            }
        })
        .collect();
    ShardPlan {
        engine: ShardEngine::Citus,
        shards: 8,
        single_shard_share: 0.5,
        score: 0.5,
        tables,
        families,
        distributed_patterns: Vec::new(),
        patterns: Vec::new(),
        candidates: Vec::new(),
        alternatives: Vec::new(),
        lookups: Vec::new(),
    }
}

pub(crate) const FIXTURE: &str = r#"{
  "format": 1,
  "name": "fixture",
  "tables": [
    {"name": "countries", "columns": [{"name": "code", "type": "char(2)"}],
     "primary_key": {"columns": ["code"]}},
    {"name": "accounts",
     "columns": [{"name": "id", "type": "bigint"}, {"name": "country", "type": "char(2)"},
                 {"name": "email", "type": "text"}, {"name": "owner_id", "type": "bigint", "nullable": true}],
     "primary_key": {"columns": ["id"]},
     "uniques": [{"columns": ["email"]}],
     "indexes": [{"parts": [{"expr": "lower(email)"}], "unique": true}],
     "foreign_keys": [{"id": "acc_country", "columns": ["country"], "references": "countries"}]},
    {"name": "docs",
     "columns": [{"name": "account_id", "type": "bigint"}, {"name": "id", "type": "bigint"},
                 {"name": "parent_id", "type": "bigint", "nullable": true}],
     "primary_key": {"columns": ["id"]},
     "foreign_keys": [
       {"id": "doc_parent", "columns": ["parent_id", "account_id"], "references": "docs",
        "referenced_columns": ["id", "account_id"]},
       {"id": "doc_account", "columns": ["account_id"], "references": "accounts", "on_delete": "set_null"}
     ]},
    {"name": "events",
     "columns": [{"name": "id", "type": "uuid"}, {"name": "doc_id", "type": "bigint"}],
     "primary_key": {"columns": ["id"]},
     "foreign_keys": [{"id": "ev_doc", "columns": ["doc_id"], "references": "docs"}]},
    {"name": "audit",
     "columns": [{"name": "id", "type": "bigint"}, {"name": "account_id", "type": "bigint"}],
     "primary_key": {"columns": ["id"]},
     "foreign_keys": [{"id": "audit_account", "columns": ["account_id"], "references": "accounts"}]}
  ]
}"#;

pub(crate) fn fixture() -> (Design, ShardPlan) {
    let design = load_str(FIXTURE).design.unwrap();
    let plan = hand_plan(
        &design,
        &[
            ("countries", TableMode::Reference, None, None),
            ("accounts", TableMode::Distributed, Some("id"), Some("f1")),
            (
                "docs",
                TableMode::Distributed,
                Some("account_id"),
                Some("f1"),
            ),
            ("events", TableMode::Distributed, Some("id"), Some("f2")),
            ("audit", TableMode::Local, None, None),
        ],
    );
    (design, plan)
}

fn diag<'a>(out: &'a [Diagnostic], code: &str, needle: &str) -> &'a Diagnostic {
    out.iter()
        .find(|d| d.code == code && d.message.contains(needle))
        .unwrap_or_else(|| panic!("no {code} with `{needle}` in:\n{}", diag_lines(out)))
}

#[test]
fn adapts_a_hand_made_plan() {
    let (design, plan) = fixture();
    check_rules("fixture", &design, &plan);
    let out = citus_ddl(&design, &plan);
    let ds = &out.diagnostics;
    // docs: primary key (id) widened to (id, account_id); the self reference (parent_id,
    // account_id) -> (id, account_id) carries the key and matches it.
    let d = diag(ds, UNIQUE_WITHOUT_KEY, "primary key of `docs` (id)");
    assert_eq!(d.path.as_deref(), Some("/tables/2/primary_key"));
    assert!(
        out.sql.contains("PRIMARY KEY (id, account_id)"),
        "{}",
        out.sql
    );
    assert!(
        out.sql
            .contains("FOREIGN KEY (parent_id, account_id) REFERENCES docs (id, account_id)")
    );
    // accounts: unique (email) and the unique expression index get the key.
    let d = diag(ds, UNIQUE_WITHOUT_KEY, "unique constraint");
    assert_eq!(d.path.as_deref(), Some("/tables/1/uniques/0"));
    let d = diag(ds, UNIQUE_WITHOUT_KEY, "unique index");
    assert_eq!(d.path.as_deref(), Some("/tables/1/indexes/0"));
    assert!(out.sql.contains("((lower(email)), id)"), "{}", out.sql);
    // docs -> accounts is kept, without its ON DELETE SET NULL on the distribution column.
    let d = diag(ds, FK_ACROSS_FAMILIES, "loses ON DELETE SET NULL");
    assert_eq!(d.path.as_deref(), Some("/tables/2/foreign_keys/1"));
    assert!(
        out.sql
            .contains("FOREIGN KEY (account_id) REFERENCES accounts (id);")
    );
    // events -> docs: another family. audit (local) -> accounts (distributed).
    diag(ds, FK_ACROSS_FAMILIES, "different families");
    diag(
        ds,
        FK_ACROSS_FAMILIES,
        "from a local table to a distributed table",
    );
    assert!(!out.sql.contains("REFERENCES docs (id);"));
    // accounts -> countries (reference) is kept.
    assert!(out.sql.contains("REFERENCES countries (code)"));
    // Order: tables, reference tables, family lead, co-located tables, foreign keys.
    let at = |s: &str| {
        out.sql
            .find(s)
            .unwrap_or_else(|| panic!("no `{s}` in\n{}", out.sql))
    };
    assert!(at("CREATE TABLE docs") < at("create_reference_table('countries')"));
    assert!(
        at("create_reference_table('countries')")
            < at("create_distributed_table('accounts', 'id', shard_count => 8)")
    );
    assert!(
        at("create_distributed_table('accounts'")
            < at("create_distributed_table('docs', 'account_id', colocate_with => 'accounts')")
    );
    assert!(at("create_distributed_table('events', 'id', shard_count => 8)") < at("ALTER TABLE"));
    assert!(
        out.sql
            .contains("-- Local tables, kept on the coordinator: audit.")
    );
    parses(&out.sql);
}

#[test]
fn reorders_a_reference_to_a_widened_key() {
    // projects has only the primary key (id); tasks refers to it as (tenant_id, id).
    let text = r#"{"format": 1, "name": "x", "tables": [
      {"name": "projects", "columns": [{"name": "id", "type": "bigint"}, {"name": "tenant_id", "type": "bigint"}],
       "primary_key": {"columns": ["id"]}},
      {"name": "tasks", "columns": [{"name": "id", "type": "bigint"}, {"name": "tenant_id", "type": "bigint"},
                                    {"name": "project_id", "type": "bigint"}],
       "primary_key": {"columns": ["id"]},
       "foreign_keys": [{"id": "t_p", "columns": ["tenant_id", "project_id"], "references": "projects",
                         "referenced_columns": ["tenant_id", "id"]},
                        {"id": "t_p2", "columns": ["project_id"], "references": "projects"}]}
    ]}"#;
    let design = load_str(text).design.unwrap();
    let plan = hand_plan(
        &design,
        &[
            (
                "projects",
                TableMode::Distributed,
                Some("tenant_id"),
                Some("f1"),
            ),
            (
                "tasks",
                TableMode::Distributed,
                Some("tenant_id"),
                Some("f1"),
            ),
        ],
    );
    let out = citus_ddl(&design, &plan);
    diag(
        &out.diagnostics,
        FK_ACROSS_FAMILIES,
        "in the order of the widened key",
    );
    assert!(
        out.sql
            .contains("FOREIGN KEY (project_id, tenant_id) REFERENCES projects (id, tenant_id)"),
        "{}",
        out.sql
    );
    // project_id -> projects(id) does not carry the key.
    diag(
        &out.diagnostics,
        FK_ACROSS_FAMILIES,
        "does not pair the distribution columns",
    );
    check_rules("reorder", &design, &plan);
}
