//! Column options the dialect cannot express: identity, generated columns, defaults.

use schemata_model::{Identity, Severity};

use super::Report;
use crate::ddl::codes;
use crate::dialect::IdentityStyle;
use crate::physical::view::PTable;

/// Identity, generated columns and defaults.
pub(super) fn columns(table: &mut PTable<'_>, r: &mut Report<'_>) {
    let style = r.d.identity_style();
    let PTable {
        name: table_name,
        columns,
        primary_key,
        uniques,
        indexes,
        ..
    } = table;
    let pk: &[String] = primary_key.as_ref().map_or(&[], |pk| &pk.def.columns);
    let leads_key = |id: &str| {
        pk.first().is_some_and(|c| c == id)
            || uniques
                .iter()
                .any(|u| u.def.columns.first().is_some_and(|c| c == id))
            || indexes.iter().any(|ix| {
                ix.def
                    .parts
                    .first()
                    .and_then(|p| p.column.as_deref())
                    .is_some_and(|c| c == id)
            })
    };
    let mut granted = false;
    for (ci, col) in columns.iter_mut().enumerate() {
        let suffix = |s: &str| format!("/columns/{ci}/{s}");
        if let Some(identity) = col.identity {
            let refusal = if col.generated.is_some() {
                Some("it is also a generated column")
            } else {
                match style {
                    IdentityStyle::Generated => None,
                    IdentityStyle::AutoIncrement if granted => {
                        Some("MySQL allows one AUTO_INCREMENT column per table")
                    }
                    IdentityStyle::AutoIncrement if !leads_key(&col.id) => {
                        Some("MySQL's AUTO_INCREMENT column must be the first column of a key")
                    }
                    IdentityStyle::RowidAlias
                        if !(pk.len() == 1 && pk[0] == col.id && col.data_type.is_integer()) =>
                    {
                        Some("SQLite assigns values only to an integer single-column primary key")
                    }
                    _ => None,
                }
            };
            if let Some(why) = refusal {
                let message = format!(
                    "identity of `{table_name}.{}` is not declared: {why}; the application must supply values",
                    col.name
                );
                r.warn(
                    codes::IDENTITY,
                    message,
                    r.column(&col.id),
                    &suffix("identity"),
                );
                col.to_mut().identity = None;
            } else {
                granted = true;
                if identity == Identity::Always && !r.d.supports_identity_always() {
                    let message = format!(
                        "`{table_name}.{}` is GENERATED ALWAYS in the design; {} assigns values only by default, so explicit values are accepted",
                        col.name,
                        r.name()
                    );
                    r.push(
                        codes::IDENTITY,
                        Severity::Info,
                        message,
                        r.column(&col.id),
                        &suffix("identity"),
                    );
                    col.to_mut().identity = Some(Identity::ByDefault);
                }
            }
        }
        if col.default.is_some() && (col.identity.is_some() || col.generated.is_some()) {
            let what = if col.generated.is_some() {
                "generated"
            } else {
                "identity"
            };
            let message = format!(
                "`{table_name}.{}` is an {what} column, which cannot have a DEFAULT; the default was left out",
                col.name
            );
            r.warn(
                codes::DEFAULT_DROPPED,
                message,
                r.column(&col.id),
                &suffix("default"),
            );
            col.to_mut().default = None;
        }
        if col.generated.is_some() {
            if col.generated.as_ref().is_some_and(|g| !g.stored)
                && !r.d.supports_virtual_generated()
            {
                let message = format!(
                    "{} has no virtual generated columns; `{table_name}.{}` is STORED",
                    r.name(),
                    col.name
                );
                r.warn(
                    codes::VIRTUAL_GENERATED,
                    message,
                    r.column(&col.id),
                    &suffix("generated/stored"),
                );
                if let Some(g) = col.to_mut().generated.as_mut() {
                    g.stored = true;
                }
            }
            if !col.nullable && !r.d.supports_not_null_generated() {
                let message = format!(
                    "MariaDB refuses NOT NULL on a generated column, so `{table_name}.{}` is declared without it",
                    col.name
                );
                r.warn(
                    codes::GENERATED_NOT_NULL,
                    message,
                    r.column(&col.id),
                    &suffix("nullable"),
                );
                col.to_mut().nullable = true;
            }
        }
    }
}
