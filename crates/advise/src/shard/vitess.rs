//! The Vitess VSchema of a shard plan: the sharded keyspace's vindexes and tables.
//!
//! A distributed table gets its key as primary vindex (`hash` for integer keys, `xxhash` for
//! any other type), then a lookup vindex for each of the plan's lookups on it
//! (`consistent_lookup_unique` for a unique column, `consistent_lookup` otherwise) backed by a
//! `<table>_<column>_lookup` table, itself sharded by the looked-up column. Reference tables are
//! `{"type": "reference"}`. Local tables do not belong to the sharded keyspace: they go to an
//! unsharded one (see [`unsharded_tables`]). Keys keep insertion order, so the output is
//! deterministic.

use schemata_model::{Column, DataType, Design, Table};
use serde_json::{Map, Value, json};

use super::{ShardPlan, TableMode};

/// The VSchema of the sharded keyspace for `design` distributed as `plan` says.
pub fn vschema(design: &Design, plan: &ShardPlan) -> Value {
    let mut vindexes = Map::new();
    let mut tables = Map::new();
    let mut lookup_tables = Map::new();
    for tp in &plan.tables {
        let Some(t) = design.tables.iter().find(|t| t.id == tp.table) else {
            continue;
        };
        match tp.mode {
            TableMode::Reference => {
                tables.insert(t.name.clone(), json!({ "type": "reference" }));
            }
            TableMode::Local => {}
            TableMode::Distributed => {
                let Some(key) = tp.key.as_deref().and_then(|k| column(t, k)) else {
                    continue;
                };
                let primary = hash_vindex(&mut vindexes, &key.data_type);
                let mut column_vindexes = vec![json!({ "column": key.name, "name": primary })];
                for l in plan.lookups.iter().filter(|l| l.table == t.id) {
                    let Some(c) = column(t, &l.column) else {
                        continue;
                    };
                    if c.id == key.id {
                        continue;
                    }
                    let name = format!("{}_{}_lookup", t.name, c.name);
                    let kind = if l.unique {
                        "consistent_lookup_unique"
                    } else {
                        "consistent_lookup"
                    };
                    vindexes.insert(
                        name.clone(),
                        json!({
                            "type": kind,
                            "params": { "table": name, "from": c.name, "to": "keyspace_id" },
                            "owner": t.name,
                        }),
                    );
                    column_vindexes.push(json!({ "column": c.name, "name": name }));
                    let by = hash_vindex(&mut vindexes, &c.data_type);
                    lookup_tables.insert(
                        name,
                        json!({ "column_vindexes": [{ "column": c.name, "name": by }] }),
                    );
                }
                tables.insert(
                    t.name.clone(),
                    json!({ "column_vindexes": column_vindexes }),
                );
            }
        }
    }
    tables.extend(lookup_tables);
    // The hash vindexes first, in a fixed order, then the lookups.
    let mut ordered = Map::new();
    for name in ["hash", "xxhash"] {
        if let Some(v) = vindexes.remove(name) {
            ordered.insert(name.to_string(), v);
        }
    }
    ordered.extend(vindexes);
    json!({ "sharded": true, "vindexes": ordered, "tables": tables })
}

/// Names of the tables the plan keeps local: they belong in an unsharded keyspace.
pub fn unsharded_tables(plan: &ShardPlan) -> Vec<String> {
    plan.tables
        .iter()
        .filter(|t| t.mode == TableMode::Local)
        .map(|t| t.name.clone())
        .collect()
}

fn column<'a>(t: &'a Table, id: &str) -> Option<&'a Column> {
    t.columns.iter().find(|c| c.id == id)
}

/// `hash` for integer keys, `xxhash` otherwise; the vindex is declared on first use.
fn hash_vindex(vindexes: &mut Map<String, Value>, ty: &DataType) -> &'static str {
    let name = match ty {
        DataType::SmallInt | DataType::Integer | DataType::BigInt => "hash",
        _ => "xxhash",
    };
    vindexes
        .entry(name)
        .or_insert_with(|| json!({ "type": name }));
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shard::citus::tests::{example, examples, fixture, plan_of};

    /// Every table of the sharded keyspace names existing vindexes, its key first; reference
    /// tables are references; local tables are left to the unsharded keyspace.
    fn check(name: &str, design: &Design, plan: &ShardPlan) -> Value {
        let v = vschema(design, plan);
        assert_eq!(v["sharded"], json!(true));
        let vindexes = v["vindexes"].as_object().unwrap();
        let tables = v["tables"].as_object().unwrap();
        let unsharded = unsharded_tables(plan);
        for tp in &plan.tables {
            let t = design.tables.iter().find(|t| t.id == tp.table).unwrap();
            let entry = &tables.get(&t.name);
            match tp.mode {
                TableMode::Local => {
                    assert!(entry.is_none(), "{name}: {}", t.name);
                    assert!(unsharded.contains(&t.name), "{name}: {}", t.name);
                }
                TableMode::Reference => {
                    assert_eq!(entry.unwrap(), &json!({"type": "reference"}), "{name}");
                }
                TableMode::Distributed => {
                    let cvs = entry.unwrap()["column_vindexes"].as_array().unwrap();
                    let key = column(t, tp.key.as_deref().unwrap()).unwrap();
                    assert_eq!(cvs[0]["column"], json!(key.name), "{name}: {}", t.name);
                    let integer = matches!(
                        key.data_type,
                        DataType::SmallInt | DataType::Integer | DataType::BigInt
                    );
                    let primary = if integer { "hash" } else { "xxhash" };
                    assert_eq!(cvs[0]["name"], json!(primary), "{name}: {}", t.name);
                }
            }
        }
        for (table, entry) in tables {
            for cv in entry["column_vindexes"].as_array().into_iter().flatten() {
                let vname = cv["name"].as_str().unwrap();
                let vindex = &vindexes[vname];
                assert!(
                    vindex.is_object(),
                    "{name}: {table} names missing vindex {vname}"
                );
                if let Some(lookup) = vindex["params"]["table"].as_str() {
                    assert!(tables.contains_key(lookup), "{name}: no table {lookup}");
                    assert_eq!(vindex["params"]["from"], cv["column"]);
                    assert_eq!(vindex["owner"], json!(table));
                }
            }
        }
        v
    }

    #[test]
    fn saas_multitenant() {
        let design = example("saas_multitenant");
        let v = check("saas_multitenant", &design, &plan_of(&design));
        insta::assert_snapshot!(
            "vschema_saas_multitenant",
            serde_json::to_string_pretty(&v).unwrap()
        );
    }

    #[test]
    fn social_feed() {
        let design = example("social_feed");
        let plan = plan_of(&design);
        let v = check("social_feed", &design, &plan);
        for l in &plan.lookups {
            let t = design.tables.iter().find(|t| t.id == l.table).unwrap();
            let c = column(t, &l.column).unwrap();
            let vindex = &v["vindexes"][format!("{}_{}_lookup", t.name, c.name)];
            let kind = if l.unique {
                "consistent_lookup_unique"
            } else {
                "consistent_lookup"
            };
            assert_eq!(vindex["type"], json!(kind), "{}", l.column);
        }
        insta::assert_snapshot!(
            "vschema_social_feed",
            serde_json::to_string_pretty(&v).unwrap()
        );
    }

    #[test]
    fn every_example() {
        for (name, design) in examples() {
            check(&name, &design, &plan_of(&design));
        }
    }

    #[test]
    fn local_tables_go_unsharded_and_uuid_keys_use_xxhash() {
        let (design, mut plan) = fixture();
        plan.lookups.push(super::super::Lookup {
            table: "accounts".into(),
            column: "email".into(),
            unique: true,
            weight: 1.0,
            patterns: Vec::new(),
        });
        let v = check("fixture", &design, &plan);
        assert_eq!(unsharded_tables(&plan), ["audit"]);
        assert_eq!(
            v["tables"]["events"]["column_vindexes"][0]["name"],
            "xxhash"
        );
        assert_eq!(
            v["tables"]["accounts"]["column_vindexes"][0]["name"],
            "hash"
        );
        let keys: Vec<&String> = v["vindexes"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["hash", "xxhash", "accounts_email_lookup"]);
        assert_eq!(
            v["vindexes"]["accounts_email_lookup"],
            json!({
                "type": "consistent_lookup_unique",
                "params": {"table": "accounts_email_lookup", "from": "email", "to": "keyspace_id"},
                "owner": "accounts"
            })
        );
        // The lookup table is sharded by the looked-up column (text: xxhash).
        assert_eq!(
            v["tables"]["accounts_email_lookup"],
            json!({"column_vindexes": [{"column": "email", "name": "xxhash"}]})
        );
    }
}
