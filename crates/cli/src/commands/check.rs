//! `schemata check`: diagnostics for one or more design files, optionally fixing names first.

use schemata_api::{
    CheckOptions, CheckReport, Rename, RenameKind, check_file, fix_conventions, open_design,
    save_design,
};
use std::path::Path;

use super::{Ctx, Exit};
use crate::args::{CheckArgs, Format};

/// Run the command; the returned status is the process exit status.
pub fn run(args: &CheckArgs, ctx: &Ctx) -> Exit {
    let options = CheckOptions {
        dialects: args.dialect.iter().map(|&d| d.into()).collect(),
    };
    let mut exit = Exit::Ok;
    for file in &args.designs {
        if args.fix {
            exit = exit.max(fix(file, args.format, ctx));
        }
        match check_file(file, &options) {
            Ok(report) => {
                print_report(&report, file, args.format, ctx);
                if report.has_errors() {
                    exit = exit.max(Exit::Problems);
                }
            }
            Err(e) => exit = exit.max(ctx.report_error(file, &e)),
        }
    }
    exit
}

fn print_report(report: &CheckReport, file: &Path, format: Format, ctx: &Ctx) {
    match format {
        Format::Json => match serde_json::to_string(report) {
            Ok(json) => ctx.out(&format!("{json}\n")),
            Err(e) => ctx.err(&format!(
                "{}\n",
                ctx.err_style
                    .error_line(&format!("{}: cannot print the report: {e}", file.display()))
            )),
        },
        Format::Text => {
            let shown = file.display().to_string();
            let mut text = String::new();
            for d in &report.diagnostics {
                text.push_str(&ctx.out_style.diagnostic(&shown, d));
            }
            text.push_str(&ctx.out_style.summary(&shown, &report.counts));
            text.push('\n');
            ctx.out(&text);
        }
    }
}

/// Apply the naming convention's fixes to `file` and write it back. A file that does not load
/// is left alone: the check that follows reports why.
fn fix(file: &Path, format: Format, ctx: &Ctx) -> Exit {
    let Ok(opened) = open_design(file) else {
        return Exit::Ok;
    };
    // Renames go to stderr with --format json, so that stdout stays one report per line.
    let say = |text: &str| match format {
        Format::Text => ctx.out(text),
        Format::Json => ctx.err(text),
    };
    // The loader drops what it cannot read (unknown fields); writing the design back would lose
    // it for good.
    let format_codes: Vec<&str> = opened
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('F'))
        .map(|d| d.code.as_str())
        .collect();
    if !format_codes.is_empty() {
        say(&format!(
            "{}: not fixed: the file has format problems ({}) that writing it back would lose\n\n",
            file.display(),
            format_codes.join(", ")
        ));
        return Exit::Ok;
    }
    let fixed = fix_conventions(&opened.design);
    let applied = fixed.renames.iter().filter(|r| r.skipped.is_none()).count();
    if fixed.renames.is_empty() {
        say(&format!("{}: nothing to rename\n", file.display()));
        return Exit::Ok;
    }
    if applied > 0
        && let Err(e) = save_design(file, &fixed.design)
    {
        return ctx.report_error(file, &e);
    }
    let noun = if applied == 1 { "rename" } else { "renames" };
    let mut text = format!("{}: applied {applied} {noun}\n", file.display());
    for rename in &fixed.renames {
        text.push_str(&format!("  {}\n", describe(rename)));
    }
    text.push('\n');
    say(&text);
    Exit::Ok
}

/// One line about a rename, e.g. ``table `Customer` -> `customers` (/tables/0/name)``.
fn describe(rename: &Rename) -> String {
    let kind = match rename.kind {
        RenameKind::Table => "table",
        RenameKind::Column => "column",
        RenameKind::Junction => "junction table",
        RenameKind::Constraint => "constraint",
        RenameKind::Index => "index",
    };
    let from = &rename.from;
    let what = match (&rename.skipped, &rename.to) {
        (Some(why), _) => format!("{kind} `{from}` not renamed: {why}"),
        (None, Some(to)) => format!("{kind} `{from}` -> `{to}`"),
        (None, None) => format!("{kind} name `{from}` removed: the convention now derives it"),
    };
    format!("{what} ({})", rename.path)
}
