//! `fix_conventions`: rename what breaks the design's naming convention.

use schemata_model::Design;
use schemata_sql::conventions::Rename;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A design with its naming-convention problems fixed, and the renames that did it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FixReport {
    pub design: Design,
    /// Every rename applied, in design order; empty when nothing needed fixing.
    pub renames: Vec<Rename>,
}

/// Apply the naming convention's automatic fixes. References are by id, so renaming never breaks
/// a foreign key, an index or the layout.
pub fn fix_conventions(design: &Design) -> FixReport {
    let (design, renames) = schemata_sql::conventions::fix_conventions(design);
    FixReport { design, renames }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_by_the_convention_and_keeps_references() {
        let mut design = crate::examples::new_design("url_shortener").unwrap();
        design.tables[0].name = "User".to_string();
        design.tables[0].columns[1].name = "eMail".to_string();
        let report = fix_conventions(&design);
        let froms: Vec<&str> = report.renames.iter().map(|r| r.from.as_str()).collect();
        assert!(
            froms.contains(&"User") && froms.contains(&"eMail"),
            "{froms:?}"
        );
        assert_eq!(report.design.tables[0].name, "users");
        assert_eq!(report.design.tables[0].columns[1].name, "e_mail");
        assert_eq!(report.design.tables[0].id, design.tables[0].id);
        let after = crate::check(&report.design, &crate::CheckOptions::default());
        assert!(after.diagnostics.iter().all(|d| !d.code.starts_with('N')));
        assert!(fix_conventions(&report.design).renames.is_empty());
    }
}
