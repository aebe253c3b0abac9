//! `schemata worksheet`: access patterns between a design and a worksheet SQL file.

use clap::{Args, Subcommand};
use schemata_api::{
    open_design, save_design, worksheet_export, worksheet_import, write_file_atomic,
};
use std::path::PathBuf;

use super::{Ctx, Exit};

/// Options of `schemata worksheet`.
#[derive(Debug, Args)]
pub struct WorksheetArgs {
    #[command(subcommand)]
    pub action: WorksheetAction,
}

/// What `schemata worksheet` does.
#[derive(Debug, Subcommand)]
pub enum WorksheetAction {
    /// Merge the patterns of a worksheet file into a design (same name = replaced).
    Import {
        /// The worksheet file (`-- name: X :many`, `-- rate: 120/s`, then SQL).
        #[arg(value_name = "FILE.sql")]
        file: PathBuf,
        /// The design file to update.
        #[arg(long, value_name = "DESIGN")]
        into: PathBuf,
    },
    /// Write a design's patterns as a worksheet file.
    Export {
        /// The design file.
        #[arg(value_name = "DESIGN")]
        design: PathBuf,
        /// The worksheet file to write; standard output when absent.
        #[arg(short, long, value_name = "FILE.sql")]
        output: Option<PathBuf>,
    },
}

/// Help shown after `schemata worksheet --help`.
pub const WORKSHEET_EXAMPLES: &str = "\
Examples:
  schemata worksheet import queries.sql --into shop.schemata.json
  schemata worksheet export shop.schemata.json -o queries.sql

A worksheet file is a sqlc query file: `-- name: GetCustomer :one`, then optional `-- rate: 120/s`
(or /min, /h, /day, or a percentage), `-- latency: 20ms`, `-- consistency: strong|read-your-writes|
eventual` and `-- per-row-of: OtherPattern`, then one or more statements (one transaction).
Parameters may be written $1, ?, :name, @name or sqlc.arg(name).";

/// Run the command; the returned status is the process exit status.
pub fn run(args: &WorksheetArgs, ctx: &Ctx) -> Exit {
    match &args.action {
        WorksheetAction::Import { file, into } => {
            let text = match std::fs::read_to_string(file) {
                Ok(t) => t,
                Err(e) => {
                    ctx.err(&format!("{}: cannot read: {e}\n", file.display()));
                    return Exit::Failure;
                }
            };
            let opened = match open_design(into) {
                Ok(o) => o,
                Err(e) => return ctx.report_error(into, &e),
            };
            let (design, _) = match worksheet_import(&opened.design, &text) {
                Ok(d) => d,
                Err(e) => return ctx.report_error(file, &e),
            };
            if let Err(e) = save_design(into, &design) {
                return ctx.report_error(into, &e);
            }
            ctx.err(&format!(
                "{}: {} pattern(s) in the worksheet\n",
                into.display(),
                design.worksheet.patterns.len()
            ));
            Exit::Ok
        }
        WorksheetAction::Export { design, output } => {
            let opened = match open_design(design) {
                Ok(o) => o,
                Err(e) => return ctx.report_error(design, &e),
            };
            let text = worksheet_export(&opened.design);
            match output {
                Some(path) => {
                    if let Err(e) = write_file_atomic(path, text.as_bytes()) {
                        return ctx.report_error(path, &e);
                    }
                    ctx.err(&format!("wrote {}\n", path.display()));
                }
                None => ctx.out(&text),
            }
            Exit::Ok
        }
    }
}
