//! Many-to-many relationships become junction tables (see the [module documentation](super)).

use std::borrow::Cow;

use schemata_model::{
    Cardinality, Column, Diagnostic, FkAction, ForeignKey, Index, IndexPart, NamingConvention,
    PrimaryKey, Relationship, Severity, Table, Target,
};

use super::view::PTable;
use super::{Origin, Physical, warn};
use crate::ddl::codes;
use crate::naming::{self, TemplateVars};

/// Replace each many-to-many relationship by a junction table and two one-to-many
/// relationships from it.
pub(super) fn expand_many_to_many(p: &mut Physical<'_>, max_len: usize) {
    let rels = &p.source.relationships;
    let mut kept: Vec<Cow<'_, Relationship>> = Vec::with_capacity(rels.len());
    for (k, rel) in rels.iter().enumerate() {
        if rel.cardinality != Cardinality::ManyToMany {
            kept.push(Cow::Borrowed(rel));
            continue;
        }
        let path = format!("/relationships/{k}");
        let conv = &p.source.settings.naming;
        match junction_table(&p.tables, conv, rel, max_len) {
            Ok(Junction::New(table)) => {
                for (i, (fk, side)) in table
                    .foreign_keys
                    .iter()
                    .zip([&rel.from, &rel.to])
                    .enumerate()
                {
                    kept.push(Cow::Owned(Relationship {
                        id: format!("{}_{}", rel.id, if i == 0 { "from" } else { "to" }),
                        name: if i == 0 { rel.name.clone() } else { None },
                        cardinality: Cardinality::OneToMany,
                        from: table.id.clone(),
                        to: side.clone(),
                        foreign_key: Some(fk.id.clone()),
                        mandatory: true,
                        junction: None,
                    }));
                }
                p.tables.push(PTable::owned(*table));
                p.origins.push(Origin::Relationship(k));
            }
            Ok(Junction::Existing(existing)) => {
                p.diagnostics.push(
                    Diagnostic::new(
                        codes::JUNCTION,
                        Severity::Info,
                        format!(
                            "relationship `{}` is many-to-many and the design already has a table `{existing}` where its junction table would go; that table is taken as the junction",
                            rel.id
                        ),
                    )
                    .with_target(Target::Relationship {
                        relationship: rel.id.clone(),
                    })
                    .with_path(path),
                );
                // Name the junction, so that the physical design keeps pointing at it.
                let mut rel = rel.clone();
                rel.junction = Some(existing);
                kept.push(Cow::Owned(rel));
            }
            Err(message) => {
                p.diagnostics.push(
                    warn(codes::JUNCTION, message)
                        .with_target(Target::Relationship {
                            relationship: rel.id.clone(),
                        })
                        .with_path(path),
                );
                kept.push(Cow::Borrowed(rel));
            }
        }
    }
    p.relationships = kept;
}

/// What a many-to-many relationship becomes.
enum Junction {
    /// A new junction table.
    New(Box<Table>),
    /// A table of the design that already has the junction's name.
    Existing(String),
}

/// The junction table of a many-to-many relationship, or the name of the table of the design
/// that already has its name (a junction modelled by hand, or the junction of another
/// relationship between the same tables).
fn junction_table(
    tables: &[PTable<'_>],
    conv: &NamingConvention,
    rel: &Relationship,
    max_len: usize,
) -> Result<Junction, String> {
    let side = |id: &str| {
        tables.iter().find(|t| t.id == id).ok_or_else(|| {
            format!(
                "relationship `{}` refers to table `{id}`, which does not exist; no junction table was created",
                rel.id
            )
        })
    };
    let (from, to) = (side(&rel.from)?, side(&rel.to)?);
    let name = rel.junction.clone().unwrap_or_else(|| {
        naming::expand(
            &conv.junction_table,
            &TemplateVars {
                from: &from.name,
                to: &to.name,
                ..Default::default()
            },
        )
    });
    // Names are fitted to the dialect later; a physical design already has fitted names.
    let fitted = naming::fit_identifier(&name, max_len);
    if let Some(existing) = tables
        .iter()
        .find(|t| (t.name == name || t.name == fitted) && t.schema == from.schema)
    {
        return Ok(Junction::Existing(naming::fit_identifier(
            &existing.name,
            max_len,
        )));
    }
    let mut columns: Vec<Column> = Vec::new();
    let mut sides: Vec<(Vec<String>, &PTable<'_>)> = Vec::new();
    for table in [from, to] {
        let pk = table.primary_key_columns();
        if pk.is_empty() {
            return Err(format!(
                "table `{}` has no primary key, so the junction table `{name}` of relationship `{}` cannot reference it",
                table.name, rel.id
            ));
        }
        let mut ids = Vec::new();
        for col_id in pk {
            let Some(col) = table.column(col_id) else {
                return Err(format!(
                    "the primary key of `{}` names a missing column `{col_id}`; no junction table was created",
                    table.name
                ));
            };
            let mut col_name = if pk.len() == 1 {
                naming::foreign_key_column(conv, &table.name)
            } else {
                format!("{}_{}", naming::singular(&table.name), col.name)
            };
            while columns.iter().any(|c| c.name == col_name) {
                col_name = format!("related_{col_name}");
            }
            ids.push(col_name.clone());
            columns.push(Column {
                id: col_name.clone(),
                name: col_name,
                data_type: col.data_type.clone(),
                nullable: false,
                default: None,
                identity: None,
                generated: None,
                comment: None,
                distinct: None,
                skew: None,
            });
        }
        sides.push((ids, table));
    }
    let mut id = name.clone();
    let mut n = 2;
    while tables.iter().any(|t| t.id == id) {
        id = format!("{name}_{n}");
        n += 1;
    }
    let foreign_keys = sides
        .iter()
        .enumerate()
        .map(|(i, (cols, table))| ForeignKey {
            id: format!("fk{}", i + 1),
            name: None,
            columns: cols.clone(),
            references: table.id.to_string(),
            referenced_columns: table.primary_key_columns().to_vec(),
            on_delete: FkAction::Cascade,
            on_update: FkAction::NoAction,
            deferrable: Default::default(),
        })
        .collect();
    Ok(Junction::New(Box::new(Table {
        id,
        name,
        schema: from.schema.as_deref().map(str::to_string),
        comment: None,
        primary_key: Some(PrimaryKey {
            name: None,
            columns: columns.iter().map(|c| c.id.clone()).collect(),
        }),
        columns,
        uniques: Vec::new(),
        checks: Vec::new(),
        foreign_keys,
        indexes: vec![Index {
            id: "ix1".into(),
            name: None,
            parts: sides[1].0.iter().map(IndexPart::column).collect(),
            unique: false,
            method: Default::default(),
            include: Vec::new(),
            predicate: None,
        }],
        functional_dependencies: Vec::new(),
        partition_by: None,
        partition_of: None,
        scale: None,
    })))
}
