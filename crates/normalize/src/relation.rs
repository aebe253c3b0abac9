//! Relations with named attributes: parsing the calculator's notation and the full report.

use serde::Serialize;

use crate::attrs::{AttrSet, MAX_ATTRS};
use crate::decompose::{decompose_bcnf, is_lossless, lost_dependencies, synthesize_3nf};
use crate::fd::{Fd, FdSet, merge_by_lhs, project};
use crate::forms::{Analysis, NormalForm, ViolationKind, analyze};

/// A relation: attribute names and dependencies between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub names: Vec<String>,
    pub fds: Vec<Fd>,
}

/// Input that is not a relation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("no attributes given")]
    NoAttributes,
    #[error("attribute `{0}` is listed twice")]
    DuplicateAttribute(String),
    #[error("too many attributes: {0} (at most {MAX_ATTRS})")]
    TooManyAttributes(usize),
    #[error("dependency {index} (`{text}`): {reason}")]
    BadDependency {
        index: usize,
        text: String,
        reason: String,
    },
}

fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl Relation {
    /// Parse `"A,B,C,D,E"` and `"A->B,C; C,D->E; B->D; E->A"`. Attributes are separated by commas
    /// or spaces; dependencies by `;` or new lines; `→` may stand for `->`. When every attribute
    /// is a single character, `CD` means `C,D`.
    pub fn parse(attributes: &str, dependencies: &str) -> Result<Relation, ParseError> {
        let mut names = split_list(attributes);
        if names.len() == 1
            && names[0].chars().count() > 1
            && names[0].chars().all(|c| c.is_ascii_uppercase())
        {
            names = names[0].chars().map(String::from).collect();
        }
        if names.is_empty() {
            return Err(ParseError::NoAttributes);
        }
        if names.len() > MAX_ATTRS {
            return Err(ParseError::TooManyAttributes(names.len()));
        }
        for (i, n) in names.iter().enumerate() {
            if names[..i].contains(n) {
                return Err(ParseError::DuplicateAttribute(n.clone()));
            }
        }
        let single_chars = names.iter().all(|n| n.chars().count() == 1);
        let mut fds = Vec::new();
        let text = dependencies.replace('→', "->");
        for (i, part) in text
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            let bad = |reason: String| ParseError::BadDependency {
                index: i + 1,
                text: part.to_string(),
                reason,
            };
            let (l, r) = part
                .split_once("->")
                .ok_or_else(|| bad("expected `X -> Y`".into()))?;
            let side = |s: &str| -> Result<AttrSet, ParseError> {
                attr_set(&names, single_chars, s)
                    .map_err(|t| bad(format!("unknown attribute `{t}`")))
            };
            let (lhs, rhs) = (side(l)?, side(r)?);
            if rhs.is_empty() {
                return Err(bad("the right side is empty".into()));
            }
            fds.push(Fd::new(lhs, rhs));
        }
        Ok(Relation { names, fds })
    }

    /// Check a decomposition of the user's own, written as relations separated by `;`, each a
    /// list of attributes: `"A,B; B,C"` (or `"AB; BC"` with one-letter attributes).
    pub fn check_decomposition(&self, parts: &str) -> Result<DecompositionCheck, ParseError> {
        let single_chars = self.names.iter().all(|n| n.chars().count() == 1);
        let mut sets = Vec::new();
        for (i, part) in parts
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .enumerate()
        {
            let set = attr_set(&self.names, single_chars, part).map_err(|t| {
                ParseError::BadDependency {
                    index: i + 1,
                    text: part.to_string(),
                    reason: format!("unknown attribute `{t}`"),
                }
            })?;
            sets.push(set);
        }
        let n = self.names.len();
        let covered = sets.iter().fold(AttrSet::EMPTY, |a, p| a.union(p));
        Ok(DecompositionCheck {
            relations: sets.iter().map(|p| self.names_of(*p)).collect(),
            missing_attributes: self.names_of(AttrSet::full(n).difference(&covered)),
            lossless: is_lossless(n, &self.fds, &sets),
            lost_dependencies: lost_dependencies(n, &self.fds, &sets)
                .iter()
                .map(|f| Dependency {
                    lhs: self.names_of(f.lhs),
                    rhs: self.names_of(f.rhs),
                })
                .collect(),
        })
    }

    /// Attribute names of a set, in attribute order.
    pub fn names_of(&self, s: AttrSet) -> Vec<String> {
        s.iter().map(|i| self.names[i].clone()).collect()
    }

    fn show(&self, s: AttrSet) -> String {
        let v = self.names_of(s);
        if v.len() == 1 {
            v[0].clone()
        } else {
            format!("({})", v.join(", "))
        }
    }

    /// The whole calculator report.
    pub fn report(&self) -> FdReport {
        let n = self.names.len();
        let an = analyze(n, &self.fds);
        let set = FdSet::new(n, self.fds.clone());
        let decomposition = |parts: Vec<AttrSet>| {
            let lossless = is_lossless(n, &self.fds, &parts);
            let preserving = lost_dependencies(n, &self.fds, &parts).is_empty();
            parts
                .iter()
                .map(|p| {
                    let sub = project(&set, *p).map(|fds| self.local_analysis(*p, &fds));
                    FdRelation {
                        attributes: self.names_of(*p),
                        keys: sub.as_ref().map(|(k, _)| k.clone()),
                        normal_form: sub.map(|(_, nf)| nf),
                        lossless,
                        dependency_preserving: preserving,
                    }
                })
                .collect::<Vec<_>>()
        };
        let bcnf_parts = decompose_bcnf(n, &self.fds);
        let lost = lost_dependencies(n, &self.fds, &bcnf_parts);
        FdReport {
            attributes: self.names.clone(),
            keys: an.keys.iter().map(|k| self.names_of(*k)).collect(),
            keys_complete: an.keys_complete,
            prime: self.names_of(an.prime),
            cover: merge_by_lhs(&an.cover)
                .iter()
                .map(|f| Dependency {
                    lhs: self.names_of(f.lhs),
                    rhs: self.names_of(f.rhs),
                })
                .collect(),
            normal_form: an.normal_form,
            violations: self.violations(&an),
            synthesis_3nf: decomposition(synthesize_3nf(n, &self.fds)),
            bcnf: decomposition(bcnf_parts),
            bcnf_lost_dependencies: lost
                .iter()
                .map(|f| Dependency {
                    lhs: self.names_of(f.lhs),
                    rhs: self.names_of(f.rhs),
                })
                .collect(),
        }
    }

    fn local_analysis(&self, part: AttrSet, fds: &[Fd]) -> (Vec<Vec<String>>, NormalForm) {
        let attrs: Vec<usize> = part.iter().collect();
        let remap = |s: AttrSet| s.renumber(&attrs);
        let local: Vec<Fd> = fds
            .iter()
            .map(|f| Fd::new(remap(f.lhs), remap(f.rhs)))
            .collect();
        let an = analyze(attrs.len(), &local);
        let keys = an
            .keys
            .iter()
            .map(|k| k.iter().map(|i| self.names[attrs[i]].clone()).collect())
            .collect();
        (keys, an.normal_form)
    }

    fn violations(&self, an: &Analysis) -> Vec<ViolationReport> {
        an.violations
            .iter()
            .map(|v| {
                let dep = self.names_of(v.fd.rhs).join(", ");
                let det = self.show(v.fd.lhs);
                let explanation = match v.kind {
                    ViolationKind::PartialDependency { key } => format!(
                        "{dep} depends on {det}, a part of the key {}",
                        self.show(key)
                    ),
                    ViolationKind::TransitiveDependency => format!(
                        "{dep} depends on {det}, which is not a key: a transitive dependency"
                    ),
                    ViolationKind::NonKeyDeterminant => format!(
                        "{det} determines {dep} but is not a superkey (BCNF requires every determinant to be a key)"
                    ),
                };
                ViolationReport {
                    breaks: v.breaks,
                    lhs: self.names_of(v.fd.lhs),
                    rhs: self.names_of(v.fd.rhs),
                    explanation,
                }
            })
            .collect()
    }
}

/// The lossless-join and dependency-preservation verdicts on a user's decomposition.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DecompositionCheck {
    pub relations: Vec<Vec<String>>,
    /// Attributes no relation holds (the decomposition is then not a decomposition of R).
    pub missing_attributes: Vec<String>,
    /// The chase's verdict.
    pub lossless: bool,
    /// Dependencies no longer implied by the relations' own dependencies (empty: preserving).
    pub lost_dependencies: Vec<Dependency>,
}

/// Parse a list of attribute names into a set; the unknown name is the error.
fn attr_set(names: &[String], single_chars: bool, s: &str) -> Result<AttrSet, String> {
    let mut set = AttrSet::EMPTY;
    for tok in split_list(s) {
        let toks: Vec<String> = if single_chars && !names.contains(&tok) {
            tok.chars().map(String::from).collect()
        } else {
            vec![tok]
        };
        for t in toks {
            let idx = names.iter().position(|n| *n == t).ok_or(t)?;
            set.insert(idx);
        }
    }
    Ok(set)
}

/// A dependency by attribute names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Dependency {
    pub lhs: Vec<String>,
    pub rhs: Vec<String>,
}

/// One dependency breaking a normal form.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ViolationReport {
    /// The normal form it breaks.
    pub breaks: NormalForm,
    pub lhs: Vec<String>,
    pub rhs: Vec<String>,
    pub explanation: String,
}

/// One relation of a decomposition; the flags describe the decomposition as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FdRelation {
    pub attributes: Vec<String>,
    /// Keys of the relation under the projected dependencies (absent when too large to project).
    pub keys: Option<Vec<Vec<String>>>,
    pub normal_form: Option<NormalForm>,
    pub lossless: bool,
    pub dependency_preserving: bool,
}

/// The calculator's answer for a relation.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FdReport {
    pub attributes: Vec<String>,
    pub keys: Vec<Vec<String>>,
    pub keys_complete: bool,
    pub prime: Vec<String>,
    pub cover: Vec<Dependency>,
    pub normal_form: NormalForm,
    pub violations: Vec<ViolationReport>,
    pub synthesis_3nf: Vec<FdRelation>,
    pub bcnf: Vec<FdRelation>,
    /// Dependencies the BCNF decomposition does not preserve.
    pub bcnf_lost_dependencies: Vec<Dependency>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_letters_and_arrows() {
        let r = Relation::parse("A,B,C,D,E", "A->B,C; C,D->E; B->D; E->A").unwrap();
        assert_eq!(r.fds.len(), 4);
        let r2 = Relation::parse("ABCDE", "A→BC\nCD->E;B->D;E->A").unwrap();
        assert_eq!(r.fds, r2.fds);
        let w = Relation::parse(
            "student, course, instructor",
            "student,course->instructor; instructor->course",
        )
        .unwrap();
        assert_eq!(w.names, vec!["student", "course", "instructor"]);
        assert!(Relation::parse("A,B", "A->Z").is_err());
        assert!(Relation::parse("A,A", "").is_err());
        assert!(Relation::parse("", "").is_err());
        assert!(Relation::parse("A,B", "A,B").is_err());
    }

    #[test]
    fn checks_a_users_decomposition() {
        let r = Relation::parse("A,B,C", "A->B; B->C").unwrap();
        let c = r.check_decomposition("AB; AC").unwrap();
        assert!(c.lossless);
        assert_eq!(
            c.lost_dependencies,
            vec![Dependency {
                lhs: vec!["B".into()],
                rhs: vec!["C".into()]
            }]
        );
        let c = r.check_decomposition("A,B; B,C").unwrap();
        assert!(c.lossless && c.lost_dependencies.is_empty());
        let c = r.check_decomposition("AB; C").unwrap();
        assert!(!c.lossless);
        assert!(c.missing_attributes.is_empty());
        assert!(r.check_decomposition("AB; Z").is_err());
    }

    #[test]
    fn classic_report() {
        let r = Relation::parse("A,B,C,D,E", "A->B,C; C,D->E; B->D; E->A").unwrap();
        let rep = r.report();
        let keys: Vec<String> = rep.keys.iter().map(|k| k.join("")).collect();
        assert_eq!(keys, vec!["A", "E", "BC", "CD"]);
        assert_eq!(rep.normal_form, NormalForm::Third);
    }
}
