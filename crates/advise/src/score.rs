//! The schema score: 100 points shared among the groups; each diagnostic costs points of its
//! group (file-format and dialect codes cost none) (error 5, warning 2, info 0.5) until the group has none left. Every point lost is
//! listed with the diagnostic that cost it.

use schemata_model::{Diagnostic, Severity, Target};
use serde::Serialize;
use ts_rs::TS;

use crate::registry::Group;

/// Points of each group; they add up to 100. The sharding group has points only when the
/// design plans for a distributed engine (`settings.sharding`).
pub fn group_points(group: Group, sharding: bool) -> f64 {
    match (group, sharding) {
        (Group::Integrity, false) => 30.0,
        (Group::Normalization, false) => 15.0,
        (Group::Indexing, false) => 25.0,
        (Group::Queries, false) => 15.0,
        (Group::Conventions, false) => 15.0,
        (Group::Sharding, false) => 0.0,
        (Group::Integrity, true) => 25.0,
        (Group::Normalization, true) => 13.0,
        (Group::Indexing, true) => 21.0,
        (Group::Queries, true) => 13.0,
        (Group::Conventions, true) => 13.0,
        (Group::Sharding, true) => 15.0,
    }
}

/// Points a diagnostic of this severity costs.
pub fn cost(severity: Severity) -> f64 {
    match severity {
        Severity::Error => 5.0,
        Severity::Warning => 2.0,
        Severity::Info => 0.5,
    }
}

/// The score and where the points went.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Score {
    /// 0 to 100.
    pub total: u32,
    pub groups: Vec<GroupScore>,
}

/// One group's points.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct GroupScore {
    pub group: Group,
    pub max: f64,
    pub points: f64,
    /// The diagnostics that cost points, in the order given.
    pub lost: Vec<Lost>,
}

/// Points lost to one diagnostic.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Lost {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub target: Option<Target>,
    pub points: f64,
}

/// Score a list of diagnostics (validation, conventions, normal forms, rules) of a design
/// without sharding.
pub fn score(diagnostics: &[Diagnostic]) -> Score {
    score_with(diagnostics, false)
}

/// Score a list of diagnostics; `sharding` gives the sharding group its points.
pub fn score_with(diagnostics: &[Diagnostic], sharding: bool) -> Score {
    let mut groups: Vec<GroupScore> = Group::ALL
        .iter()
        .map(|&g| GroupScore {
            group: g,
            max: group_points(g, sharding),
            points: group_points(g, sharding),
            lost: Vec::new(),
        })
        .collect();
    for d in diagnostics {
        let Some(group) = Group::of_code(&d.code) else {
            continue;
        };
        let Some(g) = groups.iter_mut().find(|g| g.group == group) else {
            continue;
        };
        let points = cost(d.severity).min(g.points);
        if points <= 0.0 {
            continue;
        }
        g.points -= points;
        g.lost.push(Lost {
            code: d.code.clone(),
            message: d.message.clone(),
            target: d.target.clone(),
            points,
        });
    }
    let kept: f64 = groups.iter().map(|g| g.points).sum();
    Score {
        total: kept.round().clamp(0.0, 100.0) as u32,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_lost_traces_to_a_diagnostic() {
        let mut diags = vec![
            Diagnostic::error("V001", "dup"),
            Diagnostic::warning("A001", "missing"),
            Diagnostic::new("A009", Severity::Info, "star"),
            Diagnostic::warning("N001", "name"),
            Diagnostic::warning("D003", "dialect limits are not scored"),
        ];
        for _ in 0..20 {
            diags.push(Diagnostic::warning("A011", "like"));
        }
        let s = score(&diags);
        let lost: f64 = s
            .groups
            .iter()
            .flat_map(|g| &g.lost)
            .map(|l| l.points)
            .sum();
        assert_eq!(f64::from(s.total), (100.0 - lost).round());
        let queries = s.groups.iter().find(|g| g.group == Group::Queries);
        assert_eq!(
            queries.map(|g| g.points),
            Some(0.0),
            "capped at the group's points"
        );
        assert_eq!(s.total, 100 - 5 - 2 - 15 - 2);
    }

    #[test]
    fn no_diagnostics_is_a_perfect_score() {
        assert_eq!(score(&[]).total, 100);
        assert_eq!(score_with(&[], true).total, 100);
    }

    #[test]
    fn sharding_points_only_when_sharding() {
        let diags = [Diagnostic::warning("S004", "low cardinality key")];
        assert_eq!(
            score(&diags).total,
            100,
            "no sharding group without sharding"
        );
        let s = score_with(&diags, true);
        assert_eq!(s.total, 98);
        let total: f64 = Group::ALL.iter().map(|&g| group_points(g, true)).sum();
        assert_eq!(total, 100.0);
    }
}
