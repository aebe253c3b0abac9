//! `schemata diagram`: a design as a Mermaid erDiagram or as DBML.

use schemata_api::{TextFormat, export_text, open_design, write_text_file};

use super::{Ctx, Exit};
use crate::args::{DiagramArgs, DiagramFormat};

/// Run the command; the returned status is the process exit status.
pub fn run(args: &DiagramArgs, ctx: &Ctx) -> Exit {
    let file = &args.design;
    let opened = match open_design(file) {
        Ok(opened) => opened,
        Err(e) => return ctx.report_error(file, &e),
    };
    ctx.print_diagnostics(file, opened.diagnostics);
    let (format, label) = match args.format {
        DiagramFormat::Mermaid => (TextFormat::Mermaid, "Mermaid"),
        DiagramFormat::Dbml => (TextFormat::Dbml, "DBML"),
    };
    let text = export_text(&opened.design, format);
    match &args.output {
        None => ctx.out(&text),
        Some(target) => {
            if let Err(e) = write_text_file(target, &text) {
                return ctx.report_error(target, &e);
            }
            ctx.err(&format!(
                "wrote {label} for {} to {}\n",
                file.display(),
                target.display()
            ));
        }
    }
    Exit::Ok
}
