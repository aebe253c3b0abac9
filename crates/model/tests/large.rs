//! Big and deeply nested inputs: no stack overflow, no runaway time.

use std::fmt::Write;
use std::time::{Duration, Instant};

use schemata_model::load_str;

/// A design of about `tables` × 30 columns, each table referencing the previous one.
fn big_design(tables: usize, broken_every: usize) -> String {
    let mut s = String::from(
        "{\"format\": 1, \"settings\": {\"dialects\": [\"postgres\", \"mysql\"]}, \"tables\": [\n",
    );
    for t in 0..tables {
        if t > 0 {
            s.push_str(",\n");
        }
        let _ = write!(
            s,
            "{{\"name\": \"table_{t}\", \"comment\": \"{}\", \"columns\": [",
            "x".repeat(200)
        );
        s.push_str("{\"name\": \"id\", \"type\": \"bigint\", \"identity\": \"always\"}, {\"name\": \"parent_id\", \"type\": \"bigint\", \"nullable\": true}");
        for c in 0..28 {
            let ty = if broken_every > 0 && t % broken_every == 0 && c == 0 {
                "decimal(1,9)"
            } else {
                "varchar(100)"
            };
            let _ = write!(
                s,
                ", {{\"name\": \"column_number_{c}\", \"type\": \"{ty}\", \"comment\": \"a column of table {t}\"}}"
            );
        }
        s.push_str("], \"primary_key\": {\"columns\": [\"id\"]}");
        if t > 0 {
            let _ = write!(
                s,
                ", \"foreign_keys\": [{{\"columns\": [\"parent_id\"], \"references\": \"table_{}\"}}]",
                t - 1
            );
        }
        s.push_str(", \"indexes\": [{\"parts\": [{\"column\": \"column_number_0\"}, {\"column\": \"column_number_1\", \"order\": \"desc\"}]}]}");
    }
    s.push_str("\n]}\n");
    s
}

fn timed<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "{what} took {took:?}");
    out
}

#[test]
fn five_megabytes_load() {
    let text = big_design(1_700, 0);
    assert!(text.len() > 5_000_000, "{}", text.len());
    let loaded = timed("loading", Duration::from_secs(30), || load_str(&text));
    assert_eq!(loaded.diagnostics, []);
    assert_eq!(loaded.design.map(|d| d.tables.len()), Some(1_700));
}

#[test]
fn many_errors_in_a_big_file_stay_bounded() {
    let text = big_design(1_000, 3);
    let loaded = timed("loading", Duration::from_secs(60), || load_str(&text));
    assert!(loaded.design.is_none());
    // Reporting stops at a fixed number of structural errors.
    assert_eq!(loaded.diagnostics.len(), 100);
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.code == "F003" && d.location.is_some())
    );
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    for depth in [10_000, 200_000] {
        let arrays = format!(
            "{{\"format\": 1, \"tables\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let loaded = load_str(&arrays);
        assert!(loaded.design.is_none());
        assert_eq!(loaded.diagnostics.len(), 1);
        assert_eq!(loaded.diagnostics[0].code, "F001");
        assert!(
            loaded.diagnostics[0].message.contains("recursion limit"),
            "{:?}",
            loaded.diagnostics
        );

        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        assert_eq!(load_str(&objects).diagnostics[0].code, "F001");
        let unclosed = "[{\"x\":".repeat(depth);
        assert_eq!(load_str(&unclosed).diagnostics[0].code, "F001");
    }
}

#[test]
fn long_lines_and_strings() {
    let name = "n".repeat(2_000_000);
    let text = format!(
        "{{\"format\": 1, \"tables\": [{{\"name\": \"{name}\", \"columns\": [{{\"name\": \"id\", \"type\": \"bigint\"}}], \"primary_key\": {{\"columns\": [\"id\"]}}}}]}}"
    );
    let loaded = load_str(&text);
    let codes: Vec<&str> = loaded.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["V015"]);
    assert_eq!(loaded.diagnostics[0].location.map(|l| l.column), Some(35));
}
