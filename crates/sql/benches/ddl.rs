//! DDL generation speed on a large synthetic design: 2,000 tables of about ten columns, about
//! 2,500 foreign keys (a few of them closing cycles) and 5,000 indexes, to PostgreSQL.
//!
//! `postgres_ddl_2000_tables` is wall-clock time. `postgres_ddl_2000_tables_cpu` is the CPU time
//! of the benchmark thread, which other processes on a busy machine do not inflate.

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{Criterion, criterion_group, criterion_main};
use schemata_model::{
    Column, DataType, DefaultValue, Design, DialectName, FkAction, ForeignKey, Identity, Index,
    IndexPart, Literal, PrimaryKey, SortOrder, Table, UniqueConstraint,
};
use schemata_sql::ddl::generate;

const TABLES: usize = 2_000;

fn column(name: &str, ty: &str, nullable: bool) -> Column {
    Column {
        id: name.to_string(),
        name: name.to_string(),
        data_type: DataType::parse(ty).unwrap_or(DataType::Text),
        nullable,
        default: None,
        identity: None,
        generated: None,
        comment: None,
        distinct: None,
        skew: None,
    }
}

fn fk(id: &str, column: &str, references: usize) -> ForeignKey {
    ForeignKey {
        id: id.to_string(),
        name: None,
        columns: vec![column.to_string()],
        references: format!("t{references:04}"),
        referenced_columns: Vec::new(),
        on_delete: FkAction::Cascade,
        on_update: FkAction::NoAction,
        deferrable: Default::default(),
    }
}

fn synthetic() -> Design {
    let mut design = Design {
        name: "Synthetic 2,000 tables".into(),
        ..Design::default()
    };
    for i in 0..TABLES {
        let mut id = column("id", "bigint", false);
        id.identity = Some(Identity::ByDefault);
        let mut created = column("created_at", "timestamptz", false);
        created.default = Some(DefaultValue::Expr {
            expr: "CURRENT_TIMESTAMP".into(),
        });
        let mut status = column("status", "enum('new','active','closed')", false);
        status.default = Some(DefaultValue::Literal(Literal::String("new".into())));
        let mut columns = vec![
            id,
            column("code", "varchar(32)", false),
            column("name", "varchar(200)", false),
            column("amount", "decimal(12,2)", true),
            status,
            column("notes", "text", true),
            created,
        ];
        let mut foreign_keys = Vec::new();
        let mut indexes = Vec::new();
        if i > 0 {
            columns.push(column("parent_id", "bigint", false));
            foreign_keys.push(fk("fk1", "parent_id", (i * 7919) % i));
            indexes.push(Index {
                id: "ix1".into(),
                name: None,
                parts: vec![IndexPart::column("parent_id")],
                unique: false,
                method: Default::default(),
                include: Vec::new(),
                predicate: None,
            });
        }
        if i % 4 == 1 || i % 100 == 50 {
            // Every fourth table has a second reference; some point forward and close cycles.
            let target = if i % 100 == 50 {
                (i + 25) % TABLES
            } else {
                i / 2
            };
            columns.push(column("other_id", "bigint", true));
            foreign_keys.push(fk("fk2", "other_id", target));
            indexes.push(Index {
                id: "ix2".into(),
                name: None,
                parts: vec![IndexPart::column("other_id")],
                unique: false,
                method: Default::default(),
                include: Vec::new(),
                predicate: Some("other_id IS NOT NULL".into()),
            });
        }
        let mut by_date = IndexPart::column("created_at");
        by_date.order = SortOrder::Desc;
        indexes.push(Index {
            id: "ix3".into(),
            name: None,
            parts: vec![IndexPart::column("status"), by_date],
            unique: false,
            method: Default::default(),
            include: vec!["amount".into()],
            predicate: None,
        });
        design.tables.push(Table {
            id: format!("t{i:04}"),
            name: format!("table_{i:04}"),
            schema: None,
            comment: Some(format!("Synthetic table {i}.")),
            columns,
            primary_key: Some(PrimaryKey {
                name: None,
                columns: vec!["id".into()],
            }),
            uniques: vec![UniqueConstraint {
                id: "uq1".into(),
                name: None,
                columns: vec!["code".into()],
                nulls_not_distinct: false,
            }],
            checks: Vec::new(),
            foreign_keys,
            indexes,
            functional_dependencies: Vec::new(),
            partition_by: None,
            partition_of: None,
            scale: None,
        });
    }
    design
}

/// CPU time consumed by the calling thread.
struct ThreadCpuTime;

fn thread_cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes to it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        static WALL: WallTime = WallTime;
        WALL.formatter()
    }
}

fn bench(c: &mut Criterion) {
    let design = synthetic();
    let fks: usize = design.tables.iter().map(|t| t.foreign_keys.len()).sum();
    let ddl = generate(&design, DialectName::Postgres);
    eprintln!(
        "synthetic design: {} tables, {fks} foreign keys, {} statements, {} bytes of SQL",
        design.tables.len(),
        ddl.statements.len(),
        ddl.to_sql().len()
    );
    c.bench_function("postgres_ddl_2000_tables", |b| {
        b.iter(|| generate(black_box(&design), DialectName::Postgres).to_sql())
    });
}

fn bench_cpu(c: &mut Criterion<ThreadCpuTime>) {
    let design = synthetic();
    c.bench_function("postgres_ddl_2000_tables_cpu", |b| {
        b.iter(|| generate(black_box(&design), DialectName::Postgres).to_sql())
    });
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = bench_cpu
}
criterion_main!(benches, cpu);
