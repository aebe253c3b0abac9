//! Functional-dependency algebra on attribute bitsets: closure, covers, candidate keys, normal
//! forms, 3NF synthesis, BCNF decomposition, lossless-join and dependency-preservation tests.

pub mod apply;
pub mod attrs;
pub mod decompose;
pub mod fd;
pub mod forms;
pub mod keys;
pub mod relation;
pub mod table;

pub use attrs::{AttrSet, MAX_ATTRS};
pub use decompose::{decompose_bcnf, is_lossless, lost_dependencies, synthesize_3nf};
pub use fd::{Fd, FdSet, merge_by_lhs, minimal_cover, project};
pub use forms::{Analysis, NormalForm, Violation, ViolationKind, analyze};
pub use keys::{candidate_keys, prime_attributes};
pub use relation::{DecompositionCheck, Dependency, FdRelation, FdReport, ParseError, Relation};
