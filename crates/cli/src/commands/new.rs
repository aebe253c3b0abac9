//! `schemata new`: create a design file.

use schemata_api::{new_design, save_design};

use super::{Ctx, Exit};
use crate::args::NewArgs;

/// Run the command; the returned status is the process exit status.
pub fn run(args: &NewArgs, ctx: &Ctx) -> Exit {
    let file = &args.output;
    if file.exists() && !args.force {
        ctx.err(&format!(
            "{}\n",
            ctx.err_style.error_line(&format!(
                "{} already exists; pass --force to overwrite it",
                file.display()
            ))
        ));
        return Exit::Failure;
    }
    let design = match new_design(&args.example) {
        Ok(design) => design,
        Err(e) => return ctx.report_error(file, &e),
    };
    if let Err(e) = save_design(file, &design) {
        return ctx.report_error(file, &e);
    }
    let tables = design.tables.len();
    let noun = if tables == 1 { "table" } else { "tables" };
    ctx.out(&format!(
        "created {} from `{}` ({tables} {noun})\n",
        file.display(),
        args.example
    ));
    Exit::Ok
}
