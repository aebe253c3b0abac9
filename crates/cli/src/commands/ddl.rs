//! `schemata ddl`: the CREATE statements of a design.

use schemata_api::{ddl, open_design, write_file_atomic};

use super::{Ctx, Exit, pick_dialect};
use crate::args::DdlArgs;

/// Run the command; the returned status is the process exit status.
pub fn run(args: &DdlArgs, ctx: &Ctx) -> Exit {
    let file = &args.design;
    let shown = file.display().to_string();
    let opened = match open_design(file) {
        Ok(opened) => opened,
        Err(e) => return ctx.report_error(file, &e),
    };
    let dialect = pick_dialect(args.dialect.map(Into::into), &opened.design);
    let mut notes = opened.diagnostics;
    let output = match ddl(&opened.design, dialect) {
        Ok(output) => output,
        Err(e) => return ctx.report_error_after(file, &e, notes),
    };
    notes.extend(output.diagnostics);
    ctx.print_diagnostics(file, notes);
    match &args.output {
        None => ctx.out(&output.sql),
        Some(target) => {
            if let Err(e) = write_file_atomic(target, output.sql.as_bytes()) {
                return ctx.report_error(target, &e);
            }
            ctx.err(&format!(
                "wrote {} DDL for {shown} to {}\n",
                dialect,
                target.display()
            ));
        }
    }
    Exit::Ok
}
