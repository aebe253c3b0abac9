//! Naming-convention checks (`N0xx` diagnostics) and the fix mode that renames to the convention.
//!
//! The rules follow `design.settings.naming`:
//!
//! | Code | Rule |
//! | --- | --- |
//! | N001 | Table names are plural (or singular) snake_case, per `tables`. Explicit junction table names of many-to-many relationships too. |
//! | N002 | Column names are snake_case, per `columns`. |
//! | N003 | A single-column surrogate primary key (identity, uuid, or a whole number named like an id) is named `primary_key_column` (`id`). |
//! | N004 | The only column of a single-column foreign key to a single-column primary key follows `foreign_key_column`: with `{referenced_singular}_id` the ideal name for a reference to `users` is `user_id`; a role name with the same suffix (`author_id`, `manager_id`) is fine; a name without the `_id` suffix is not. |
//! | N005–N009 | Explicit names of primary keys, foreign keys, unique constraints, indexes and checks match their template (`pk_{table}`, `fk_{table}_{referenced}`, `uq_{table}_{columns}`, `ix_{table}_{columns}`, `ck_{table}_{what}`). `{what}` matches any text, and so does `{columns}` for expression indexes and checks. A `_suffix` after the expanded template is allowed (it tells apart two foreign keys to the same table), and so is the template shortened to the identifier limit. A unique index may use either the index or the unique template. |
//! | N010 | Warning: a table, column, enum, constraint or index name is a reserved word in a target dialect and will need quoting. |
//! | N011 | Warning: an identifier has non-ASCII or upper-case letters (only reported when no other N0xx rule already covers that name). |
//!
//! All are warnings: they never make `check` fail on their own.

mod fix;
mod rewrite;
mod rules;

use std::collections::HashMap;

use schemata_model::{Design, Diagnostic, DialectName, NamingConvention, Target};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::naming::reserved_in;
use rules::{
    ColumnRule, Verdict, column_role, column_verdict, name_fits, named_things, suggested_name,
    table_verdict,
};

pub use fix::fix_conventions;

/// What a [`Rename`] renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RenameKind {
    /// A table name.
    Table,
    /// A column name.
    Column,
    /// The junction table name of a many-to-many relationship.
    Junction,
    /// An explicit primary-key, foreign-key, unique or check constraint name.
    Constraint,
    /// An explicit index name.
    Index,
}

/// One change made (or refused) by [`fix_conventions`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rename {
    /// What was renamed.
    pub kind: RenameKind,
    /// JSON pointer of the name in the design file, e.g. `/tables/2/columns/0/name`.
    pub path: String,
    /// The name before the fix.
    pub from: String,
    /// The new name. `None` when an explicit constraint or index name that broke its template was
    /// removed: DDL generation then derives the name from the convention.
    pub to: Option<String>,
    /// Set when the rename was not made, saying why (the new name is already taken). The design
    /// keeps `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub skipped: Option<String>,
}

/// Check `design` against its naming convention (`design.settings.naming`). Diagnostics come in
/// design order, each with a JSON pointer `path` and a target.
pub fn check_conventions(design: &Design) -> Vec<Diagnostic> {
    let conv = &design.settings.naming;
    let dialects = &design.settings.dialects;
    let max_len = strictest_limit(dialects);
    let mut out = Vec::new();
    let name_of = |id: &str| design.table(id).map(|t| t.name.clone());

    for (e, en) in design.enums.iter().enumerate() {
        let ident = Ident::new(&en.name, format!("/enums/{e}/name"), Target::Design, "enum");
        ident.finish(dialects, &mut out);
    }

    for (i, table) in design.tables.iter().enumerate() {
        let table_target = Target::Table {
            table: table.id.clone(),
        };
        let mut ident = Ident::new(
            &table.name,
            format!("/tables/{i}/name"),
            table_target,
            "table",
        );
        table_name_rule(conv, &mut ident);
        ident.finish(dialects, &mut out);

        let mut wanted_columns: HashMap<&str, String> = HashMap::new();
        for (j, column) in table.columns.iter().enumerate() {
            let target = Target::Column {
                table: table.id.clone(),
                column: column.id.clone(),
            };
            let path = format!("/tables/{i}/columns/{j}/name");
            let mut ident = Ident::new(&column.name, path, target, "column");
            let role = column_role(design, table, &column.id, &name_of);
            let (verdict, rule) = column_verdict(conv, &table.name, &column.name, &role);
            if let Verdict::Rename(w) = &verdict {
                wanted_columns.insert(&column.id, w.clone());
            }
            ident.apply(rule.code(), &verdict, |wanted| {
                column_message(&column.name, rule, wanted, conv)
            });
            ident.finish(dialects, &mut out);
        }

        for thing in named_things(design, table) {
            let target = match thing.kind {
                rules::NameKind::Index => Target::Index {
                    table: table.id.clone(),
                    index: thing.id.to_string(),
                },
                _ => Target::Constraint {
                    table: table.id.clone(),
                    constraint: thing.id.to_string(),
                },
            };
            let path = format!("/tables/{i}{}", thing.pointer);
            let mut ident = Ident::new(thing.name, path, target, thing.kind.noun());
            if !name_fits(conv, &table.name, &thing, max_len) {
                let column_name = |id: &str| {
                    wanted_columns
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| table.column_name(id).to_string())
                };
                let wanted = suggested_name(
                    conv,
                    &wanted_table_name(conv, &table.name),
                    &thing,
                    &column_name,
                    &|id| match design.table(id) {
                        Some(t) => wanted_table_name(conv, &t.name),
                        None => id.to_string(),
                    },
                );
                let template = thing.kind.template(conv);
                let mut d = Diagnostic::warning(
                    thing.kind.code(),
                    format!(
                        "{} name `{}` does not follow the template `{template}`",
                        thing.kind.noun(),
                        thing.name
                    ),
                );
                d = d.with_help(match wanted {
                    Some(w) => format!(
                        "rename it to `{w}`, or remove the name to have it derived from the convention"
                    ),
                    None => "rename it to follow the template, or remove the name to have it \
                             derived from the convention"
                        .to_string(),
                });
                ident.push(d);
            }
            ident.finish(dialects, &mut out);
        }
    }

    for (r, rel) in design.relationships.iter().enumerate() {
        if let Some(junction) = &rel.junction {
            let target = Target::Relationship {
                relationship: rel.id.clone(),
            };
            let path = format!("/relationships/{r}/junction");
            let mut ident = Ident::new(junction, path, target, "junction table");
            table_name_rule(conv, &mut ident);
            ident.finish(dialects, &mut out);
        }
    }
    out
}

/// The table name the convention wants: the fixed name, or the name itself when it follows the
/// convention or cannot be fixed.
fn wanted_table_name(conv: &NamingConvention, name: &str) -> String {
    match table_verdict(conv, name) {
        Verdict::Rename(w) => w,
        Verdict::Ok | Verdict::Unfixable(_) => name.to_string(),
    }
}

/// The shortest identifier limit among the target dialects.
pub(crate) fn strictest_limit(dialects: &[DialectName]) -> usize {
    dialects
        .iter()
        .map(|d| d.max_identifier_len())
        .min()
        .unwrap_or(DialectName::Postgres.max_identifier_len())
}

fn table_name_rule(conv: &NamingConvention, ident: &mut Ident<'_>) {
    let verdict = table_verdict(conv, ident.name);
    let shape = match conv.tables {
        schemata_model::TableNaming::PluralSnakeCase => "plural snake_case",
        schemata_model::TableNaming::SingularSnakeCase => "singular snake_case",
        schemata_model::TableNaming::Any => "",
    };
    let (noun, name) = (ident.noun, ident.name);
    ident.apply("N001", &verdict, |wanted| match wanted {
        Some(w) => (
            format!("{noun} name `{name}` is not {shape}"),
            format!("rename it to `{w}`"),
        ),
        None => (
            format!("{noun} name `{name}` is not {shape}"),
            format!("choose a {shape} name"),
        ),
    });
}

fn column_message(
    name: &str,
    rule: ColumnRule,
    wanted: Option<&str>,
    conv: &NamingConvention,
) -> (String, String) {
    let message = match rule {
        ColumnRule::Case => format!("column name `{name}` is not snake_case"),
        ColumnRule::PrimaryKey => format!(
            "surrogate primary-key column `{name}` is not named `{}`",
            conv.primary_key_column
        ),
        ColumnRule::ForeignKey => format!(
            "foreign-key column `{name}` does not follow the template `{}`",
            conv.foreign_key_column
        ),
    };
    let help = match wanted {
        Some(w) => format!("rename it to `{w}`"),
        None => "choose a name that follows the convention".to_string(),
    };
    (message, help)
}

/// One identifier under check: collects its convention diagnostics, then adds the reserved-word
/// and character warnings.
struct Ident<'a> {
    name: &'a str,
    path: String,
    target: Target,
    noun: &'a str,
    found: Vec<Diagnostic>,
}

impl<'a> Ident<'a> {
    fn new(name: &'a str, path: String, target: Target, noun: &'a str) -> Self {
        Ident {
            name,
            path,
            target,
            noun,
            found: Vec::new(),
        }
    }

    /// Report `code` when `verdict` is not `Ok`; `text` gives message and help from the wanted
    /// name, if there is one.
    fn apply(
        &mut self,
        code: &str,
        verdict: &Verdict,
        text: impl FnOnce(Option<&str>) -> (String, String),
    ) {
        let (message, help) = match verdict {
            Verdict::Ok => return,
            Verdict::Rename(w) => text(Some(w)),
            Verdict::Unfixable(why) => (text(None).0, format!("{why}; choose a name by hand")),
        };
        self.push(Diagnostic::warning(code, message).with_help(help));
    }

    fn push(&mut self, d: Diagnostic) {
        self.found.push(d);
    }

    fn finish(mut self, dialects: &[DialectName], out: &mut Vec<Diagnostic>) {
        let covered = !self.found.is_empty();
        let reserved = reserved_in(self.name, dialects);
        if !reserved.is_empty() {
            let list: Vec<&str> = reserved.iter().map(|d| d.as_str()).collect();
            self.found.push(
                Diagnostic::warning(
                    "N010",
                    format!(
                        "{} name `{}` is a reserved word in {}",
                        self.noun,
                        self.name,
                        list.join(", ")
                    ),
                )
                .with_help("it must be quoted in every statement; consider another name"),
            );
        }
        if !covered {
            let non_ascii = !self.name.is_ascii();
            let upper = self.name.chars().any(|c| c.is_uppercase());
            if non_ascii || upper {
                let what = match (non_ascii, upper) {
                    (true, true) => "non-ASCII and upper-case letters",
                    (true, false) => "non-ASCII characters",
                    _ => "upper-case letters",
                };
                self.found.push(
                    Diagnostic::warning(
                        "N011",
                        format!("{} name `{}` has {what}", self.noun, self.name),
                    )
                    .with_help(
                        "such names must be quoted and fold differently across dialects; \
                         prefer lower-case ASCII",
                    ),
                );
            }
        }
        for d in self.found {
            out.push(
                d.with_target(self.target.clone())
                    .with_path(self.path.clone()),
            );
        }
    }
}
