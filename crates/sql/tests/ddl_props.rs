//! Properties of the generated DDL: it applies to SQLite and the constraints it declares work
//! there, the drop script undoes it, generation is byte-for-byte deterministic, the physical
//! design is stable, and every statement parses in its dialect. Checked on the example designs,
//! the feature design and random designs.

mod ddl_support;

use proptest::prelude::*;
use schemata_model::{Deferrable, Design, DialectName, Identity};
use schemata_sql::ddl::{StatementKind, generate, generate_down};
use schemata_sql::dialect::dialect_for;
use schemata_sql::physical::physical_design;
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

use ddl_support::random::random_design;
use ddl_support::sqlite::{Row, apply, insert_sql};

/// The error of executing `sql`, or `None`.
fn run(conn: &rusqlite::Connection, sql: &str) -> Option<String> {
    conn.execute_batch(sql).err().map(|e| e.to_string())
}

/// One row in every table (foreign keys checked at commit), then a duplicate key, a dangling
/// foreign key and a NULL in a NOT NULL column must all be refused.
fn check_constraints_work(name: &str, design: &Design) {
    let (conn, physical) = apply(design).unwrap_or_else(|e| panic!("{name}: {e}"));
    let first = Row {
        variant: 1,
        dangling_fks: false,
        null_column: None,
    };
    run(&conn, "BEGIN; PRAGMA defer_foreign_keys = ON;");
    let mut inserted = Vec::new();
    for ti in 0..physical.tables.len() {
        let sql = insert_sql(&physical, design, ti, first);
        match run(&conn, &sql) {
            None => inserted.push(ti),
            // A CHECK that one synthetic row cannot meet (e.g. two columns that must differ
            // but reference the same row) is the constraint working.
            Some(e) => assert!(e.contains("CHECK constraint failed"), "{name}: {e}\n{sql}"),
        }
    }
    assert_eq!(run(&conn, "COMMIT"), None, "{name}: commit");
    assert!(
        inserted.len() * 2 >= physical.tables.len(),
        "{name}: only {inserted:?} accepted a row"
    );
    // The same row again breaks the primary key.
    let ti = inserted[0];
    let again = run(&conn, &insert_sql(&physical, design, ti, first)).unwrap_or_default();
    assert!(
        again.contains("UNIQUE constraint failed"),
        "{name}: {again}"
    );
    // A row pointing at nothing breaks a foreign key.
    let with_fk = inserted
        .iter()
        .copied()
        .find(|&ti| !physical.tables[ti].foreign_keys.is_empty());
    if let Some(ti) = with_fk {
        let row = Row {
            variant: 2,
            dangling_fks: true,
            null_column: None,
        };
        let err = run(&conn, &insert_sql(&physical, design, ti, row)).unwrap_or_default();
        assert!(
            err.contains("FOREIGN KEY constraint failed")
                || err.contains("CHECK constraint failed"),
            "{name}: {err}"
        );
    }
    // NOT NULL holds (outside the primary key, where SQLite's rowid would fill a NULL in).
    let t = &physical.tables[ti];
    let pk = t.primary_key_columns();
    if let Some(c) = t
        .columns
        .iter()
        .find(|c| !c.nullable && c.generated.is_none() && !pk.contains(&c.id))
    {
        let row = Row {
            variant: 3,
            dangling_fks: false,
            null_column: Some(&c.id),
        };
        let err = run(&conn, &insert_sql(&physical, design, ti, row)).unwrap_or_default();
        assert!(err.contains("NOT NULL constraint failed"), "{name}: {err}");
    }
}

#[test]
fn every_design_applies_to_sqlite_and_its_constraints_hold() {
    for (name, design) in ddl_support::all_designs() {
        check_constraints_work(&name, &design);
    }
}

/// The drop script removes every table the DDL created.
fn check_down_undoes(name: &str, design: &Design) {
    let (conn, _) = apply(design).unwrap_or_else(|e| panic!("{name}: {e}"));
    let down = generate_down(design, DialectName::Sqlite).to_sql();
    assert_eq!(run(&conn, &down), None, "{name}:\n{down}");
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    assert_eq!(left, 0, "{name}: tables left after the drop script");
}

#[test]
fn drop_scripts_undo_the_ddl_in_sqlite() {
    for (name, design) in ddl_support::all_designs() {
        check_down_undoes(&name, &design);
    }
}

/// Deterministic output, a stable physical design, and statements that parse.
fn check_stable_and_parsable(name: &str, design: &Design) {
    for dialect in DialectName::ALL {
        let a = generate(design, dialect);
        let b = generate(design, dialect);
        assert_eq!(
            a.to_sql(),
            b.to_sql(),
            "{name} {dialect}: not deterministic"
        );
        assert_eq!(a.diagnostics, b.diagnostics, "{name} {dialect}");
        let (once, _) = physical_design(design, dialect);
        let (twice, _) = physical_design(&once, dialect);
        assert_eq!(once, twice, "{name} {dialect}: physical design not stable");
        let parser: Box<dyn sqlparser::dialect::Dialect> = match dialect {
            DialectName::Postgres => Box::new(PostgreSqlDialect {}),
            DialectName::Mysql => Box::new(MySqlDialect {}),
            DialectName::Sqlite => Box::new(SQLiteDialect {}),
        };
        for s in a
            .executable()
            .chain(generate_down(design, dialect).executable())
        {
            if let Err(e) = Parser::parse_sql(parser.as_ref(), &s.sql) {
                panic!("{name} {dialect}: {e}\n{}", s.sql);
            }
        }
    }
}

/// The physical design holds only what the dialect can express, and the DDL creates exactly
/// its tables, indexes and foreign keys.
fn check_physical_fits_dialect(name: &str, design: &Design) {
    for dialect in DialectName::ALL {
        let d = dialect_for(dialect);
        let (physical, _) = physical_design(design, dialect);
        let ddl = generate(design, dialect);
        let count = |kind: StatementKind| ddl.statements.iter().filter(|s| s.kind == kind).count();
        let at = format!("{name} {dialect}");
        assert_eq!(
            count(StatementKind::CreateTable),
            physical.tables.len(),
            "{at}"
        );
        let indexes: usize = physical.tables.iter().map(|t| t.indexes.len()).sum();
        assert_eq!(count(StatementKind::CreateIndex), indexes, "{at}");
        let fks: usize = physical.tables.iter().map(|t| t.foreign_keys.len()).sum();
        let written = ddl.to_sql().matches("FOREIGN KEY (").count();
        assert_eq!(written, fks, "{at}: foreign keys");
        for t in &physical.tables {
            assert!(t.schema.is_none() || d.supports_schemas(), "{at}");
            for u in &t.uniques {
                assert!(
                    !u.nulls_not_distinct || d.supports_nulls_not_distinct(),
                    "{at}"
                );
            }
            for fk in &t.foreign_keys {
                assert!(
                    fk.deferrable == Deferrable::No || d.supports_deferrable(),
                    "{at}"
                );
                assert!(
                    d.supports_fk_action(fk.on_delete) && d.supports_fk_action(fk.on_update),
                    "{at}"
                );
            }
            for ix in &t.indexes {
                assert!(
                    ix.predicate.is_none() || d.supports_partial_indexes(),
                    "{at}"
                );
                assert!(ix.include.is_empty() || d.supports_include(), "{at}");
                assert!(d.supports_index_method(ix.method), "{at}");
                for part in &ix.parts {
                    assert!(
                        part.expr.is_none() || d.supports_expression_indexes(),
                        "{at}"
                    );
                    assert!(part.opclass.is_none() || d.supports_opclass(), "{at}");
                    assert!(part.nulls.is_none() || d.supports_nulls_order(), "{at}");
                }
            }
            for c in &t.columns {
                if let Some(g) = &c.generated {
                    assert!(g.stored || d.supports_virtual_generated(), "{at}");
                    assert!(c.nullable || d.supports_not_null_generated(), "{at}");
                    assert!(c.default.is_none() && c.identity.is_none(), "{at}");
                }
                assert!(
                    c.identity != Some(Identity::Always) || d.supports_identity_always(),
                    "{at}"
                );
            }
            let name_len = |n: &str| n.len() <= d.max_identifier_len();
            assert!(name_len(&t.name), "{at}: {}", t.name);
            assert!(t.columns.iter().all(|c| name_len(&c.name)), "{at}");
            for n in t
                .indexes
                .iter()
                .map(|i| &i.name)
                .chain(t.foreign_keys.iter().map(|f| &f.name))
                .chain(t.uniques.iter().map(|u| &u.name))
                .chain(t.checks.iter().map(|c| &c.name))
            {
                let n = n.as_deref().unwrap_or_default();
                assert!(!n.is_empty() && name_len(n), "{at}: constraint name `{n}`");
            }
        }
    }
}

#[test]
fn physical_designs_fit_their_dialect() {
    for (name, design) in ddl_support::all_designs() {
        check_physical_fits_dialect(&name, &design);
    }
}

#[test]
fn generation_is_deterministic_and_the_physical_design_stable() {
    for (name, design) in ddl_support::all_designs() {
        check_stable_and_parsable(&name, &design);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_designs_apply_to_sqlite(design in random_design()) {
        check_constraints_work("random", &design);
        check_down_undoes("random", &design);
    }

    #[test]
    fn random_designs_generate_deterministically(design in random_design()) {
        check_stable_and_parsable("random", &design);
        check_physical_fits_dialect("random", &design);
    }
}
