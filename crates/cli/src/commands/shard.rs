//! `schemata shard`: the shard-key advisor: how to distribute a design's tables over the shards
//! of Citus or Vitess so that its worksheet runs on one shard, and the DDL or VSchema for it.

use clap::{Args, ValueEnum};
use schemata_api::{
    MAX_SHARDS, Severity, ShardEngine, ShardRequest, ShardSummary, TableMode, shard_file_summary,
    write_file_atomic,
};
use std::path::PathBuf;

use super::{Ctx, Exit};

/// Options of `schemata shard`.
#[derive(Debug, Args)]
pub struct ShardArgs {
    /// The design file.
    #[arg(value_name = "DESIGN")]
    pub design: PathBuf,
    /// A worksheet file (sqlc-style `-- name:` queries with `-- rate:`) replacing the design's
    /// own access patterns.
    #[arg(long, value_name = "FILE.sql")]
    pub worksheet: Option<PathBuf>,
    /// The distributed database; the design's `settings.sharding` or Citus by default.
    #[arg(long, value_enum)]
    pub engine: Option<Engine>,
    /// Number of shards; the design's `settings.sharding` or 32 by default.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_SHARDS)))]
    pub shards: Option<u32>,
    /// Output format of the plan.
    #[arg(long, value_enum, default_value_t = ShardFormat::Text)]
    pub format: ShardFormat,
    /// Print the Citus SQL or the Vitess VSchema (JSON) instead of the plan.
    #[arg(long)]
    pub ddl: bool,
    /// Write the output to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A distributed database engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Engine {
    /// Citus, distributed PostgreSQL.
    Citus,
    /// Vitess, sharded MySQL.
    Vitess,
}

impl From<Engine> for ShardEngine {
    fn from(e: Engine) -> Self {
        match e {
            Engine::Citus => ShardEngine::Citus,
            Engine::Vitess => ShardEngine::Vitess,
        }
    }
}

/// Output format of `shard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShardFormat {
    /// The plan for people.
    Text,
    /// One JSON object with names and ids.
    Json,
}

/// Help shown after `schemata shard --help`.
pub const SHARD_EXAMPLES: &str = "\
Examples:
  schemata shard saas.schemata.json
  schemata shard saas.schemata.json --engine vitess --shards 16 --format json
  schemata shard shop.schemata.json --worksheet queries.sql
  schemata shard saas.schemata.json --ddl -o citus.sql
  schemata shard saas.schemata.json --engine vitess --ddl -o vschema.json

The headline is the rate-weighted share of the worksheet whose every statement runs on one shard.
Each table is distributed by a key column, copied to every node (reference) or kept on the
coordinator (local); tables distributed by keys holding the same values form a co-located family.
JSON output has the keys single_shard_share, tables (name, table id, mode, key and key_id, family,
reason), families, distributed_patterns (name, id, weight, reason), alternatives, lookups and
diagnostics. With --ddl, the diagnostics go to standard error.

Exit status: 1 when a diagnostic is an error, 2 when a file cannot be read or an argument is
wrong, 0 otherwise.";

/// Run the command; the returned status is the process exit status.
pub fn run(args: &ShardArgs, ctx: &Ctx) -> Exit {
    let request = ShardRequest {
        engine: args.engine.map(Into::into),
        shards: args.shards,
    };
    let summary = match shard_file_summary(&args.design, args.worksheet.as_deref(), request) {
        Ok(s) => s,
        Err(e) => return ctx.report_error(&args.design, &e),
    };
    let output = if args.ddl {
        ctx.print_diagnostics(&args.design, summary.diagnostics.clone());
        summary.ddl.clone()
    } else {
        match args.format {
            ShardFormat::Json => format!(
                "{}\n",
                serde_json::to_string_pretty(&summary).unwrap_or_default()
            ),
            ShardFormat::Text => text(&summary),
        }
    };
    match &args.output {
        None => ctx.out(&output),
        Some(target) => {
            if let Err(e) = write_file_atomic(target, output.as_bytes()) {
                return ctx.report_error(target, &e);
            }
            let what = match (args.ddl, summary.engine) {
                (true, ShardEngine::Citus) => "Citus DDL",
                (true, ShardEngine::Vitess) => "Vitess VSchema",
                (false, _) => "shard plan",
            };
            ctx.err(&format!(
                "wrote the {what} for {} to {}\n",
                args.design.display(),
                target.display()
            ));
        }
    }
    if summary
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// A share as a percentage with one decimal; a share that is not 0 or 1 never prints as such.
fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (99.95..100.0).contains(&p) {
        ">99.9%".to_string()
    } else if p > 0.0 && p < 0.05 {
        "<0.1%".to_string()
    } else {
        format!("{p:.1}%")
    }
}

/// A rate weight with three significant digits: `2500`, `12.5`, `0.000579`.
fn weight(w: f64) -> String {
    if !w.is_finite() || w <= 0.0 {
        return "0".to_string();
    }
    let decimals = (2 - w.log10().floor() as i32).clamp(0, 9) as usize;
    let text = format!("{w:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn mode_name(mode: TableMode) -> &'static str {
    match mode {
        TableMode::Distributed => "distributed",
        TableMode::Reference => "reference",
        TableMode::Local => "local",
    }
}

/// The plan for people.
pub fn text(s: &ShardSummary) -> String {
    let mut out = if s.patterns == 0 {
        "the worksheet has no access patterns: every table is planned from its keys alone\n"
            .to_string()
    } else {
        format!(
            "{} of the rate-weighted worksheet runs on one shard\n",
            percent(s.single_shard_share)
        )
    };
    out.push_str(&format!(
        "{}, {} shards, {} of {} patterns distributed\n",
        s.engine.as_str(),
        s.shards,
        s.distributed_patterns.len(),
        s.patterns
    ));

    out.push_str("\ntables:\n");
    let rows: Vec<[&str; 4]> = s
        .tables
        .iter()
        .map(|t| {
            [
                t.name.as_str(),
                mode_name(t.mode),
                t.key.as_deref().unwrap_or("-"),
                t.family.as_deref().unwrap_or("-"),
            ]
        })
        .collect();
    let header = ["name", "mode", "key", "family"];
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&rows) {
        let line = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect::<Vec<_>>()
            .join("  ");
        out.push_str(&format!("  {}\n", line.trim_end()));
    }

    if !s.families.is_empty() {
        out.push_str("\nfamilies:\n");
    }
    for f in &s.families {
        out.push_str(&format!(
            "  {} {} ({} of the worksheet): {}\n",
            f.id,
            f.name,
            percent(f.share),
            f.tables.join(", ")
        ));
    }

    if s.tables.iter().any(|t| !t.candidates.is_empty()) {
        out.push_str("\ncandidate keys (score: routability, co-location; notes):\n");
    }
    for t in s.tables.iter().filter(|t| !t.candidates.is_empty()) {
        let list: Vec<String> = t
            .candidates
            .iter()
            .take(4)
            .map(|c| {
                let k = &c.scores;
                let mut notes = Vec::new();
                if k.low_cardinality {
                    notes.push(format!("~{} values", k.distinct.round()));
                }
                if k.monotonic {
                    notes.push("grows with time".to_string());
                }
                if let Some(skew) = k.skew {
                    notes.push(format!("skew {:.0}%", skew * 100.0));
                }
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!("; {}", notes.join(", "))
                };
                format!(
                    "{}{} {:.2} ({:.0}%, {:.0}%{notes})",
                    c.column,
                    if k.chosen { "*" } else { "" },
                    k.score,
                    k.routability * 100.0,
                    k.colocation * 100.0
                )
            })
            .collect();
        out.push_str(&format!("  {}: {}\n", t.name, list.join(", ")));
    }

    if !s.distributed_patterns.is_empty() {
        out.push_str("\ndistributed patterns:\n");
    }
    for p in &s.distributed_patterns {
        out.push_str(&format!("  {} (weight {})\n", p.name, weight(p.weight)));
        if let Some(r) = &p.reason {
            out.push_str(&format!("    {r}\n"));
        }
    }

    if !s.lookups.is_empty() {
        out.push_str("\nlookups worth adding:\n");
    }
    for l in &s.lookups {
        out.push_str(&format!(
            "  {}{} (weight {}): {}\n",
            l.name,
            if l.unique { ", unique" } else { "" },
            weight(l.weight),
            l.patterns.join(", ")
        ));
    }

    if !s.alternatives.is_empty() {
        out.push_str("\nalternatives:\n");
    }
    for a in &s.alternatives {
        out.push_str(&format!(
            "  {}: {} on one shard\n    {}\n",
            a.name,
            percent(a.single_shard_share),
            a.verdict
        ));
    }

    if !s.diagnostics.is_empty() {
        out.push_str("\ndiagnostics:\n");
    }
    for d in &s.diagnostics {
        let place = d
            .location
            .map(|l| format!(" {}:{}", l.line, l.column))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {}[{}]{place} {}\n",
            d.severity, d.code, d.message
        ));
        if let Some(h) = &d.help {
            out.push_str(&format!("    = help: {h}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{percent, weight};

    #[test]
    fn percentages_do_not_round_to_all_or_nothing() {
        assert_eq!(percent(0.734), "73.4%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(percent(0.9999998), ">99.9%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(0.0001), "<0.1%");
    }

    #[test]
    fn weights_keep_three_significant_digits() {
        assert_eq!(weight(2500.0), "2500");
        assert_eq!(weight(12.5), "12.5");
        assert_eq!(weight(1.0 / 3.0), "0.333");
        assert_eq!(weight(0.0005787037037037037), "0.000579");
        assert_eq!(weight(0.0), "0");
        assert_eq!(weight(f64::NAN), "0");
    }
}
