//! The Citus DDL of every example runs top to bottom on PostgreSQL 15 with stand-ins for Citus'
//! functions: `create_distributed_table` and `create_reference_table` with Citus' signatures,
//! checking their arguments as Citus does (the column exists, every unique index contains it,
//! `colocate_with` names a distributed table whose key has the same type), and an event trigger
//! that checks each foreign key added afterwards against the placement (reference parent, both
//! local, or co-located distributed tables paired on their distribution columns).
//!
//! `SCHEMATA_SKIP_DB_TESTS=1` skips these tests.

use std::collections::BTreeSet;

use schemata_advise::shard::TableMode;
use schemata_advise::shard::citus::citus_ddl;
use schemata_advise::{ShardOptions, shard_plan};
use schemata_api::{EMPTY, example_names, new_design};
use schemata_db::postgres::PgClient;
use schemata_db::testserver::postgres;
use schemata_model::Design;

/// Stand-ins for Citus' placement functions, with a catalog of placed tables.
const STUB: &str = r#"
CREATE TABLE citus_stub_tables (
  table_name regclass PRIMARY KEY,
  kind text NOT NULL,
  distribution_column text,
  column_type regtype,
  colocation_id int
);

CREATE FUNCTION create_reference_table(table_name regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM citus_stub_tables c WHERE c.table_name = $1) THEN
    RAISE EXCEPTION 'table "%" is already distributed', $1;
  END IF;
  INSERT INTO citus_stub_tables VALUES ($1, 'reference', NULL, NULL, NULL);
END $$;

CREATE FUNCTION create_distributed_table(
  table_name regclass,
  distribution_column text,
  distribution_type text DEFAULT 'hash',
  colocate_with text DEFAULT 'default',
  shard_count int DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  col_num smallint;
  col_type regtype;
  other record;
  ix record;
  group_id int;
BEGIN
  IF distribution_type <> 'hash' THEN
    RAISE EXCEPTION 'only hash distribution is expected here, not %', distribution_type;
  END IF;
  IF EXISTS (SELECT 1 FROM citus_stub_tables c WHERE c.table_name = $1) THEN
    RAISE EXCEPTION 'table "%" is already distributed', $1;
  END IF;
  SELECT a.attnum, a.atttypid::regtype INTO col_num, col_type
    FROM pg_attribute a
   WHERE a.attrelid = $1 AND a.attname = distribution_column AND a.attnum > 0
     AND NOT a.attisdropped;
  IF col_num IS NULL THEN
    RAISE EXCEPTION 'column "%" of relation "%" does not exist', distribution_column, $1;
  END IF;
  FOR ix IN SELECT i.indexrelid::regclass AS name, i.indkey
              FROM pg_index i WHERE i.indrelid = $1 AND i.indisunique LOOP
    IF NOT (col_num = ANY (ix.indkey::smallint[])) THEN
      RAISE EXCEPTION 'cannot create constraint on "%"', $1
        USING DETAIL = format('Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do not include the partition column (index %s).', ix.name);
    END IF;
  END LOOP;
  IF colocate_with NOT IN ('default', 'none') THEN
    IF shard_count IS NOT NULL THEN
      RAISE EXCEPTION 'Cannot use colocate_with with a table and shard_count at the same time';
    END IF;
    SELECT c.* INTO other FROM citus_stub_tables c
     WHERE c.table_name = colocate_with::regclass AND c.kind = 'distributed';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'relation % should be a hash distributed table', colocate_with;
    END IF;
    IF other.column_type <> col_type THEN
      RAISE EXCEPTION 'cannot colocate tables % and %', other.table_name, $1
        USING DETAIL = format('Distribution column types don''t match for %s and %s.', other.table_name, $1);
    END IF;
    group_id := other.colocation_id;
  ELSE
    IF shard_count IS NOT NULL AND (shard_count < 1 OR shard_count > 64000) THEN
      RAISE EXCEPTION '% is outside the valid range for parameter "shard_count" (1 .. 64000)', shard_count;
    END IF;
    SELECT coalesce(max(c.colocation_id), 0) + 1 INTO group_id FROM citus_stub_tables c;
  END IF;
  INSERT INTO citus_stub_tables VALUES ($1, 'distributed', distribution_column, col_type, group_id);
END $$;

CREATE FUNCTION citus_stub_check_foreign_keys() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  cmd record;
  fk record;
  child citus_stub_tables;
  parent citus_stub_tables;
  child_kind text;
  parent_kind text;
  paired boolean;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'ALTER TABLE' LOOP
    FOR fk IN SELECT * FROM pg_constraint c WHERE c.conrelid = cmd.objid AND c.contype = 'f' LOOP
      SELECT * INTO child FROM citus_stub_tables t WHERE t.table_name = fk.conrelid::regclass;
      SELECT * INTO parent FROM citus_stub_tables t WHERE t.table_name = fk.confrelid::regclass;
      child_kind := coalesce(child.kind, 'local');
      parent_kind := coalesce(parent.kind, 'local');
      IF parent_kind = 'reference' OR (child_kind = 'local' AND parent_kind = 'local') THEN
        CONTINUE;
      END IF;
      IF child_kind <> 'distributed' OR parent_kind <> 'distributed' THEN
        RAISE EXCEPTION 'foreign key % from a % table to a % table is not supported',
          fk.conname, child_kind, parent_kind;
      END IF;
      IF child.colocation_id <> parent.colocation_id THEN
        RAISE EXCEPTION 'cannot create foreign key constraint %', fk.conname
          USING DETAIL = 'Foreign keys are supported in two cases, either in between two colocated tables including partition column in the same ordinal in the both tables or from distributed to reference tables';
      END IF;
      SELECT bool_or(ca.attname = child.distribution_column AND pa.attname = parent.distribution_column)
        INTO paired
        FROM unnest(fk.conkey, fk.confkey) AS k(c, p)
        JOIN pg_attribute ca ON ca.attrelid = fk.conrelid AND ca.attnum = k.c
        JOIN pg_attribute pa ON pa.attrelid = fk.confrelid AND pa.attnum = k.p;
      IF NOT coalesce(paired, false) THEN
        RAISE EXCEPTION 'cannot create foreign key constraint % without the distribution columns', fk.conname
          USING DETAIL = 'Foreign keys are supported in two cases, either in between two colocated tables including partition column in the same ordinal in the both tables or from distributed to reference tables';
      END IF;
    END LOOP;
  END LOOP;
END $$;

CREATE EVENT TRIGGER citus_stub_foreign_keys ON ddl_command_end
  WHEN TAG IN ('ALTER TABLE') EXECUTE FUNCTION citus_stub_check_foreign_keys();
"#;

/// Every example design (the api's own catalogue of `examples/*.schemata.json`).
fn examples() -> Vec<(String, Design)> {
    let all: Vec<(String, Design)> = example_names()
        .into_iter()
        .filter(|n| *n != EMPTY)
        .map(|n| {
            (
                n.to_string(),
                new_design(n).unwrap_or_else(|e| panic!("{n}: {e:?}")),
            )
        })
        .collect();
    assert!(!all.is_empty(), "no examples");
    all
}

/// A fresh database with the stand-ins installed, or `None` when database tests are skipped.
fn stub_database(label: &str) -> Option<PgClient> {
    let server = postgres::shared().unwrap_or_else(|e| panic!("{e}"))?;
    let db = server
        .fresh_database(label)
        .unwrap_or_else(|e| panic!("{e}"));
    let client = db.connect().unwrap_or_else(|e| panic!("{e}"));
    client
        .batch_execute(STUB)
        .unwrap_or_else(|e| panic!("installing the stand-ins: {e}"));
    Some(client)
}

/// `(table, kind, distribution column)` rows of the stand-in catalog.
fn placed(client: &PgClient) -> BTreeSet<(String, String, Option<String>)> {
    client
        .query(
            "SELECT table_name::text, kind, distribution_column FROM citus_stub_tables",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect()
}

#[test]
fn every_example_runs_on_the_citus_stand_ins() {
    let mut failures = Vec::new();
    for (name, design) in examples() {
        let Some(client) = stub_database(&format!("citus_{name}")) else {
            return;
        };
        let plan = shard_plan(&design, ShardOptions::of(&design));
        let ddl = citus_ddl(&design, &plan);
        if let Err(e) = schemata_db::postgres::apply(&client, &ddl.sql) {
            failures.push(format!("{name}: {e}\n--- DDL ---\n{}", ddl.sql));
            continue;
        }
        let expected: BTreeSet<(String, String, Option<String>)> = plan
            .tables
            .iter()
            .filter_map(|tp| {
                let t = design.tables.iter().find(|t| t.id == tp.table)?;
                let kind = match tp.mode {
                    TableMode::Distributed => "distributed",
                    TableMode::Reference => "reference",
                    TableMode::Local => return None,
                };
                let key = tp
                    .key
                    .as_deref()
                    .and_then(|k| t.columns.iter().find(|c| c.id == k).map(|c| c.name.clone()));
                Some((t.name.clone(), kind.to_string(), key))
            })
            .collect();
        assert!(!expected.is_empty(), "{name}: the plan places no table");
        let actual = placed(&client);
        if actual != expected {
            failures.push(format!("{name}: placed {actual:?}\nexpected {expected:?}"));
        }
        // The foreign keys the script adds are in the database.
        let fks: i64 = client
            .query(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f'",
                &[],
            )
            .unwrap_or_else(|e| panic!("{e}"))[0]
            .get(0);
        let added = ddl.sql.matches("FOREIGN KEY").count() as i64;
        if fks != added {
            failures.push(format!(
                "{name}: {fks} foreign keys in the database, {added} in the script"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The error text of running `sql`, which must fail.
fn rejected(client: &PgClient, sql: &str) -> String {
    match schemata_db::postgres::apply(client, sql) {
        Ok(()) => panic!("the stand-ins accepted:\n{sql}"),
        Err(e) => format!("{e:?} {e}"),
    }
}

#[test]
fn the_stand_ins_reject_what_citus_rejects() {
    let Some(client) = stub_database("citus_negative") else {
        return;
    };
    client
        .batch_execute(
            "CREATE TABLE accounts (id bigint PRIMARY KEY, email text UNIQUE);
             CREATE TABLE users (tenant_id bigint NOT NULL, id bigint NOT NULL, email text,
               PRIMARY KEY (tenant_id, id));
             CREATE TABLE notes (tenant_id uuid NOT NULL, id bigint NOT NULL, PRIMARY KEY (tenant_id, id));
             CREATE TABLE docs (tenant_id bigint NOT NULL, id bigint NOT NULL, user_id bigint,
               PRIMARY KEY (tenant_id, id));",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // A unique key without the distribution column.
    let e = rejected(
        &client,
        "SELECT create_distributed_table('accounts', 'id');",
    );
    assert!(e.contains("cannot create constraint"), "{e}");
    // A missing column.
    let e = rejected(
        &client,
        "SELECT create_distributed_table('users', 'tenant');",
    );
    assert!(e.contains("does not exist"), "{e}");
    // Co-location with a table that is not distributed, then with a key of another type.
    let e = rejected(
        &client,
        "SELECT create_distributed_table('users', 'tenant_id', colocate_with => 'notes');",
    );
    assert!(e.contains("should be a hash distributed table"), "{e}");
    client
        .batch_execute(
            "SELECT create_distributed_table('users', 'tenant_id', shard_count => 4);
             SELECT create_distributed_table('docs', 'tenant_id', colocate_with => 'users');",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let e = rejected(
        &client,
        "SELECT create_distributed_table('notes', 'tenant_id', colocate_with => 'users');",
    );
    assert!(e.contains("cannot colocate tables"), "{e}");
    // A foreign key between co-located tables that does not pair the distribution columns.
    let e = rejected(
        &client,
        "ALTER TABLE docs ADD CONSTRAINT docs_users FOREIGN KEY (user_id, id) REFERENCES users (tenant_id, id);",
    );
    assert!(e.contains("without the distribution columns"), "{e}");
    // A local table referencing a distributed one.
    let e = rejected(
        &client,
        "CREATE TABLE audit (tenant_id bigint, id bigint);
         ALTER TABLE audit ADD FOREIGN KEY (tenant_id, id) REFERENCES users (tenant_id, id);",
    );
    assert!(
        e.contains("from a local table to a distributed table"),
        "{e}"
    );
    // What the generated scripts do is accepted.
    client
        .batch_execute(
            "ALTER TABLE docs ADD CONSTRAINT docs_users FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id);",
        )
        .unwrap_or_else(|e| panic!("{e}"));
}
