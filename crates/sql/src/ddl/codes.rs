//! Diagnostic codes of the physical design and DDL generation (`D0xx`): what a dialect cannot
//! express, and what was changed or left out because of it. Every one of them is also written
//! as a `-- ` note at the statement concerned.

/// `varchar` without a length where the dialect needs one (MySQL): 255 is used.
pub const VARCHAR_LENGTH: &str = "D001";
/// A type the dialect does not have, or cannot use in that place, replaced by the nearest one.
pub const TYPE_APPROXIMATED: &str = "D002";
/// Partial index predicate dropped: the index covers every row.
pub const PARTIAL_INDEX: &str = "D003";
/// `INCLUDE` columns appended as key columns (plain index) or dropped (unique index).
pub const INCLUDE_COLUMNS: &str = "D004";
/// `DEFERRABLE` dropped: the constraint is checked at the end of each statement.
pub const DEFERRABLE: &str = "D005";
/// CHECK constraint written but not enforced by the dialect.
pub const CHECK_NOT_ENFORCED: &str = "D006";
/// Index method (hash, gin, gist, brin, spgist) not available: a B-tree index is created.
pub const INDEX_METHOD: &str = "D007";
/// Expression index left out: not available in the whole dialect family (MariaDB has none).
pub const EXPRESSION_INDEX: &str = "D008";
/// Sort order, `NULLS FIRST/LAST` or operator class of an index key part dropped.
pub const INDEX_PART_OPTION: &str = "D009";
/// `NULLS NOT DISTINCT` dropped: several rows may hold NULL.
pub const NULLS_NOT_DISTINCT: &str = "D010";
/// A virtual generated column is created `STORED`.
pub const VIRTUAL_GENERATED: &str = "D011";
/// Identity column declared differently (by default instead of always) or not at all.
pub const IDENTITY: &str = "D012";
/// Referential action not available (`SET DEFAULT` in MySQL): `NO ACTION` is used.
pub const FK_ACTION: &str = "D013";
/// The dialect has no schemas: the table is created in the current database.
pub const NO_SCHEMAS: &str = "D014";
/// A name from the design is longer than the dialect allows and was shortened.
pub const NAME_SHORTENED: &str = "D015";
/// An explicit constraint or index name used twice; the later one was renamed.
pub const DUPLICATE_NAME: &str = "D016";
/// A constraint or index refers to a missing table or column and was left out.
pub const DANGLING_REFERENCE: &str = "D017";
/// An index on a column type the dialect cannot index (JSON in MySQL) was left out.
pub const UNINDEXABLE: &str = "D018";
/// A prefix length was added to an unbounded text or binary column in an index (MySQL).
pub const INDEX_PREFIX: &str = "D019";
/// A many-to-many relationship could not be turned into a junction table.
pub const JUNCTION: &str = "D020";
/// A DEFAULT dropped because the column is an identity or generated column.
pub const DEFAULT_DROPPED: &str = "D021";
/// A nullable primary-key column made NOT NULL.
pub const PK_NOT_NULL: &str = "D022";
/// NOT NULL left off a generated column (MariaDB refuses it).
pub const GENERATED_NOT_NULL: &str = "D023";
/// Declarative partitioning dropped (MySQL, SQLite): the partitioned table and its partitions
/// are created as plain tables.
pub const PARTITIONING: &str = "D024";
/// A domain inlined (MySQL, SQLite): its columns take its base type, and its NOT NULL, default
/// and CHECKs (with `VALUE` replaced by the column name) are declared on each column.
pub const DOMAIN_INLINED: &str = "D025";
