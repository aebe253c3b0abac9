//! Every generated statement parses with sqlparser 0.63, using the parser dialect of its target
//! (PostgreSqlDialect, MySqlDialect, SQLiteDialect), as the kind of statement it claims to be;
//! CREATE TABLE statements parse back to the physical design's columns, in order.
//!
//! No construct the generator emits is currently outside what sqlparser 0.63 parses in these
//! three dialects, so there are no exceptions here.

mod ddl_support;

use schemata_model::{Design, DialectName};
use schemata_sql::ddl::{Ddl, StatementKind, generate, generate_down};
use schemata_sql::physical::physical_design;
use sqlparser::ast::Statement as Ast;
use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

fn parser_dialect(d: DialectName) -> Box<dyn Dialect> {
    match d {
        DialectName::Postgres => Box::new(PostgreSqlDialect {}),
        DialectName::Mysql => Box::new(MySqlDialect {}),
        DialectName::Sqlite => Box::new(SQLiteDialect {}),
    }
}

fn kind_matches(kind: StatementKind, ast: &Ast) -> bool {
    matches!(
        (kind, ast),
        (StatementKind::CreateSchema, Ast::CreateSchema { .. })
            | (StatementKind::CreateType, Ast::CreateType { .. })
            | (StatementKind::CreateTable, Ast::CreateTable(_))
            | (StatementKind::Comment, Ast::Comment { .. })
            | (StatementKind::CreateIndex, Ast::CreateIndex(_))
            | (StatementKind::AddForeignKey, Ast::AlterTable(_))
            | (StatementKind::DropForeignKey, Ast::AlterTable(_))
            | (StatementKind::DropTable, Ast::Drop { .. })
            | (StatementKind::DropType, Ast::Drop { .. })
            | (StatementKind::Pragma, Ast::Pragma { .. })
    )
}

/// Problems with the statements of `ddl`: parse errors, wrong statement kinds, column lists that
/// differ from the physical design.
fn problems(design: &Design, ddl: &Ddl) -> Vec<String> {
    let dialect = parser_dialect(ddl.dialect);
    let (physical, _) = physical_design(design, ddl.dialect);
    let mut out = Vec::new();
    for s in ddl.executable() {
        let parsed = match Parser::parse_sql(dialect.as_ref(), &s.sql) {
            Ok(p) => p,
            Err(e) => {
                out.push(format!("{e}\n{}", s.sql));
                continue;
            }
        };
        let [ast] = parsed.as_slice() else {
            out.push(format!("{} statements from one:\n{}", parsed.len(), s.sql));
            continue;
        };
        if !kind_matches(s.kind, ast) {
            out.push(format!("not a {:?}:\n{}", s.kind, s.sql));
        }
        if let Ast::CreateTable(ct) = ast {
            let table = s.table.as_deref().and_then(|id| physical.table(id));
            let expected: Vec<&str> = table
                .map(|t| t.columns.iter().map(|c| c.name.as_str()).collect())
                .unwrap_or_default();
            let got: Vec<&str> = ct.columns.iter().map(|c| c.name.value.as_str()).collect();
            if got != expected {
                out.push(format!(
                    "columns {got:?}, expected {expected:?}:\n{}",
                    s.sql
                ));
            }
        }
    }
    out
}

#[test]
fn every_statement_parses_as_what_it_claims() {
    let mut all = Vec::new();
    for (name, design) in ddl_support::all_designs() {
        for dialect in DialectName::ALL {
            for ddl in [generate(&design, dialect), generate_down(&design, dialect)] {
                assert!(
                    ddl.executable().count() > 0,
                    "{name} {dialect}: no statements"
                );
                for p in problems(&design, &ddl) {
                    all.push(format!("[{name} {dialect}] {p}"));
                }
            }
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n\n"));
}

#[test]
fn the_check_notices_a_broken_statement() {
    let design = ddl_support::features();
    let mut ddl = generate(&design, DialectName::Postgres);
    let table = ddl
        .statements
        .iter_mut()
        .find(|s| s.kind == StatementKind::CreateTable)
        .expect("a CREATE TABLE");
    table.sql = table.sql.replacen("CREATE TABLE", "CREATE TABEL", 1);
    assert_eq!(problems(&design, &ddl).len(), 1);
}
