//! Turning a parsed JSON value into a [`Design`], collecting every structural problem.
//!
//! Deserialization stops at its first error, so this module retries: after an error it cuts the
//! offending part out of a working copy (the bad member when it is optional, otherwise the array
//! element around it) and deserializes again, until it succeeds or nothing more can be cut.
//! Paths in the working copy are mapped back to the original file, so every reported path points
//! at the text the user wrote. Keys that no field matches are collected along the way.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::design::Design;
use crate::fields;
use crate::spans::Segment;

/// Stop looking for more problems after this many structural errors.
pub(crate) const MAX_ERRORS: usize = 100;

/// The outcome of decoding.
pub(crate) struct Decoded {
    /// The design, when there was no structural error.
    pub design: Option<Design>,
    /// Wrong types, missing fields, bad values: path (in the original) and message.
    pub errors: Vec<(Vec<Segment>, String)>,
    /// Paths (in the original) of members that no field of their object matches.
    pub unknown: BTreeSet<Vec<Segment>>,
}

/// Array elements cut from the working copy, by the original path of their array.
#[derive(Default)]
struct Cuts(BTreeMap<Vec<Segment>, BTreeSet<usize>>);

impl Cuts {
    /// Map a path in the working copy to the same place in the original.
    fn to_original(&self, path: &[Segment]) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::with_capacity(path.len());
        for segment in path {
            let mapped = match segment {
                Segment::Index(i) => match self.0.get(&out) {
                    Some(cut) => Segment::Index(nth_kept(cut, *i)),
                    None => Segment::Index(*i),
                },
                key => key.clone(),
            };
            out.push(mapped);
        }
        out
    }
}

/// The original index of the `n`th element that was not cut.
fn nth_kept(cut: &BTreeSet<usize>, n: usize) -> usize {
    let mut index = n;
    for &c in cut {
        if c <= index {
            index += 1;
        } else {
            break;
        }
    }
    index
}

/// Deserialize `value` into a design, reporting every problem found on the way.
pub(crate) fn decode(value: &Value) -> Decoded {
    let mut work = Cow::Borrowed(value);
    let mut cuts = Cuts::default();
    let mut errors = Vec::new();
    let mut unknown = BTreeSet::new();
    loop {
        let mut ignored: Vec<Vec<Segment>> = Vec::new();
        let result: Result<Design, _> = {
            let mut note = |path: serde_ignored::Path<'_>| ignored.push(ignored_segments(&path));
            let de = serde_ignored::Deserializer::new(&*work, &mut note);
            serde_path_to_error::deserialize(de)
        };
        unknown.extend(ignored.iter().map(|p| cuts.to_original(p)));
        let err = match result {
            Ok(design) => {
                let design = errors.is_empty().then_some(design);
                return Decoded {
                    design,
                    errors,
                    unknown,
                };
            }
            Err(err) => err,
        };
        let path = error_segments(err.path());
        let original = cuts.to_original(&path);
        errors.push((original.clone(), err.into_inner().to_string()));
        if errors.len() >= MAX_ERRORS || !cut(work.to_mut(), &path, &original, &mut cuts) {
            return Decoded {
                design: None,
                errors,
                unknown,
            };
        }
    }
}

/// Remove the part of `work` at fault for an error at `path` (`original` in the file): the
/// member itself when its field is optional, else the innermost array element holding it.
/// Returns false when nothing can be removed.
fn cut(work: &mut Value, path: &[Segment], original: &[Segment], cuts: &mut Cuts) -> bool {
    if let Some((Segment::Key(k), parent)) = path.split_last()
        && !fields::is_required(&original[..parent.len()], k)
        && let Some(Value::Object(map)) = value_at_mut(work, parent)
        && map.shift_remove(k).is_some()
    {
        return true;
    }
    let Some(at) = path.iter().rposition(|s| matches!(s, Segment::Index(_))) else {
        return false;
    };
    let (Segment::Index(i), Segment::Index(original_index)) = (&path[at], &original[at]) else {
        return false;
    };
    match value_at_mut(work, &path[..at]) {
        Some(Value::Array(items)) if *i < items.len() => {
            items.remove(*i);
            cuts.0
                .entry(original[..at].to_vec())
                .or_default()
                .insert(*original_index);
            true
        }
        _ => false,
    }
}

fn value_at_mut<'v>(mut v: &'v mut Value, path: &[Segment]) -> Option<&'v mut Value> {
    for segment in path {
        v = match (v, segment) {
            (Value::Object(map), Segment::Key(k)) => map.get_mut(k)?,
            (Value::Array(items), Segment::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

fn error_segments(path: &serde_path_to_error::Path) -> Vec<Segment> {
    use serde_path_to_error::Segment as S;
    let mut out = Vec::new();
    for segment in path.iter() {
        match segment {
            S::Seq { index } => out.push(Segment::Index(*index)),
            S::Map { key } | S::Enum { variant: key } => out.push(Segment::Key(key.clone())),
            S::Unknown => break,
        }
    }
    out
}

fn ignored_segments(path: &serde_ignored::Path<'_>) -> Vec<Segment> {
    use serde_ignored::Path as P;
    let mut out = Vec::new();
    let mut p = path;
    loop {
        p = match p {
            P::Root => break,
            P::Seq { parent, index } => {
                out.push(Segment::Index(*index));
                parent
            }
            P::Map { parent, key } => {
                out.push(Segment::Key(key.clone()));
                parent
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                parent
            }
        };
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spans::pointer_of;
    use serde_json::json;

    #[test]
    fn maps_cut_indexes_back() {
        let cut: BTreeSet<usize> = [1, 2, 5].into_iter().collect();
        let kept: Vec<usize> = (0..5).map(|n| nth_kept(&cut, n)).collect();
        assert_eq!(kept, [0, 3, 4, 6, 7]);
    }

    #[test]
    fn reports_every_broken_element() {
        let value = json!({
            "format": 1,
            "tables": [
                {"name": "a", "columns": [
                    {"name": "x", "type": "integer(4)"},
                    {"name": "y", "type": "text", "nullable": "yes"},
                    {"name": "z", "type": "text", "nulable": true}
                ]},
                {"columns": []},
                {"name": "c", "columns": [{"name": "x", "type": "decimal(2,5)"}], "colour": 1}
            ]
        });
        let d = decode(&value);
        assert!(d.design.is_none());
        let paths: Vec<String> = d.errors.iter().map(|(p, _)| pointer_of(p)).collect();
        assert_eq!(
            paths,
            [
                "/tables/0/columns/0/type",
                "/tables/0/columns/1/nullable",
                "/tables/1",
                "/tables/2/columns/0/type"
            ]
        );
        assert!(
            d.errors[2].1.contains("missing field `name`"),
            "{:?}",
            d.errors
        );
        let unknown: Vec<String> = d.unknown.iter().map(|p| pointer_of(p)).collect();
        assert_eq!(unknown, ["/tables/0/columns/2/nulable", "/tables/2/colour"]);
    }

    #[test]
    fn clean_input_decodes() {
        let value = json!({"format": 1, "tables": [{"name": "t", "columns": []}]});
        let d = decode(&value);
        assert!(d.errors.is_empty() && d.unknown.is_empty());
        assert_eq!(d.design.map(|d| d.tables.len()), Some(1));
    }

    #[test]
    fn gives_up_at_the_root() {
        let d = decode(&json!({"format": 1, "tables": 3, "name": 4}));
        assert!(d.design.is_none());
        assert_eq!(d.errors.len(), 2);
        let d = decode(&json!("design"));
        assert_eq!(d.errors.len(), 1);
    }
}
