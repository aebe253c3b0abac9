//! One statement at a time: classify, parse what describes the schema, apply it.

use super::build::{Builder, QName, nextval_sequence};
use super::kind::{kind_of, leading};
use super::split::{Body, RawStatement};
use super::table::{
    column_def, data_type, default_value, empty_table, expr_text, index_parts, method,
    table_constraint,
};
use super::{Outcome, domain, partition, tokens};
use schemata_model::{Identity, Index, Table};
use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, CommentObject, CreateIndex, CreateTable,
    GeneratedAs, ObjectNamePart, Statement, UserDefinedTypeRepresentation,
};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, TokenWithSpan};

/// Kinds that are parsed; every other kind is recognised and left out of the design.
const PARSED: &[&str] = &[
    "CREATE TABLE",
    "ALTER TABLE ADD CONSTRAINT",
    "ALTER TABLE ADD COLUMN",
    "ALTER TABLE ADD INDEX",
    "ALTER TABLE ALTER COLUMN",
    "ALTER TABLE ATTACH PARTITION",
    "CREATE INDEX",
    "COMMENT ON",
    "CREATE TYPE",
    "CREATE DOMAIN",
    "ALTER DOMAIN",
    "CREATE SEQUENCE",
    "ALTER SEQUENCE",
    "CREATE SCHEMA",
    "CREATE EXTENSION",
];

/// Handle one statement: its kind and what came of it.
pub(crate) fn handle(b: &mut Builder, statement: RawStatement) -> (String, Outcome) {
    b.line = statement.line;
    match statement.body {
        Body::Client(text) => (
            "client-side line".into(),
            Outcome::Ignored(format!("`{}` is a client command, not SQL", short(&text))),
        ),
        Body::Unreadable { text, error } => {
            let kind = text
                .split_whitespace()
                .next()
                .map(|w| w.to_ascii_uppercase())
                .unwrap_or_default();
            (
                kind,
                Outcome::Skipped(format!("cannot be tokenized: {error}")),
            )
        }
        Body::Tokens(tokens) => {
            let kind = kind_of(&leading(&tokens, 16));
            let outcome = if PARSED.contains(&kind.as_str()) {
                parsed(b, &kind, tokens)
            } else if kind.starts_with("CREATE") && kind.ends_with("VIEW") {
                if let Some(q) = tokens::name_after(b.dialect, &tokens, "VIEW") {
                    b.views.insert(q);
                }
                Outcome::Ignored(ignored_reason(&kind))
            } else if kind == "ALTER INDEX" && tokens::attaches_partition(&tokens) {
                Outcome::Ignored(
                    "an index of a partition, implied by its partitioned table's index".into(),
                )
            } else {
                Outcome::Ignored(ignored_reason(&kind))
            };
            (kind, outcome)
        }
    }
}

fn short(text: &str) -> String {
    let one_line = text.lines().next().unwrap_or("");
    if one_line.chars().count() > 60 {
        let cut: String = one_line.chars().take(57).collect();
        format!("{cut}...")
    } else {
        one_line.to_string()
    }
}

fn ignored_reason(kind: &str) -> String {
    let what = match kind {
        "SET" | "SELECT" | "USE" | "BEGIN" | "COMMIT" | "START" | "PRAGMA" => {
            "a session or transaction command"
        }
        "INSERT" | "COPY" | "UPDATE" | "DELETE" => "data, not schema",
        "ALTER TABLE OWNER TO" | "GRANT" | "REVOKE" | "ALTER DEFAULT" => "ownership and privileges",
        k if k.starts_with("DROP") => "a DROP in a creation script",
        k if k.starts_with("CREATE") || k.starts_with("ALTER") || k.starts_with("COMMENT") => {
            "not part of the design model"
        }
        _ => "not a statement Schemata reads",
    };
    what.to_string()
}

/// Parse a statement of a kind the importer uses, reading on the tokens the forms sqlparser
/// rejects: sequences (only their names and owners matter), `CREATE INDEX ... ON ONLY`,
/// `ALTER TABLE ... ATTACH PARTITION`, and `CREATE TABLE` with PostgreSQL 18's virtual columns
/// or MySQL's `BINARY` attribute.
fn parsed(b: &mut Builder, kind: &str, tokens: Vec<TokenWithSpan>) -> Outcome {
    let dialect = b.dialect;
    match kind {
        "CREATE SEQUENCE" => {
            return match tokens::created_sequence(dialect, &tokens) {
                Some(q) => sequence(b, q),
                None => Outcome::Skipped("no sequence name".into()),
            };
        }
        "ALTER SEQUENCE" => {
            return match tokens::sequence_owner(dialect, &tokens) {
                Some((seq, table, column)) => {
                    b.owned.insert(seq, (table, column));
                    Outcome::Ignored(
                        "sequence ownership: its column becomes an identity column".into(),
                    )
                }
                None => Outcome::Ignored("a sequence setting, not part of the design".into()),
            };
        }
        "ALTER DOMAIN" => return domain::alter(b, tokens),
        "ALTER TABLE ATTACH PARTITION" => {
            return match tokens::attach_partition(dialect, &tokens) {
                Some((parent, child, bound)) => partition::attach(b, parent, child, bound),
                None => Outcome::Skipped("not read as ATTACH PARTITION ... FOR VALUES".into()),
            };
        }
        _ => {}
    }
    let mut not_null = false;
    let (tokens, made_virtual) = match kind {
        "CREATE INDEX" => (tokens::without_on_only(&tokens).unwrap_or(tokens), false),
        "CREATE DOMAIN" => match domain::without_null_constraints(&tokens) {
            Some((stripped, nn)) => {
                not_null = nn;
                (stripped, false)
            }
            None => (tokens, false),
        },
        "CREATE TABLE" => match tokens::rewritten_create_table(&tokens) {
            Some(rewritten) => rewritten,
            None => (tokens, false),
        },
        _ => (tokens, false),
    };
    match parse(b, tokens) {
        Ok(statement) => {
            let outcome = apply(b, statement, not_null);
            if made_virtual
                && matches!(outcome, Outcome::Imported)
                && let Some(t) = b.design.tables.last_mut()
            {
                for c in &mut t.columns {
                    if let Some(g) = &mut c.generated {
                        g.stored = false;
                    }
                }
            }
            outcome
        }
        Err(error) => Outcome::Skipped(error),
    }
}

fn parse(b: &Builder, tokens: Vec<TokenWithSpan>) -> Result<Statement, String> {
    let mut parser = Parser::new(b.dialect.parser_dialect()).with_tokens_with_locations(tokens);
    let statement = parser.parse_statement().map_err(|e| e.to_string())?;
    let next = parser.peek_token();
    if next.token != Token::EOF {
        return Err(format!("unexpected `{}` after the statement", next.token));
    }
    Ok(statement)
}

fn sequence(b: &mut Builder, q: QName) -> Outcome {
    b.sequences.insert(q);
    Outcome::Ignored(
        "a sequence: columns whose default draws from it become identity columns".into(),
    )
}

/// Apply a parsed statement; `not_null` is the NOT NULL taken out of a `CREATE DOMAIN`.
fn apply(b: &mut Builder, statement: Statement, not_null: bool) -> Outcome {
    match statement {
        Statement::CreateTable(ct) => create_table(b, &ct),
        Statement::AlterTable(at) => {
            let q = b.qname(&at.name);
            let Some(ti) = b.table_index(&q) else {
                return Outcome::Skipped(format!("table `{}` is not created in this file", q.1));
            };
            let mut table = std::mem::replace(&mut b.design.tables[ti], empty_table(&q));
            let mut used = false;
            for op in &at.operations {
                used |= alter_op(b, ti, &mut table, op);
            }
            b.design.tables[ti] = table;
            if used {
                Outcome::Imported
            } else {
                let reason = match b.dropped.last() {
                    Some(d) if d.line == b.line => format!("{}: {}", d.kind, d.reason),
                    _ => "no part of this ALTER TABLE is part of the design".into(),
                };
                Outcome::Ignored(reason)
            }
        }
        Statement::CreateIndex(ci) => create_index(b, &ci),
        Statement::Comment {
            object_type,
            object_name,
            comment,
            ..
        } => {
            let parts: Vec<String> = object_name
                .0
                .iter()
                .map(|p| match p {
                    ObjectNamePart::Identifier(i) => b.ident(i),
                    other => other.to_string(),
                })
                .collect();
            comment_on(b, object_type, &parts, comment)
        }
        Statement::CreateType {
            name,
            representation: Some(UserDefinedTypeRepresentation::Enum { labels }),
        } => {
            let q = b.qname(&name);
            b.add_enum(q, labels.iter().map(|l| l.value.clone()).collect());
            Outcome::Imported
        }
        Statement::CreateType { .. } => {
            Outcome::Skipped("composite, range and base types are not part of the design".into())
        }
        Statement::CreateDomain(d) => domain::create(b, &d, not_null),
        Statement::CreateSequence { name, .. } => {
            let q = b.qname(&name);
            sequence(b, q)
        }
        Statement::CreateSchema { .. } => {
            Outcome::Ignored("schemas are taken from the qualified table names".into())
        }
        Statement::CreateExtension(ext) => {
            let name = b.ident(&ext.name);
            if !b.extensions.contains(&name) {
                b.extensions.push(name);
            }
            Outcome::Ignored("extensions are not part of the design; listed in the report".into())
        }
        other => Outcome::Skipped(format!(
            "read as `{}`, which is not part of the design",
            short(&other.to_string())
        )),
    }
}

fn create_table(b: &mut Builder, ct: &CreateTable) -> Outcome {
    let q = b.qname(&ct.name);
    if ct.query.is_some() || ct.like.is_some() || ct.clone.is_some() {
        return Outcome::Skipped(
            "CREATE TABLE ... AS / LIKE / CLONE has no column list to import".into(),
        );
    }
    if let Some(parent) = &ct.partition_of {
        return partition::create_partition(b, ct, parent);
    }
    let mut table = empty_table(&q);
    for def in &ct.columns {
        let col = column_def(b, def, &mut table);
        table.columns.push(col);
    }
    for c in &ct.constraints {
        table_constraint(b, c, &mut table);
    }
    if let Some(expr) = &ct.partition_by {
        table.partition_by = partition::partition_by(b, expr, &q.1);
    }
    if ct.inherits.is_some() {
        b.drop_part(
            "INHERITS",
            format!("inheritance of `{}` is not part of the design", q.1),
        );
    }
    let name = q.1.clone();
    match b.add_table(q, table) {
        Some(ti) => {
            track_nextval(b, ti);
            Outcome::Imported
        }
        None => Outcome::Skipped(format!(
            "table `{name}` is created twice; the first one is kept"
        )),
    }
}

/// Record the columns of table `ti` whose default draws from a sequence.
fn track_nextval(b: &mut Builder, ti: usize) {
    let mut found = Vec::new();
    for (ci, col) in b.design.tables[ti].columns.iter().enumerate() {
        if let Some(seq) = col.default.as_ref().and_then(nextval_sequence) {
            let parts: Vec<String> = seq
                .split('.')
                .map(|p| {
                    if p.starts_with('"') {
                        p.trim_matches('"').to_string()
                    } else {
                        p.to_lowercase()
                    }
                })
                .collect();
            if let Some(q) = tokens::qname_of(b.dialect, &parts) {
                found.push((ti, ci, q));
            }
        }
    }
    b.nextval.extend(found);
}

fn alter_op(b: &mut Builder, ti: usize, table: &mut Table, op: &AlterTableOperation) -> bool {
    match op {
        AlterTableOperation::AddConstraint { constraint, .. } => {
            table_constraint(b, constraint, table)
        }
        AlterTableOperation::AddColumn {
            column_def: def, ..
        } => {
            let col = column_def(b, def, table);
            table.columns.push(col);
            true
        }
        AlterTableOperation::AlterColumn { column_name, op } => {
            let name = b.ident(column_name);
            let Some(ci) = table.columns.iter().position(|c| c.id == name) else {
                b.drop_part("ALTER COLUMN", format!("column `{name}` does not exist"));
                return false;
            };
            let col = &mut table.columns[ci];
            match op {
                AlterColumnOperation::SetNotNull => col.nullable = false,
                AlterColumnOperation::DropNotNull => col.nullable = true,
                AlterColumnOperation::SetDefault { value } => {
                    col.default = default_value(value, &col.data_type);
                    if let Some(seq) = col.default.as_ref().and_then(nextval_sequence) {
                        let parts: Vec<String> = seq
                            .split('.')
                            .map(|p| {
                                if p.starts_with('"') {
                                    p.trim_matches('"').to_string()
                                } else {
                                    p.to_lowercase()
                                }
                            })
                            .collect();
                        if let Some(q) = tokens::qname_of(b.dialect, &parts) {
                            b.nextval.push((ti, ci, q));
                        }
                    }
                }
                AlterColumnOperation::DropDefault => col.default = None,
                AlterColumnOperation::AddGenerated { generated_as, .. } => {
                    col.identity = Some(match generated_as {
                        Some(GeneratedAs::Always) => Identity::Always,
                        _ => Identity::ByDefault,
                    });
                }
                AlterColumnOperation::SetDataType { data_type: dt, .. } => {
                    let (t, identity) = data_type(b, dt);
                    let col = &mut table.columns[ci];
                    col.data_type = t;
                    if identity.is_some() {
                        col.identity = identity;
                    }
                }
            }
            true
        }
        AlterTableOperation::OwnerTo { .. } => false,
        other => {
            b.drop_part(
                "ALTER TABLE operation",
                format!("`{}` is not part of the design", short(&other.to_string())),
            );
            false
        }
    }
}

fn create_index(b: &mut Builder, ci: &CreateIndex) -> Outcome {
    let q = b.qname(&ci.table_name);
    if b.views.contains(&q) {
        return Outcome::Ignored(format!(
            "an index on view `{}`, which is not part of the design",
            q.1
        ));
    }
    let Some(ti) = b.table_index(&q) else {
        return Outcome::Skipped(format!("table `{}` is not created in this file", q.1));
    };
    let name = ci.name.as_ref().map(|n| b.qname(n).1);
    let method = method(b, &ci.using);
    let table = &b.design.tables[ti];
    let parts = index_parts(b, &ci.columns, table);
    let include = ci.include.iter().map(|i| b.ident(i)).collect();
    let index = Index {
        id: String::new(),
        name,
        parts,
        unique: ci.unique,
        method,
        include,
        predicate: ci.predicate.as_ref().map(expr_text),
    };
    if ci.nulls_distinct == Some(false) {
        b.drop_part(
            "NULLS NOT DISTINCT",
            "an index's NULLS NOT DISTINCT is not part of the design",
        );
    }
    b.design.tables[ti].indexes.push(index);
    Outcome::Imported
}

fn comment_on(
    b: &mut Builder,
    object: CommentObject,
    parts: &[String],
    comment: Option<String>,
) -> Outcome {
    let dialect = b.dialect;
    match object {
        CommentObject::Table => {
            let Some(q) = tokens::qname_of(dialect, parts) else {
                return Outcome::Skipped("no table name".into());
            };
            match b.table_index(&q) {
                Some(ti) => {
                    b.design.tables[ti].comment = comment;
                    Outcome::Imported
                }
                None => Outcome::Skipped(format!("table `{}` is not created in this file", q.1)),
            }
        }
        CommentObject::Column if parts.len() >= 2 => {
            let column = &parts[parts.len() - 1];
            let Some(q) = tokens::qname_of(dialect, &parts[..parts.len() - 1]) else {
                return Outcome::Skipped("no table name".into());
            };
            let Some(ti) = b.table_index(&q) else {
                return Outcome::Skipped(format!("table `{}` is not created in this file", q.1));
            };
            match b.design.tables[ti]
                .columns
                .iter_mut()
                .find(|c| &c.id == column)
            {
                Some(c) => {
                    c.comment = comment;
                    Outcome::Imported
                }
                None => Outcome::Skipped(format!("column `{}.{column}` does not exist", q.1)),
            }
        }
        CommentObject::Type => {
            let Some(q) = tokens::qname_of(dialect, parts) else {
                return Outcome::Skipped("no type name".into());
            };
            match b
                .design
                .enums
                .iter_mut()
                .find(|e| e.name == q.1 && e.schema == q.0)
            {
                Some(e) => {
                    e.comment = comment;
                    Outcome::Imported
                }
                None => {
                    Outcome::Ignored("a comment on a type that is not an enum of the design".into())
                }
            }
        }
        CommentObject::Domain => {
            let Some(q) = tokens::qname_of(dialect, parts) else {
                return Outcome::Skipped("no domain name".into());
            };
            match b.domain_index(&q) {
                Some(di) => {
                    b.design.domains[di].comment = comment;
                    Outcome::Imported
                }
                None => Outcome::Skipped(format!("domain `{}` is not created in this file", q.1)),
            }
        }
        other => Outcome::Ignored(format!("a comment on a {other:?}, not part of the design")),
    }
}
