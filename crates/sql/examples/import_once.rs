//! One import of a SQL file, or sqlparser alone parsing its statements, for counting
//! instructions: `valgrind --tool=callgrind target/release/examples/import_once [sqlparser] FILE`.
//! The statements are cut at `;` line ends before the parse, as in the `import` bench.
//! `import_once compare FILE` runs both, alternating, 40 times each and prints the fastest and
//! median times: on a busy machine the fastest run is the steadiest figure.

use schemata_sql::import::{ImportOptions, SourceDialect, import_sql};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, path) = match args.as_slice() {
        [path] => ("import", path),
        [mode, path] => (mode.as_str(), path),
        _ => {
            eprintln!("usage: import_once [import|sqlparser|compare] FILE");
            std::process::exit(2);
        }
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let chunks: Vec<&str> = text.split(";\n").filter(|c| !c.trim().is_empty()).collect();
    let parse = || {
        chunks
            .iter()
            .filter(|c| Parser::parse_sql(&PostgreSqlDialect {}, c).is_ok())
            .count()
    };
    let options = ImportOptions {
        dialect: Some(SourceDialect::Postgres),
        name: String::new(),
    };
    let import = || import_sql(&text, &options, &mut |_| {});
    match mode {
        "sqlparser" => println!("{} of {} statements parsed", parse(), chunks.len()),
        "compare" => {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for _ in 0..40 {
                let t = Instant::now();
                std::hint::black_box(parse());
                a.push(t.elapsed().as_secs_f64() * 1e3);
                let t = Instant::now();
                std::hint::black_box(import());
                b.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let (fa, ma) = summary(&mut a);
            let (fb, mb) = summary(&mut b);
            println!("sqlparser alone: fastest {fa:.1} ms, median {ma:.1} ms");
            println!("import:          fastest {fb:.1} ms, median {mb:.1} ms");
            println!("ratio: fastest {:.2}x, median {:.2}x", fb / fa, mb / ma);
        }
        _ => {
            let imported = import();
            println!(
                "{} tables from {} statements",
                imported.design.tables.len(),
                imported.statements
            );
        }
    }
}

/// Fastest and median of `times`.
fn summary(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}
