//! Analysis of the worksheet's statements: each distinct statement text is parsed and resolved
//! once, on all available cores, and its result given to every statement written that way.

use std::collections::HashMap;
use std::sync::Arc;

use schemata_model::{Design, Diagnostic};
use schemata_sql::query::{self, Catalog, StatementAnalysis};

/// What one statement text analyses to: its statements (shared by every statement written the
/// same way), or a parse error.
pub(crate) type Parsed = Result<Vec<Arc<StatementAnalysis>>, Box<Diagnostic>>;

/// Below this many distinct texts, one thread analyses them all.
const PARALLEL_FROM: usize = 64;

/// Analyse every statement of the worksheet: one result per statement, in worksheet order
/// (patterns, then their statements).
pub(crate) fn analyze_all(catalog: &Catalog<'_>, design: &Design) -> Vec<Parsed> {
    let sqls: Vec<&str> = design
        .worksheet
        .patterns
        .iter()
        .flat_map(|p| p.statements.iter().map(String::as_str))
        .collect();
    // Distinct texts in order of first appearance, and each statement's text.
    let mut position: HashMap<&str, usize> = HashMap::with_capacity(sqls.len());
    let mut distinct: Vec<&str> = Vec::new();
    let mut uses: Vec<usize> = Vec::new();
    let of: Vec<usize> = sqls
        .iter()
        .map(|&s| {
            let u = *position.entry(s).or_insert_with(|| {
                distinct.push(s);
                uses.push(0);
                distinct.len() - 1
            });
            uses[u] += 1;
            u
        })
        .collect();
    let parallel = distinct.len() >= PARALLEL_FROM;
    let mut results: Vec<Option<Parsed>> =
        crate::parallel::map(&distinct, parallel, |s| Some(analyze(catalog, s)));
    // The last statement with a text takes its result; earlier ones get copies.
    of.into_iter()
        .map(|u| {
            uses[u] -= 1;
            let slot = &mut results[u];
            if uses[u] == 0 {
                slot.take()
            } else {
                slot.clone()
            }
            .unwrap_or_else(|| analyze(catalog, distinct[u]))
        })
        .collect()
}

fn analyze(catalog: &Catalog<'_>, sql: &str) -> Parsed {
    query::analyze_with(catalog, sql).map(|all| all.into_iter().map(Arc::new).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn design(statements: &[String]) -> Design {
        let patterns: Vec<serde_json::Value> = statements
            .chunks(2)
            .enumerate()
            .map(|(i, s)| serde_json::json!({"name": format!("p{i}"), "statements": s}))
            .collect();
        let text = serde_json::json!({
            "format": 1,
            "tables": [{"name": "t", "columns": [{"name": "a", "type": "int"}]}],
            "worksheet": {"patterns": patterns}
        })
        .to_string();
        schemata_model::load_str(&text).design.unwrap_or_default()
    }

    fn one_by_one(catalog: &Catalog<'_>, texts: &[String]) -> Vec<Parsed> {
        texts.iter().map(|s| analyze(catalog, s)).collect()
    }

    #[test]
    fn repeated_texts_get_their_own_results_in_order() {
        let texts: Vec<String> = [
            "SELECT a FROM t",
            "SELECT b FROM t",
            "SELEC",
            "SELECT a FROM t",
        ]
        .map(String::from)
        .to_vec();
        let design = design(&texts);
        let catalog = Catalog::new(&design);
        let all = analyze_all(&catalog, &design);
        assert_eq!(all, one_by_one(&catalog, &texts));
        assert!(all[2].is_err());
        assert_eq!(
            all[1].as_ref().map(|a| a[0].diagnostics.len()).ok(),
            Some(1)
        );
    }

    #[test]
    fn many_texts_split_between_threads_keep_their_order() {
        let texts: Vec<String> = (0..300)
            .map(|i| match i % 3 {
                0 => format!("SELECT a FROM t WHERE a = {}", i % 50),
                1 => format!("SELECT x{i} FROM t"),
                _ => "SELECT a FROM t".to_string(),
            })
            .collect();
        let design = design(&texts);
        let catalog = Catalog::new(&design);
        assert_eq!(analyze_all(&catalog, &design), one_by_one(&catalog, &texts));
    }
}
