//! The index advisor checked against PostgreSQL's planner (hypopg): on the e-commerce example
//! without its secondary indexes and with its 20-pattern worksheet, the recommended indexes cut
//! the rate-weighted EXPLAIN cost by at least 90%, and every recommended index is used by a plan.

use std::path::Path;

use schemata_api::{VerifyOptions, replace_worksheet, verify};
use schemata_db::testserver::postgres;

fn example() -> schemata_api::Design {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let text = std::fs::read_to_string(root.join("ecommerce.schemata.json")).unwrap_or_default();
    let mut design = schemata_model::load_str(&text).design.unwrap_or_default();
    for t in &mut design.tables {
        t.indexes.clear();
    }
    let sheet = std::fs::read_to_string(root.join("ecommerce.worksheet.sql")).unwrap_or_default();
    let (design, problems) = replace_worksheet(&design, &sheet);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(design.worksheet.patterns.len(), 20);
    design
}

#[test]
fn recommended_indexes_cut_the_weighted_cost_by_ninety_percent() {
    let Some(server) = postgres::shared().unwrap_or_else(|e| panic!("{e}")) else {
        return;
    };
    let db = server
        .fresh_database("verify_ecommerce")
        .unwrap_or_else(|e| panic!("{e}"));
    let design = example();
    let report = verify(
        &design,
        &VerifyOptions {
            url: db.url.clone(),
            max_rows: 200_000,
            real_indexes: true,
        },
    )
    .unwrap_or_else(|e| panic!("{}", e.message));
    let errors: Vec<_> = report
        .statements
        .iter()
        .filter_map(|s| s.error.as_ref().map(|e| format!("{}: {e}", s.pattern)))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(!report.recommended.is_empty());
    let ratio = report.total_hypothetical / report.total_without;
    let plans: Vec<String> = report
        .statements
        .iter()
        .map(|s| {
            format!(
                "{} ({:.0} -> {:.0}, real {:?})\n{}",
                s.pattern, s.cost_without, s.cost_hypothetical, s.cost_real, s.plan
            )
        })
        .collect();
    assert!(
        ratio <= 0.10,
        "weighted cost {:.0} -> {:.0} ({:.1}%)\n{}\n{}",
        report.total_without,
        report.total_hypothetical,
        ratio * 100.0,
        report.recommended.join("\n"),
        plans.join("\n")
    );
    assert!(
        report.unused_recommendations.is_empty(),
        "unused: {:?}\n{}",
        report.unused_recommendations,
        plans.join("\n")
    );
    let real = report.total_real.unwrap_or(f64::MAX);
    assert!(
        real <= report.total_without * 0.10,
        "real indexes: {real:.0}"
    );
}
