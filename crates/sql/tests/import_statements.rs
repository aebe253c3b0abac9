//! The importer on hand-written statements in the forms real dumps use.

use schemata_model::{
    DataType, DefaultValue, Identity, IndexMethod, Literal, NullsOrder, SortOrder,
};
use schemata_sql::import::{ImportOptions, Imported, SourceDialect, detect_dialect, import_sql};

fn import(sql: &str, dialect: SourceDialect) -> Imported {
    let options = ImportOptions {
        dialect: Some(dialect),
        name: "t".into(),
    };
    import_sql(sql, &options, &mut |_| {})
}

const PG_DUMP: &str = r#"
SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
\connect shop
CREATE TYPE public.mood AS ENUM ('happy', 'it''s complicated');
CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901);
CREATE TABLE public.customers (
    customer_id integer NOT NULL,
    email character varying(255) NOT NULL,
    mood public.mood DEFAULT 'happy'::public.mood,
    born public.year,
    balance numeric(12,2) DEFAULT '0'::numeric NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);
CREATE SEQUENCE public.customers_customer_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.customers_customer_id_seq OWNED BY public.customers.customer_id;
ALTER TABLE ONLY public.customers ALTER COLUMN customer_id SET DEFAULT nextval('public.customers_customer_id_seq'::regclass);
COPY public.customers (customer_id, email) FROM stdin;
1	a';b@example.com
\.
CREATE TABLE audit.events (
    id bigint GENERATED ALWAYS AS IDENTITY,
    customer_id integer,
    payload jsonb
) PARTITION BY RANGE (id);
ALTER TABLE ONLY public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (customer_id);
ALTER TABLE ONLY audit.events
    ADD CONSTRAINT events_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers(customer_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
CREATE UNIQUE INDEX customers_email_lower ON public.customers USING btree (lower((email)::text) text_pattern_ops DESC NULLS LAST) INCLUDE (created_at) WHERE (balance > (0)::numeric);
CREATE INDEX events_payload ON ONLY audit.events USING gin (payload);
COMMENT ON TABLE public.customers IS 'People who buy; it''s true';
COMMENT ON COLUMN public.customers.email IS 'Login';
CREATE FUNCTION public.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1; $$;
CREATE TABLE audit.events_1 (id bigint NOT NULL, customer_id integer, payload jsonb);
ALTER TABLE ONLY audit.events ATTACH PARTITION audit.events_1 FOR VALUES FROM (1) TO (100);
ALTER TABLE public.customers OWNER TO postgres;
"#;

#[test]
fn reads_a_pg_dump() {
    let imported = import(PG_DUMP, SourceDialect::Postgres);
    let d = &imported.design;
    assert_eq!(d.enums.len(), 1);
    assert_eq!(d.enums[0].values, ["happy", "it's complicated"]);
    assert_eq!(d.tables.len(), 3);

    let customers = &d.tables[0];
    assert_eq!(customers.id, "customers");
    assert_eq!(
        customers.comment.as_deref(),
        Some("People who buy; it's true")
    );
    let id = customers.column("customer_id").expect("customer_id");
    assert_eq!(
        id.identity,
        Some(Identity::ByDefault),
        "sequence folded into identity"
    );
    assert_eq!(id.default, None);
    assert!(!id.nullable);
    let email = customers.column("email").expect("email");
    assert_eq!(email.data_type, DataType::Varchar(Some(255)));
    assert_eq!(email.comment.as_deref(), Some("Login"));
    let mood = customers.column("mood").expect("mood");
    assert_eq!(mood.data_type, DataType::Named("mood".into()));
    assert_eq!(
        mood.default,
        Some(DefaultValue::Literal(Literal::String("happy".into())))
    );
    assert!(mood.nullable);
    assert_eq!(
        customers.column("born").expect("born").data_type,
        DataType::Named("year".into()),
        "a column keeps its domain"
    );
    let year = &imported.design.domains[0];
    assert_eq!(
        (year.id.as_str(), year.name.as_str(), &year.base),
        ("year", "year", &DataType::Integer)
    );
    assert_eq!(year.checks, ["VALUE >= 1901"]);
    assert_eq!(
        customers.column("balance").expect("balance").default,
        Some(DefaultValue::Literal(Literal::Number(0.into())))
    );
    assert_eq!(
        customers.primary_key.as_ref().map(|p| p.columns.clone()),
        Some(vec!["customer_id".to_string()])
    );
    let ix = &customers.indexes[0];
    assert!(ix.unique);
    assert_eq!(ix.name.as_deref(), Some("customers_email_lower"));
    assert_eq!(ix.parts[0].column, None);
    assert!(ix.parts[0].expr.as_deref().unwrap_or("").contains("lower"));
    assert_eq!(ix.parts[0].opclass.as_deref(), Some("text_pattern_ops"));
    assert_eq!(ix.parts[0].order, SortOrder::Desc);
    assert_eq!(ix.parts[0].nulls, Some(NullsOrder::Last));
    assert_eq!(ix.include, ["created_at"]);
    assert!(ix.predicate.as_deref().unwrap_or("").contains("balance >"));

    let events = &d.tables[1];
    assert_eq!(events.id, "audit.events");
    assert_eq!(events.schema.as_deref(), Some("audit"));
    assert_eq!(
        events.column("id").expect("id").identity,
        Some(Identity::Always)
    );
    let fk = &events.foreign_keys[0];
    assert_eq!(fk.references, "customers");
    assert_eq!(fk.on_delete, schemata_model::FkAction::Cascade);
    assert_eq!(fk.deferrable, schemata_model::Deferrable::InitiallyDeferred);
    assert_eq!(
        events.indexes[0].method,
        IndexMethod::Gin,
        "CREATE INDEX ... ON ONLY"
    );

    // Everything is accounted for, nothing was misread.
    assert_eq!(imported.understood_ratio(), 1.0, "{:#?}", imported.skipped);
    let kinds = imported.skipped_by_kind();
    assert_eq!(kinds.get("CREATE FUNCTION"), Some(&1));
    assert_eq!(kinds.get("ALTER TABLE ATTACH PARTITION"), None);
    assert_eq!(kinds.get("client-side line"), Some(&1));
    assert!(events.partition_by.is_some());
    let part = d.tables[2].partition_of.as_ref().expect("ATTACH PARTITION");
    assert_eq!(part.parent, "audit.events");
    assert_eq!(part.bound, "FOR VALUES FROM (1) TO (100)");
    let copy = imported
        .skipped
        .iter()
        .find(|s| s.kind == "COPY")
        .expect("COPY listed");
    assert_eq!(copy.line, 24, "line numbers count from the top of the file");
    assert!(
        schemata_model::validate(d)
            .iter()
            .all(|x| x.severity != schemata_model::Severity::Error)
    );
}

#[test]
fn reads_mysql_with_delimiter_blocks() {
    let sql = "CREATE TABLE `film` (\n  `film_id` SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,\n  `title` VARCHAR(255) BINARY NOT NULL,\n  `rating` ENUM('G','PG') DEFAULT 'G',\n  PRIMARY KEY (`film_id`),\n  KEY `idx_title` (`title`)\n) ENGINE=InnoDB;\nDELIMITER ;;\nCREATE TRIGGER t AFTER INSERT ON film FOR EACH ROW BEGIN\n  INSERT INTO x VALUES (1);\n  END;;\nDELIMITER ;\nCREATE TABLE b (id INT PRIMARY KEY, film_id SMALLINT UNSIGNED REFERENCES film (film_id));\n";
    let imported = import(sql, SourceDialect::Mysql);
    assert_eq!(imported.design.tables.len(), 2, "{:#?}", imported.skipped);
    let film = &imported.design.tables[0];
    assert_eq!(
        film.column("film_id").expect("id").identity,
        Some(Identity::ByDefault)
    );
    assert_eq!(
        film.column("rating").expect("rating").data_type,
        DataType::Enum(vec!["G".into(), "PG".into()])
    );
    assert_eq!(film.indexes[0].name.as_deref(), Some("idx_title"));
    let trigger = imported
        .skipped
        .iter()
        .find(|s| s.kind == "CREATE TRIGGER")
        .expect("trigger");
    assert_eq!(trigger.line, 9);
    assert_eq!(
        imported.coverage.get("CREATE TRIGGER").map(|c| c.total),
        Some(1),
        "one trigger, not cut at its inner `;`"
    );
    assert_eq!(imported.design.tables[1].foreign_keys[0].references, "film");
}

#[test]
fn reads_tsql_batches_and_sqlite() {
    let tsql = "CREATE TABLE [dbo].[Album]\n(\n    [AlbumId] INT NOT NULL IDENTITY,\n    [Title] NVARCHAR(160) NOT NULL,\n    CONSTRAINT [PK_Album] PRIMARY KEY CLUSTERED ([AlbumId])\n);\nGO\nSET ANSI_NULLS ON\nGO\n";
    assert_eq!(detect_dialect(tsql), SourceDialect::Mssql);
    let imported = import(tsql, SourceDialect::Mssql);
    let album = &imported.design.tables[0];
    assert_eq!(album.name, "Album");
    assert_eq!(
        album.column("Title").expect("title").data_type,
        DataType::Varchar(Some(160))
    );
    assert_eq!(
        album.column("AlbumId").expect("id").identity,
        Some(Identity::ByDefault)
    );

    let sqlite = "PRAGMA foreign_keys=OFF;\nCREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, note, parent INT REFERENCES items(id) ON DELETE SET NULL);\nCREATE INDEX ix_items_parent ON items(parent) WHERE parent IS NOT NULL;\n";
    assert_eq!(detect_dialect(sqlite), SourceDialect::Sqlite);
    let imported = import(sqlite, SourceDialect::Sqlite);
    let items = &imported.design.tables[0];
    assert_eq!(
        items.column("id").expect("id").identity,
        Some(Identity::ByDefault)
    );
    assert_eq!(
        items.column("note").expect("note").data_type,
        DataType::Named("ANY".into())
    );
    assert_eq!(
        items.indexes[0].predicate.as_deref(),
        Some("parent IS NOT NULL")
    );
}

#[test]
fn one_bad_statement_loses_only_itself() {
    let sql = "CREATE TABLE a (id int);\nCREATE TABLE b (name text DEFAULT 'unterminated);\nCREATE TABLE c (id int);\nCREATE TABLE d (;\n";
    let imported = import(sql, SourceDialect::Postgres);
    let names: Vec<&str> = imported
        .design
        .tables
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert!(names.contains(&"a"), "{names:?}");
    assert!(!imported.skipped.is_empty());
    assert!(
        imported.skipped.iter().all(|s| s.line >= 2),
        "{:?}",
        imported.skipped
    );
}

#[test]
fn reports_progress() {
    let sql = "CREATE TABLE a (id int);\n".repeat(600);
    let mut seen = Vec::new();
    let options = ImportOptions::default();
    let imported = import_sql(&sql, &options, &mut |p| seen.push(p.done));
    assert_eq!(imported.statements, 600);
    assert_eq!(seen, [256, 512, 600]);
    assert_eq!(imported.design.tables.len(), 1);
    assert_eq!(imported.skipped.len(), 599, "duplicates are reported");
}
