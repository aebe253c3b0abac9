//! `schemata import`: a design from a SQL file or a live database.

use indicatif::{ProgressBar, ProgressStyle};
use schemata_api::{
    ImportOptions, ImportProgress, Imported, SourceDialect, import_source, save_design,
};
use std::io::IsTerminal;
use std::path::Path;

use super::{Ctx, Exit};
use crate::args::ImportArgs;

/// Run the command; the returned status is the process exit status.
pub fn run(args: &ImportArgs, ctx: &Ctx) -> Exit {
    let dialect = match args.dialect.as_deref().map(str::parse::<SourceDialect>) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            ctx.err(&format!("{}\n", ctx.err_style.error_line(&e)));
            return Exit::Failure;
        }
    };
    let options = ImportOptions {
        dialect,
        name: String::new(),
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} statements") {
            bar.set_style(style);
        }
        bar
    });
    let mut progress = |p: ImportProgress| {
        if let Some(bar) = &bar {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
        }
    };
    let result = import_source(&args.source, &options, &args.schemas, &mut progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let shown_source = shown(&args.source);
    let imported = match result {
        Ok(imported) => imported,
        Err(e) => return ctx.report_error(Path::new(&shown_source), &e),
    };
    if let Err(e) = save_design(&args.output, &imported.design) {
        return ctx.report_error(&args.output, &e);
    }
    ctx.err(&summary(&imported, &shown_source, args));
    ctx.err(&format!(
        "wrote {} ({} tables, {} enums)\n",
        args.output.display(),
        imported.design.tables.len(),
        imported.design.enums.len()
    ));
    Exit::Ok
}

/// The source as it may be shown: a URL without its password.
fn shown(source: &str) -> String {
    if let Some((scheme, rest)) = source.split_once("://")
        && let Some((auth, host)) = rest.split_once('@')
        && let Some((user, _password)) = auth.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    source.to_string()
}

fn summary(imported: &Imported, source: &str, args: &ImportArgs) -> String {
    let mut out = String::new();
    if imported.statements > 0 {
        out.push_str(&format!(
            "{source}: read {} statements as {} ({:.1}% understood)\n",
            imported.statements,
            imported.dialect,
            imported.understood_ratio() * 100.0
        ));
    }
    if args.report {
        for (kind, c) in &imported.coverage {
            out.push_str(&format!(
                "  {kind:<32} {:>6} / {:<6} imported {}\n",
                c.understood, c.total, c.imported
            ));
        }
    }
    let by_kind = imported.skipped_by_kind();
    if !by_kind.is_empty() {
        out.push_str(&format!("skipped {} statements:\n", imported.skipped.len()));
        for (kind, n) in &by_kind {
            out.push_str(&format!("  {n:>6}  {kind}\n"));
        }
    }
    if !imported.dropped.is_empty() {
        out.push_str(&format!(
            "{} parts of imported statements are not part of the design\n",
            imported.dropped.len()
        ));
    }
    if args.verbose {
        for s in imported.skipped.iter().chain(&imported.dropped) {
            out.push_str(&format!("  line {}: {}: {}\n", s.line, s.kind, s.reason));
        }
    } else if !imported.skipped.is_empty() || !imported.dropped.is_empty() {
        out.push_str("(--verbose lists each with its line and reason)\n");
    }
    if !imported.extensions.is_empty() {
        out.push_str(&format!(
            "extensions used: {}\n",
            imported.extensions.join(", ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_passwords() {
        assert_eq!(shown("postgres://app:pw@h/db"), "postgres://app:***@h/db");
        assert_eq!(shown("postgres://app@h/db"), "postgres://app@h/db");
        assert_eq!(shown("schema.sql"), "schema.sql");
    }
}
