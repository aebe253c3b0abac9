//! `schemata fd`: the functional-dependency calculator.

use schemata_api::{DecompositionCheck, FdReport, fd, fd_check_decomposition};

use super::{Ctx, Exit};
use crate::args::{FdArgs, Format};

/// Run the command; the returned status is the process exit status.
pub fn run(args: &FdArgs, ctx: &Ctx) -> Exit {
    if let Some(parts) = &args.check {
        let check = match fd_check_decomposition(&args.attributes, &args.dependencies, parts) {
            Ok(c) => c,
            Err(e) => {
                ctx.err(&format!("{}\n", ctx.err_style.error_line(&e.message)));
                return Exit::Failure;
            }
        };
        match args.format {
            Format::Json => ctx.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&check).unwrap_or_default()
            )),
            Format::Text => ctx.out(&check_text(&check)),
        }
        return Exit::Ok;
    }
    let report = match fd(&args.attributes, &args.dependencies) {
        Ok(r) => r,
        Err(e) => {
            ctx.err(&format!("{}\n", ctx.err_style.error_line(&e.message)));
            return Exit::Failure;
        }
    };
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => ctx.out(&format!("{json}\n")),
            Err(e) => {
                ctx.err(&format!("{}\n", ctx.err_style.error_line(&e.to_string())));
                return Exit::Failure;
            }
        },
        Format::Text => ctx.out(&text(&report)),
    }
    Exit::Ok
}

fn set(v: &[String]) -> String {
    format!("{{{}}}", v.join(", "))
}

fn relations(out: &mut String, rels: &[schemata_api::FdRelation]) {
    for (i, r) in rels.iter().enumerate() {
        let keys = r
            .keys
            .as_ref()
            .map(|k| k.iter().map(|k| set(k)).collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|| "not computed".into());
        let nf = r.normal_form.map(|n| n.as_str()).unwrap_or("?");
        out.push_str(&format!(
            "  R{}({})  keys: {keys}  {nf}\n",
            i + 1,
            r.attributes.join(", ")
        ));
    }
}

/// The report for people.
pub fn text(r: &FdReport) -> String {
    let mut out = format!("relation R({})\n", r.attributes.join(", "));
    let keys: Vec<String> = r.keys.iter().map(|k| set(k)).collect();
    out.push_str(&format!(
        "candidate keys: {}{}\n",
        keys.join(", "),
        if r.keys_complete {
            ""
        } else {
            " (stopped: too many keys)"
        }
    ));
    out.push_str(&format!("prime attributes: {}\n", r.prime.join(", ")));
    out.push_str("minimal cover:\n");
    for f in &r.cover {
        out.push_str(&format!("  {} -> {}\n", f.lhs.join(", "), f.rhs.join(", ")));
    }
    out.push_str(&format!("normal form: {}\n", r.normal_form));
    if !r.violations.is_empty() {
        out.push_str("violations:\n");
        for v in &r.violations {
            out.push_str(&format!("  [{}] {}\n", v.breaks, v.explanation));
        }
    }
    let flags = |rels: &[schemata_api::FdRelation]| {
        rels.first()
            .map(|r| {
                format!(
                    "lossless: {}, dependency-preserving: {}",
                    yes(r.lossless),
                    yes(r.dependency_preserving)
                )
            })
            .unwrap_or_default()
    };
    out.push_str(&format!("3NF synthesis ({}):\n", flags(&r.synthesis_3nf)));
    relations(&mut out, &r.synthesis_3nf);
    out.push_str(&format!("BCNF decomposition ({}):\n", flags(&r.bcnf)));
    relations(&mut out, &r.bcnf);
    for f in &r.bcnf_lost_dependencies {
        out.push_str(&format!(
            "  not preserved: {} -> {}\n",
            f.lhs.join(", "),
            f.rhs.join(", ")
        ));
    }
    out
}

/// A user's decomposition checked, for people.
fn check_text(c: &DecompositionCheck) -> String {
    let mut out = String::new();
    for (i, r) in c.relations.iter().enumerate() {
        out.push_str(&format!("R{}({})\n", i + 1, r.join(", ")));
    }
    if !c.missing_attributes.is_empty() {
        out.push_str(&format!(
            "attributes in no relation: {}\n",
            c.missing_attributes.join(", ")
        ));
    }
    out.push_str(&format!("lossless join: {}\n", yes(c.lossless)));
    if c.lost_dependencies.is_empty() {
        out.push_str("dependency-preserving: yes\n");
    } else {
        out.push_str("dependency-preserving: no\n");
        for f in &c.lost_dependencies {
            out.push_str(&format!(
                "  not preserved: {} -> {}\n",
                f.lhs.join(", "),
                f.rhs.join(", ")
            ));
        }
    }
    out
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
