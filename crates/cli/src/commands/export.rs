//! `schemata export`: migration files for a migration tool.

use schemata_api::{FileStatus, export_migrations, open_design};

use super::{Ctx, Exit, about_file, pick_dialect};
use crate::args::ExportArgs;

/// Run the command; the returned status is the process exit status.
pub fn run(args: &ExportArgs, ctx: &Ctx) -> Exit {
    let file = &args.design;
    let shown = file.display().to_string();
    let opened = match open_design(file) {
        Ok(opened) => opened,
        Err(e) => return ctx.report_error(file, &e),
    };
    let tool = match args.tool.to_api() {
        Ok(tool) => tool,
        Err(message) => {
            ctx.err(&format!(
                "{}\n",
                ctx.err_style.error_line(&about_file(file, &message))
            ));
            return Exit::Failure;
        }
    };
    let dialect = pick_dialect(args.dialect.map(Into::into), &opened.design);
    let notes = opened.diagnostics;
    let report = match export_migrations(&opened.design, dialect, tool, &args.output, args.force) {
        Ok(report) => report,
        Err(e) => return ctx.report_error_after(file, &e, notes),
    };
    ctx.print_diagnostics(file, notes);
    let mut text = String::new();
    for f in &report.files {
        let status = match f.status {
            FileStatus::Created => "created",
            FileStatus::Unchanged => "unchanged",
            FileStatus::Overwritten => "overwritten",
        };
        text.push_str(&format!(
            "{status:<11} {}\n",
            args.output.join(&f.path).display()
        ));
    }
    let count = report.files.len();
    let noun = if count == 1 { "file" } else { "files" };
    text.push_str(&format!(
        "exported {shown} as {count} {} {noun} ({dialect}) to {}\n",
        args.tool.name(),
        args.output.display()
    ));
    ctx.out(&text);
    Exit::Ok
}
