//! Textbook relations with known answers. Every expected key set and normal form is also
//! checked against a naive implementation over all attribute subsets.

use schemata_normalize::*;
use serde_json::Value;

fn set_of(rel: &Relation, text: &str) -> AttrSet {
    let single = rel.names.iter().all(|n| n.chars().count() == 1);
    let mut s = AttrSet::EMPTY;
    for tok in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let toks: Vec<String> = if single && !rel.names.iter().any(|n| n == tok) {
            tok.chars().map(String::from).collect()
        } else {
            vec![tok.to_string()]
        };
        for t in toks {
            let i = rel
                .names
                .iter()
                .position(|n| *n == t)
                .unwrap_or_else(|| panic!("unknown attribute {t}"));
            s.insert(i);
        }
    }
    s
}

fn fd_of(rel: &Relation, text: &str) -> Fd {
    let (l, r) = text.split_once("->").expect("fd");
    Fd::new(set_of(rel, l), set_of(rel, r))
}

fn sorted(mut v: Vec<AttrSet>) -> Vec<AttrSet> {
    v.sort();
    v
}

fn naive_keys(n: usize, set: &FdSet) -> Vec<AttrSet> {
    let supers: Vec<AttrSet> = (0u32..(1 << n))
        .map(|m| AttrSet::from_indices((0..n).filter(|i| m & (1 << i) != 0)))
        .filter(|s| set.is_superkey(*s))
        .collect();
    supers
        .iter()
        .filter(|s| !supers.iter().any(|o| o != *s && o.is_subset(s)))
        .copied()
        .collect()
}

#[test]
fn textbook_cases() {
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("fixtures/textbook.json")).expect("fixture parses");
    assert!(cases.len() >= 30, "at least 30 cases");
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let rel = Relation::parse(
            case["attributes"].as_str().unwrap(),
            case["fds"].as_str().unwrap(),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let n = rel.names.len();
        let an = analyze(n, &rel.fds);
        let set = FdSet::new(n, rel.fds.clone());
        assert_eq!(
            sorted(an.keys.clone()),
            sorted(naive_keys(n, &set)),
            "{name}: keys vs naive"
        );
        if let Some(keys) = case["keys"].as_array() {
            let expected: Vec<AttrSet> = keys
                .iter()
                .map(|k| set_of(&rel, k.as_str().unwrap()))
                .collect();
            assert_eq!(sorted(an.keys.clone()), sorted(expected), "{name}: keys");
        }
        if let Some(nf) = case["normal_form"].as_str() {
            assert_eq!(an.normal_form.as_str(), nf, "{name}: normal form");
        }
        if let Some(cover) = case["cover"].as_array() {
            let expected: Vec<Fd> = cover
                .iter()
                .map(|f| fd_of(&rel, f.as_str().unwrap()))
                .collect();
            let mut got = merge_by_lhs(&an.cover);
            let mut exp = merge_by_lhs(&minimal_cover(&expected));
            got.sort();
            exp.sort();
            assert_eq!(got, exp, "{name}: cover");
        }
        let parts_of = |v: &Value| -> Vec<AttrSet> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|p| set_of(&rel, p.as_str().unwrap()))
                .collect()
        };
        if let Some(exp) = case.get("synthesis_3nf") {
            assert_eq!(
                sorted(synthesize_3nf(n, &rel.fds)),
                sorted(parts_of(exp)),
                "{name}: 3NF synthesis"
            );
        }
        if let Some(exp) = case.get("bcnf") {
            let got = decompose_bcnf(n, &rel.fds);
            assert_eq!(sorted(got.clone()), sorted(parts_of(exp)), "{name}: BCNF");
            if let Some(lost) = case["bcnf_lost"].as_array() {
                let want: Vec<Fd> = lost
                    .iter()
                    .map(|f| fd_of(&rel, f.as_str().unwrap()))
                    .collect();
                assert_eq!(
                    lost_dependencies(n, &rel.fds, &got),
                    minimal_cover(&want),
                    "{name}: lost"
                );
            }
        }
        if let Some(decs) = case["decompositions"].as_array() {
            for d in decs {
                let parts = parts_of(&d["parts"]);
                assert_eq!(
                    is_lossless(n, &rel.fds, &parts),
                    d["lossless"].as_bool().unwrap(),
                    "{name}: lossless {:?}",
                    d["parts"]
                );
                if let Some(p) = d["preserving"].as_bool() {
                    assert_eq!(
                        lost_dependencies(n, &rel.fds, &parts).is_empty(),
                        p,
                        "{name}: preserving {:?}",
                        d["parts"]
                    );
                }
            }
        }
        if let Some(v) = case["violation"].as_str() {
            let report = rel.report();
            assert!(
                report.violations.iter().any(|x| x.explanation == v),
                "{name}: explanations were {:?}",
                report.violations
            );
        }
    }
}
