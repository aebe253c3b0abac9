//! `schemata normalize`: normal forms of a design's tables, and decompositions applied.

use schemata_api::{Goal, NormalizeOptions, normalize, normalize_apply, open_design, save_design};

use super::{Ctx, Exit};
use crate::args::{Format, NormalFormGoal, NormalizeArgs};

/// Run the command; the returned status is the process exit status.
pub fn run(args: &NormalizeArgs, ctx: &Ctx) -> Exit {
    let file = &args.design;
    let opened = match open_design(file) {
        Ok(o) => o,
        Err(e) => return ctx.report_error(file, &e),
    };
    let opts = NormalizeOptions {
        table: args.table.clone(),
    };
    if let Some(goal) = args.apply {
        let goal = match goal {
            NormalFormGoal::ThirdNf => Goal::ThirdNf,
            NormalFormGoal::Bcnf => Goal::Bcnf,
        };
        let applied = match normalize_apply(&opened.design, &opts, goal) {
            Ok(a) => a,
            Err(e) => return ctx.report_error_after(file, &e, opened.diagnostics),
        };
        match args.format {
            Format::Text => ctx.out(&applied.preview),
            Format::Json => ctx.out(&format!(
                "{}\n",
                serde_json::to_string(&applied.proposals).unwrap_or_default()
            )),
        }
        if let Some(target) = &args.output {
            if let Err(e) = save_design(target, &applied.design) {
                return ctx.report_error(target, &e);
            }
            ctx.err(&format!("wrote {}\n", target.display()));
        }
        return Exit::Ok;
    }
    let report = match normalize(&opened.design, &opts) {
        Ok(r) => r,
        Err(e) => return ctx.report_error_after(file, &e, opened.diagnostics),
    };
    match args.format {
        Format::Json => ctx.out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        )),
        Format::Text => {
            let mut out = String::new();
            for t in &report.tables {
                let keys: Vec<String> = t
                    .keys
                    .iter()
                    .map(|k| format!("({})", k.join(", ")))
                    .collect();
                out.push_str(&format!(
                    "{}: {}  keys: {}\n",
                    t.name,
                    t.normal_form,
                    keys.join(", ")
                ));
                for d in t.violations.iter().chain(&t.first_normal_form) {
                    out.push_str(&format!("  {}[{}] {}\n", d.severity, d.code, d.message));
                    if let Some(h) = &d.help {
                        out.push_str(&format!("    = help: {h}\n"));
                    }
                }
            }
            ctx.out(&out);
        }
    }
    Exit::Ok
}
