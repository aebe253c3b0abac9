//! `schemata verify`: the advice checked against PostgreSQL's planner.

use clap::Args;
use schemata_api::{VerifyOptions, open_design, replace_worksheet, verify};
use std::path::PathBuf;

use super::{Ctx, Exit};

/// Options of `schemata verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The design file.
    #[arg(value_name = "DESIGN")]
    pub design: PathBuf,
    /// PostgreSQL connection string or URL; the hypopg extension must be installable.
    #[arg(long, value_name = "URL")]
    pub postgres: String,
    /// A worksheet file replacing the design's own access patterns.
    #[arg(long, value_name = "FILE.sql")]
    pub worksheet: Option<PathBuf>,
    /// Most synthetic rows loaded into one table.
    #[arg(long, default_value_t = 100_000, value_name = "N")]
    pub max_rows: u32,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Help shown after `schemata verify --help`.
pub const VERIFY_EXAMPLES: &str = "\
Examples:
  schemata verify shop.schemata.json --postgres postgresql://postgres@localhost/scratch
  schemata verify shop.schemata.json --postgres \"host=/tmp user=postgres\" --worksheet queries.sql

In a scratch schema (dropped afterwards) the design's DDL is applied, synthetic rows are loaded
following the scale notes (capped by --max-rows), and every worksheet statement is explained
without the recommended indexes, with them as hypothetical indexes (hypopg) and with them created.
Exit status 1 when a plan still scans a whole table of more than 10,000 expected rows.";

/// Run the command; the returned status is the process exit status.
pub fn run(args: &VerifyArgs, ctx: &Ctx) -> Exit {
    let opened = match open_design(&args.design) {
        Ok(o) => o,
        Err(e) => return ctx.report_error(&args.design, &e),
    };
    let mut design = opened.design;
    if let Some(w) = &args.worksheet {
        match std::fs::read_to_string(w) {
            Ok(text) => design = replace_worksheet(&design, &text).0,
            Err(e) => {
                ctx.err(&format!("{}: cannot read: {e}\n", w.display()));
                return Exit::Failure;
            }
        }
    }
    let options = VerifyOptions {
        url: args.postgres.clone(),
        max_rows: args.max_rows,
        real_indexes: true,
    };
    let report = match verify(&design, &options) {
        Ok(r) => r,
        Err(e) => return ctx.report_error(&args.design, &e),
    };
    if args.json {
        ctx.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        ));
    } else {
        let mut out = String::new();
        for s in &report.statements {
            out.push_str(&format!(
                "{} #{}: cost {:.1} -> {:.1} (hypothetical), {} (real)\n",
                s.pattern,
                s.statement + 1,
                s.cost_without,
                s.cost_hypothetical,
                s.cost_real.map_or("-".to_string(), |c| format!("{c:.1}"))
            ));
            if let Some(e) = &s.error {
                out.push_str(&format!("  error: {e}\n"));
            }
            for line in s.plan.lines() {
                out.push_str(&format!("  {line}\n"));
            }
            for t in &s.full_scans {
                out.push_str(&format!("  still scans the whole of {t}\n"));
            }
        }
        out.push_str(&format!(
            "\nrate-weighted cost: {:.0} -> {:.0} with the recommended indexes ({:.1}%)\n",
            report.total_without,
            report.total_hypothetical,
            if report.total_without > 0.0 {
                100.0 * report.total_hypothetical / report.total_without
            } else {
                100.0
            }
        ));
        if !report.unused_recommendations.is_empty() {
            out.push_str(&format!(
                "no plan uses: {}\n",
                report.unused_recommendations.join(", ")
            ));
        }
        ctx.out(&out);
    }
    if report.statements.iter().any(|s| !s.full_scans.is_empty()) {
        Exit::Problems
    } else {
        Exit::Ok
    }
}
