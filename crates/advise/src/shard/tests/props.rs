//! Property tests on random designs and worksheets: the reported share is a direct count, and
//! the chosen plan is at least as good as every single-family plan.

use std::collections::HashMap;

use proptest::prelude::*;
use schemata_model::{Design, fill_missing_ids, load_str};
use serde_json::{Value, json};

use super::super::candidates::Candidates;
use super::super::domains::Domains;
use super::super::eval::{Ctx, FkFacts};
use super::super::facts::Facts;
use super::super::search::{domain_seed, settle};
use super::super::*;
use crate::context::Cx;

/// A statement form, over table numbers and parameter numbers.
#[derive(Debug, Clone)]
enum Form {
    /// SELECT ... FROM t WHERE <column> = $p
    Get { t: usize, column: usize, p: usize },
    /// SELECT ... FROM child c JOIN parent p ON p.id = c.<fk> WHERE c.<column> = $p
    Join { t: usize, column: usize, p: usize },
    /// INSERT INTO t (<fk columns>, code) VALUES ($p, ...)
    Insert { t: usize, p: usize },
    /// UPDATE t SET code = $9 WHERE <column> = $p
    Update { t: usize, column: usize, p: usize },
}

/// Columns of table `t`: id, code, then one foreign key per earlier table it references.
fn columns(parents: &[Vec<usize>], t: usize) -> Vec<String> {
    let mut c = vec!["id".to_string(), "code".to_string()];
    c.extend(parents[t].iter().map(|p| format!("t{p}_id")));
    c
}

/// Column `n` of table `t`, counting around.
fn column_of(parents: &[Vec<usize>], t: usize, n: usize) -> String {
    let c = columns(parents, t);
    c[n % c.len()].clone()
}

fn design(parents: &[Vec<usize>], rows: &[u64], patterns: &[(u32, Vec<Form>)]) -> Design {
    let tables: Vec<Value> = (0..parents.len())
        .map(|t| {
            let mut cols = vec![
                json!({"name": "id", "type": "bigint", "identity": "always"}),
                json!({"name": "code", "type": "varchar(20)"}),
            ];
            let mut fks = Vec::new();
            for p in &parents[t] {
                cols.push(json!({"name": format!("t{p}_id"), "type": "bigint"}));
                fks.push(json!({"columns": [format!("t{p}_id")], "references": format!("t{p}")}));
            }
            json!({"name": format!("t{t}"), "columns": cols, "primary_key": {"columns": ["id"]},
                   "foreign_keys": fks, "scale": {"rows": rows[t]}})
        })
        .collect();
    let pats: Vec<Value> = patterns
        .iter()
        .enumerate()
        .map(|(i, (rate, forms))| {
            let sql: Vec<String> = forms
                .iter()
                .map(|f| match f {
                    Form::Get { t, column, p } => {
                        let c = &column_of(parents, *t, *column);
                        format!("SELECT id FROM t{t} WHERE {c} = ${p}")
                    }
                    Form::Join { t, column, p } => {
                        let c = &column_of(parents, *t, *column);
                        match parents[*t].first() {
                            Some(parent) => format!(
                                "SELECT c.id, p.code FROM t{t} c JOIN t{parent} p ON p.id = c.t{parent}_id WHERE c.{c} = ${p}"
                            ),
                            None => format!("SELECT id FROM t{t} WHERE {c} = ${p}"),
                        }
                    }
                    Form::Insert { t, p } => {
                        let mut cols = vec!["code".to_string()];
                        let mut vals = vec!["'x'".to_string()];
                        for (k, parent) in parents[*t].iter().enumerate() {
                            cols.push(format!("t{parent}_id"));
                            vals.push(format!("${}", p + k));
                        }
                        format!("INSERT INTO t{t} ({}) VALUES ({})", cols.join(", "), vals.join(", "))
                    }
                    Form::Update { t, column, p } => {
                        let c = &column_of(parents, *t, *column);
                        format!("UPDATE t{t} SET code = $9 WHERE {c} = ${p}")
                    }
                })
                .collect();
            json!({"name": format!("P{i}"), "rate": {"per_second": rate}, "statements": sql})
        })
        .collect();
    let text = json!({"format": 1, "tables": tables, "worksheet": {"patterns": pats}}).to_string();
    let mut d = load_str(&text).design.unwrap();
    fill_missing_ids(&mut d);
    d
}

/// An independent router for the generated forms: where does each statement go under `plan`?
/// `Some(None)`: any node; `Some(Some(v))`: one shard, value `v`; `None`: several shards.
fn direct_route(
    parents: &[Vec<usize>],
    plan: &ShardPlan,
    design: &Design,
    form: &Form,
    position: usize,
) -> Option<Option<String>> {
    let tp = |t: usize| &plan.tables[t];
    let key_name = |t: usize| {
        tp(t)
            .key
            .as_ref()
            .map(|k| design.tables[t].column_name(k).to_string())
    };
    let fam = |t: usize| tp(t).family.clone().unwrap_or_default();
    match form {
        Form::Get { t, column, p } | Form::Update { t, column, p } => {
            let write = matches!(form, Form::Update { .. });
            match tp(*t).mode {
                TableMode::Reference if write => None,
                TableMode::Reference | TableMode::Local => Some(None),
                TableMode::Distributed => {
                    let c = &column_of(parents, *t, *column);
                    if key_name(*t).as_deref() == Some(c.as_str()) && !(write && c == "code") {
                        Some(Some(format!("{}:${p}", fam(*t))))
                    } else {
                        None
                    }
                }
            }
        }
        Form::Join { t, column, p } => {
            let Some(&parent) = parents[*t].first() else {
                return direct_route(
                    parents,
                    plan,
                    design,
                    &Form::Get {
                        t: *t,
                        column: *column,
                        p: *p,
                    },
                    position,
                );
            };
            let c = &column_of(parents, *t, *column);
            let fk = format!("t{parent}_id");
            let (cm, pm) = (tp(*t).mode, tp(parent).mode);
            let child_bound = key_name(*t).as_deref() == Some(c.as_str());
            match (cm, pm) {
                (TableMode::Distributed, TableMode::Distributed) => {
                    let colocated = key_name(*t).as_deref() == Some(fk.as_str())
                        && key_name(parent).as_deref() == Some("id")
                        && fam(*t) == fam(parent);
                    (colocated && child_bound).then(|| Some(format!("{}:${p}", fam(*t))))
                }
                (TableMode::Distributed, TableMode::Reference) => {
                    child_bound.then(|| Some(format!("{}:${p}", fam(*t))))
                }
                (TableMode::Reference, TableMode::Reference) => Some(None),
                (TableMode::Local, TableMode::Local | TableMode::Reference)
                | (TableMode::Reference, TableMode::Local) => Some(None),
                _ => None,
            }
        }
        Form::Insert { t, p } => match tp(*t).mode {
            TableMode::Reference => None,
            TableMode::Local => Some(None),
            TableMode::Distributed => {
                let key = key_name(*t).unwrap_or_default();
                if key == "code" {
                    return Some(Some(format!("{}:'x'", fam(*t))));
                }
                match parents[*t]
                    .iter()
                    .position(|parent| key == format!("t{parent}_id"))
                {
                    Some(k) => Some(Some(format!("{}:${}", fam(*t), p + k))),
                    // id is generated, `code` is a literal: a new value.
                    None => Some(Some(format!("new {t} {position}"))),
                }
            }
        },
    }
}

fn form(tables: usize) -> impl Strategy<Value = Form> {
    (0..tables, 0usize..4, 1usize..4, 0u8..4).prop_map(|(t, column, p, kind)| match kind {
        0 => Form::Get { t, column, p },
        1 => Form::Join { t, column, p },
        2 => Form::Insert { t, p },
        _ => Form::Update { t, column, p },
    })
}

/// Parents of each table, rows of each table, patterns (rate, statements).
type Case = (Vec<Vec<usize>>, Vec<u64>, Vec<(u32, Vec<Form>)>);

fn case() -> impl Strategy<Value = Case> {
    (2usize..6).prop_flat_map(|n| {
        let parents = (0..n)
            .map(|t| {
                if t == 0 {
                    Just(Vec::new()).boxed()
                } else {
                    proptest::sample::subsequence((0..t).collect::<Vec<_>>(), 0..=t.min(2)).boxed()
                }
            })
            .collect::<Vec<_>>();
        let rows = proptest::collection::vec(prop_oneof![Just(50u64), Just(5_000_000u64)], n);
        let patterns =
            proptest::collection::vec((1u32..200, proptest::collection::vec(form(n), 1..4)), 0..8);
        (parents, rows, patterns)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn share_is_a_direct_count_and_the_plan_beats_every_single_family_plan(
        (parents, rows, patterns) in case()
    ) {
        let design = design(&parents, &rows, &patterns);
        let options = ShardOptions::of(&design);
        let plan = crate::shard_plan(&design, options);

        // Direct count over the worksheet.
        let mut total = 0.0;
        let mut single = 0.0;
        for (pi, (rate, forms)) in patterns.iter().enumerate() {
            let w = f64::from(*rate);
            total += w;
            let mut value: Option<String> = None;
            let mut ok = true;
            for (si, f) in forms.iter().enumerate() {
                match direct_route(&parents, &plan, &design, f, si) {
                    None => ok = false,
                    Some(None) => {}
                    Some(Some(v)) => match &value {
                        Some(prev) if *prev != v => ok = false,
                        _ => value = Some(v),
                    },
                }
            }
            prop_assert_eq!(ok, plan.patterns[pi].single_shard, "pattern {}: {:?}", pi, plan.patterns[pi]);
            if ok {
                single += w;
            }
        }
        let direct = if total > 0.0 { single / total } else { 1.0 };
        prop_assert!((direct - plan.single_shard_share).abs() < 1e-9,
            "direct {} reported {}", direct, plan.single_shard_share);

        // Every single-family plan scores at most the chosen plan.
        let cx = Cx::with_sharding(&design, options);
        let facts = Facts::new(&cx);
        let doms = Domains::new(&cx, &facts);
        let cands = Candidates::new(&cx, &facts, &doms, options);
        let fks = FkFacts::new(&design, &facts);
        let ctx = Ctx { facts: &facts, doms: &doms, cands: &cands, fks: &fks };
        let mut domains: HashMap<u32, ()> = HashMap::new();
        for (t, table) in design.tables.iter().enumerate() {
            for c in 0..table.columns.len() {
                domains.insert(doms.of((t as u32, c as u32)), ());
            }
        }
        for &d in domains.keys() {
            let state = ctx.state(settle(&cands, &fks, domain_seed(&cands, d)));
            let o = ctx.objective(&state);
            prop_assert!(o <= plan.score + 1e-9, "family {} scores {} > plan {}", doms.name(d), o, plan.score);
        }
    }
}
