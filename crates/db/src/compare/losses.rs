//! What DDL generation said it could not express, as the differences the comparison accepts.
//!
//! Each `D0xx` diagnostic with a target excuses one aspect of that entity:
//!
//! | code | excused |
//! | --- | --- |
//! | D001 varchar length, D002 type approximated | the column's type |
//! | D003 partial index | the index predicate |
//! | D004 INCLUDE columns | the INCLUDE list, and key parts beyond the designed ones |
//! | D005 deferrable | the foreign key's deferrability |
//! | D007 index method | the index method |
//! | D008 expression index | the whole index (MariaDB cannot create it) |
//! | D009 index part option | sort order, NULLS order and operator class of the index parts |
//! | D010 NULLS NOT DISTINCT | that flag |
//! | D011 virtual generated | whether the generated column is stored |
//! | D012 identity | the column's identity |
//! | D013 referential action | the foreign key's actions |
//! | D017 dangling reference, D018 unindexable | the whole constraint or index (left out) |
//! | D021 default dropped | the column's default |
//!
//! Codes that change the physical design itself (names fitted, schemas dropped, NOT NULL
//! primary keys, enums resolved, domains inlined) need no excuse: the expected design already
//! has the change.
//! Codes about what is still created as designed (D006 CHECK not enforced, D019 index prefix)
//! excuse nothing. Any other code with a target excuses everything about its entity.

use schemata_model::{Diagnostic, Target};
use schemata_sql::ddl::codes;

/// The aspect of an entity whose difference a diagnostic excuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aspect {
    Type,
    Default,
    Identity,
    GeneratedStored,
    Predicate,
    Include,
    Method,
    PartOptions,
    NullsNotDistinct,
    Deferrable,
    Actions,
    /// Anything, including the entity being absent.
    Everything,
}

/// What a loss is about: a column, a constraint (including `primary_key`) or an index, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entity {
    Table,
    Column(String),
    Constraint(String),
    Index(String),
}

#[derive(Debug, Clone)]
struct Loss {
    table: String,
    entity: Entity,
    aspect: Aspect,
}

/// The accepted losses of one comparison.
#[derive(Debug, Default)]
pub(crate) struct Losses {
    losses: Vec<Loss>,
}

impl Losses {
    /// The losses the diagnostics document.
    pub(crate) fn from_diagnostics(diagnostics: &[Diagnostic]) -> Losses {
        let mut losses = Vec::new();
        for d in diagnostics {
            let Some(aspect) = aspect_of(&d.code) else {
                continue;
            };
            let (table, entity) = match &d.target {
                Some(Target::Table { table }) => (table.clone(), Entity::Table),
                Some(Target::Column { table, column }) => {
                    (table.clone(), Entity::Column(column.clone()))
                }
                Some(Target::Constraint { table, constraint }) => {
                    (table.clone(), Entity::Constraint(constraint.clone()))
                }
                Some(Target::Index { table, index }) => {
                    (table.clone(), Entity::Index(index.clone()))
                }
                _ => continue,
            };
            losses.push(Loss {
                table,
                entity,
                aspect,
            });
        }
        Losses { losses }
    }

    /// Whether a difference in `aspect` of `entity` of table `table` (ids) is documented.
    pub(crate) fn excuses(&self, table: &str, entity: &Entity, aspect: Aspect) -> bool {
        self.losses.iter().any(|l| {
            l.table == table
                && (l.entity == *entity
                    || l.entity == Entity::Table && l.aspect == Aspect::Everything)
                && (l.aspect == aspect || l.aspect == Aspect::Everything)
        })
    }

    /// Whether the entity may be absent altogether.
    pub(crate) fn excuses_absence(&self, table: &str, entity: &Entity) -> bool {
        self.excuses(table, entity, Aspect::Everything)
    }
}

/// The aspect a diagnostic code excuses; `None` for codes that need no excuse.
fn aspect_of(code: &str) -> Option<Aspect> {
    Some(match code {
        codes::VARCHAR_LENGTH | codes::TYPE_APPROXIMATED => Aspect::Type,
        codes::PARTIAL_INDEX => Aspect::Predicate,
        codes::INCLUDE_COLUMNS => Aspect::Include,
        codes::DEFERRABLE => Aspect::Deferrable,
        codes::INDEX_METHOD => Aspect::Method,
        codes::EXPRESSION_INDEX | codes::DANGLING_REFERENCE | codes::UNINDEXABLE => {
            Aspect::Everything
        }
        codes::INDEX_PART_OPTION => Aspect::PartOptions,
        codes::NULLS_NOT_DISTINCT => Aspect::NullsNotDistinct,
        codes::VIRTUAL_GENERATED => Aspect::GeneratedStored,
        codes::IDENTITY => Aspect::Identity,
        codes::FK_ACTION => Aspect::Actions,
        codes::DEFAULT_DROPPED => Aspect::Default,
        codes::NAME_SHORTENED
        | codes::NO_SCHEMAS
        | codes::PK_NOT_NULL
        | codes::DUPLICATE_NAME
        | codes::JUNCTION
        | codes::DOMAIN_INLINED
        | codes::CHECK_NOT_ENFORCED
        | codes::INDEX_PREFIX => return None,
        c if c.starts_with('D') => Aspect::Everything,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(code: &str, target: Target) -> Diagnostic {
        Diagnostic::warning(code, "x").with_target(target)
    }

    #[test]
    fn excuses_only_the_documented_aspect() {
        let losses = Losses::from_diagnostics(&[
            diag(
                codes::PARTIAL_INDEX,
                Target::Index {
                    table: "orders".into(),
                    index: "ix1".into(),
                },
            ),
            diag(
                codes::EXPRESSION_INDEX,
                Target::Index {
                    table: "orders".into(),
                    index: "ix2".into(),
                },
            ),
        ]);
        let ix1 = Entity::Index("ix1".into());
        assert!(losses.excuses("orders", &ix1, Aspect::Predicate));
        assert!(!losses.excuses("orders", &ix1, Aspect::Method));
        assert!(!losses.excuses_absence("orders", &ix1));
        assert!(!losses.excuses("customers", &ix1, Aspect::Predicate));
        assert!(losses.excuses_absence("orders", &Entity::Index("ix2".into())));
    }

    #[test]
    fn design_changes_need_no_excuse() {
        let losses = Losses::from_diagnostics(&[diag(
            codes::NAME_SHORTENED,
            Target::Table { table: "t".into() },
        )]);
        assert!(!losses.excuses_absence("t", &Entity::Table));
    }
}
