//! `schemata advise`: rules, recommended indexes and the score of a design and its worksheet.

use clap::{Args, ValueEnum};
use schemata_api::{AdviseReport, Severity, advise_file, advise_sarif};
use std::path::PathBuf;

use super::{Ctx, Exit};

/// Options of `schemata advise`.
#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// The design file.
    #[arg(value_name = "DESIGN")]
    pub design: PathBuf,
    /// A worksheet file (sqlc-style `-- name:` queries with `-- rate:`) replacing the design's
    /// own access patterns.
    #[arg(long, value_name = "FILE.sql")]
    pub worksheet: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AdviseFormat::Text)]
    pub format: AdviseFormat,
}

/// Output format of `advise`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AdviseFormat {
    /// Score, diagnostics and indexes for people.
    Text,
    /// One JSON object: {score, diagnostics, indexes, existing}.
    Json,
    /// SARIF 2.1.0, for code-scanning annotations in CI.
    Sarif,
}

/// Help shown after `schemata advise --help`.
pub const ADVISE_EXAMPLES: &str = "\
Examples:
  schemata advise shop.schemata.json
  schemata advise shop.schemata.json --worksheet queries.sql --format json
  schemata advise shop.schemata.json --format sarif > advise.sarif

JSON output has the keys score ({total, groups}), diagnostics, indexes (each with table, ordered
columns, include, where, unique, patterns, reason, ddl) and existing. Exit status: 1 when a
diagnostic is an error, 2 when a file cannot be read, 0 otherwise.";

/// Run the command; the returned status is the process exit status.
pub fn run(args: &AdviseArgs, ctx: &Ctx) -> Exit {
    let report = match advise_file(&args.design, args.worksheet.as_deref()) {
        Ok(r) => r,
        Err(e) => return ctx.report_error(&args.design, &e),
    };
    match args.format {
        AdviseFormat::Json => ctx.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        )),
        AdviseFormat::Sarif => ctx.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&advise_sarif(&report)).unwrap_or_default()
        )),
        AdviseFormat::Text => ctx.out(&text(&report)),
    }
    if report
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// The report for people.
pub fn text(report: &AdviseReport) -> String {
    let mut out = format!("score: {}/100\n", report.score.total);
    for g in &report.score.groups {
        if g.max > 0.0 {
            out.push_str(&format!(
                "  {:<14} {:>5.1}/{}\n",
                serde_json::to_value(g.group)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                g.points,
                g.max
            ));
        }
    }
    if !report.diagnostics.is_empty() {
        out.push_str("\ndiagnostics:\n");
    }
    for d in &report.diagnostics {
        let place = d
            .location
            .map(|l| format!(" {}:{}", l.line, l.column))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {}[{}]{place} {}\n",
            d.severity, d.code, d.message
        ));
        if let Some(h) = &d.help {
            out.push_str(&format!("    = help: {h}\n"));
        }
    }
    if !report.indexes.is_empty() {
        out.push_str("\nrecommended indexes:\n");
    }
    for x in &report.indexes {
        out.push_str(&format!("  {}\n    {}\n", x.ddl, x.reason));
    }
    let unused: Vec<String> = report
        .existing
        .iter()
        .filter(|e| e.verdict == "unused")
        .map(|e| format!("{}.{}", e.table, e.index))
        .collect();
    if !unused.is_empty() {
        out.push_str(&format!(
            "\nunused existing indexes: {}\n",
            unused.join(", ")
        ));
    }
    out
}
