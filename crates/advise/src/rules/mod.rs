//! Every rule, one file each. A rule's file starts with its documentation page.

mod a001_missing_index;
mod a002_unindexed_foreign_key;
mod a003_redundant_index;
mod a004_unused_index;
mod a005_low_cardinality_index;
mod a006_too_many_indexes;
mod a007_function_on_indexed_column;
mod a008_implicit_conversion;
mod a009_select_star;
mod a010_unbounded_list;
mod a011_leading_wildcard_like;
mod a012_n_plus_one;
mod a013_money_as_float;
mod a014_date_as_text;
mod a015_id_without_foreign_key;
mod a016_polymorphic_association;
mod s001_unique_without_distribution_key;
mod s002_foreign_key_across_shards;
mod s003_non_colocated_join;
mod s004_low_cardinality_key;
mod s005_monotonic_key;
mod s006_skewed_key;
mod s007_multi_shard_write;
mod s008_fan_out_read;
mod v013_no_primary_key;
mod v025_nullable_mandatory_foreign_key;

use schemata_model::{Diagnostic, Severity, Table, Target};

use crate::context::Cx;
use crate::registry::Rule;

/// The registry, in code order.
pub static RULES: &[Rule] = &[
    a001_missing_index::RULE,
    a002_unindexed_foreign_key::RULE,
    a003_redundant_index::RULE,
    a004_unused_index::RULE,
    a005_low_cardinality_index::RULE,
    a006_too_many_indexes::RULE,
    a007_function_on_indexed_column::RULE,
    a008_implicit_conversion::RULE,
    a009_select_star::RULE,
    a010_unbounded_list::RULE,
    a011_leading_wildcard_like::RULE,
    a012_n_plus_one::RULE,
    a013_money_as_float::RULE,
    a014_date_as_text::RULE,
    a015_id_without_foreign_key::RULE,
    a016_polymorphic_association::RULE,
    s001_unique_without_distribution_key::RULE,
    s002_foreign_key_across_shards::RULE,
    s003_non_colocated_join::RULE,
    s004_low_cardinality_key::RULE,
    s005_monotonic_key::RULE,
    s006_skewed_key::RULE,
    s007_multi_shard_write::RULE,
    s008_fan_out_read::RULE,
    v013_no_primary_key::RULE,
    v025_nullable_mandatory_foreign_key::RULE,
];

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Run every rule the design's settings leave on, at its configured severity.
pub fn run(cx: &Cx<'_>) -> Vec<Diagnostic> {
    run_where(cx, |_| true)
}

/// Run the rules of one group.
pub fn run_group(cx: &Cx<'_>, group: crate::registry::Group) -> Vec<Diagnostic> {
    run_where(cx, |r| r.group == group)
}

/// Designs with at least this many tables and patterns run their rules on all cores.
const PARALLEL_FROM: usize = 200;

fn run_where(cx: &Cx<'_>, keep: impl Fn(&Rule) -> bool) -> Vec<Diagnostic> {
    let enabled: Vec<(&Rule, Severity)> = RULES
        .iter()
        .filter(|r| keep(r))
        .filter_map(|r| Some((r, r.level(&cx.design.settings.rules)?)))
        .collect();
    let parallel = cx.design.tables.len() + cx.patterns.len() >= PARALLEL_FROM;
    let found = crate::parallel::map(&enabled, parallel, |(rule, severity)| {
        let mut out = Vec::new();
        (rule.check)(cx, &mut out);
        for d in &mut out {
            d.severity = *severity;
        }
        out
    });
    let mut out = Vec::with_capacity(found.iter().map(Vec::len).sum());
    for mut part in found {
        out.append(&mut part);
    }
    out
}

pub(crate) fn table_target(t: &Table) -> Target {
    Target::Table {
        table: t.id.clone(),
    }
}

pub(crate) fn column_target(t: &Table, column: &str) -> Target {
    Target::Column {
        table: t.id.clone(),
        column: column.to_string(),
    }
}

pub(crate) fn column_path(ti: usize, t: &Table, column: &str) -> String {
    match t.columns.iter().position(|c| c.id == column) {
        Some(ci) => format!("/tables/{ti}/columns/{ci}"),
        None => format!("/tables/{ti}"),
    }
}

pub(crate) fn pattern_target(cx: &Cx<'_>, pattern: usize) -> Target {
    Target::Pattern {
        pattern: cx.design.worksheet.patterns[pattern].id.clone(),
    }
}

pub(crate) fn statement_path(pattern: usize, statement: usize) -> String {
    format!("/worksheet/patterns/{pattern}/statements/{statement}")
}

/// Whether some key or index of the table starts with exactly these columns (any order).
pub(crate) fn has_leading(cx: &Cx<'_>, t: &Table, columns: &[String]) -> bool {
    cx.keys.get(t.id.as_str()).is_some_and(|keys| {
        keys.iter().any(|k| {
            k.partial.is_none()
                && k.columns.len() >= columns.len()
                && k.columns[..columns.len()]
                    .iter()
                    .all(|(c, _)| columns.contains(c))
        })
    })
}
