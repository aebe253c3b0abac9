//! Import speed: the largest corpus file imported, side by side with sqlparser alone parsing
//! the same statements, and a synthetic 2,000-table pg_dump.

use criterion::{Criterion, criterion_group, criterion_main};
use schemata_sql::import::{ImportOptions, SourceDialect, import_sql};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::hint::black_box;
use std::path::PathBuf;

fn largest() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/sourcegraph_frontend_squashed.sql");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the test corpus is missing: {} ({e})", path.display()))
}

/// A pg_dump-style schema of `n` tables, each with a sequence-backed key, a foreign key to the
/// previous table, a comment and an index.
pub fn synthetic_dump(n: usize) -> String {
    let mut s = String::from("SET statement_timeout = 0;\n");
    for i in 0..n {
        s.push_str(&format!(
            "CREATE TABLE public.t_{i} (\n    id integer NOT NULL,\n    name character varying(100),\n    parent_id integer,\n    amount numeric(12,2) DEFAULT 0 NOT NULL,\n    created_at timestamp with time zone DEFAULT now() NOT NULL\n);\n\
             CREATE SEQUENCE public.t_{i}_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n\
             ALTER SEQUENCE public.t_{i}_id_seq OWNED BY public.t_{i}.id;\n\
             ALTER TABLE ONLY public.t_{i} ALTER COLUMN id SET DEFAULT nextval('public.t_{i}_id_seq'::regclass);\n\
             ALTER TABLE ONLY public.t_{i} ADD CONSTRAINT t_{i}_pkey PRIMARY KEY (id);\n\
             CREATE INDEX t_{i}_name ON public.t_{i} USING btree (lower((name)::text)) WHERE (parent_id IS NOT NULL);\n\
             COMMENT ON TABLE public.t_{i} IS 'Table {i}';\n"
        ));
        if i > 0 {
            s.push_str(&format!(
                "ALTER TABLE ONLY public.t_{i}\n    ADD CONSTRAINT t_{i}_parent_fk FOREIGN KEY (parent_id) REFERENCES public.t_{}(id);\n",
                i - 1
            ));
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = largest();
    // sqlparser alone: every statement of the file parsed on its own (errors ignored); the
    // cutting at `;` line ends is done before the timing.
    let chunks: Vec<&str> = text.split(";\n").filter(|c| !c.trim().is_empty()).collect();
    let options = ImportOptions {
        dialect: Some(SourceDialect::Postgres),
        name: String::new(),
    };
    let mut group = c.benchmark_group("largest_corpus_file");
    group.sample_size(20);
    group.bench_function("sqlparser_alone", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for chunk in &chunks {
                if Parser::parse_sql(&PostgreSqlDialect {}, chunk).is_ok() {
                    ok += 1;
                }
            }
            black_box(ok)
        })
    });
    group.bench_function("import", |b| {
        b.iter(|| black_box(import_sql(&text, &options, &mut |_| {}).design.tables.len()))
    });
    group.finish();

    let synthetic = synthetic_dump(2000);
    let mut group = c.benchmark_group("synthetic_2000_tables");
    group.sample_size(10);
    group.bench_function("import", |b| {
        b.iter(|| {
            black_box(
                import_sql(&synthetic, &options, &mut |_| {})
                    .design
                    .tables
                    .len(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
