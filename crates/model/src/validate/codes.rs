//! Stable codes of the semantic checks. A code never changes meaning; retired codes are not
//! reused.

/// Two tables have the same id.
pub const DUPLICATE_TABLE_ID: &str = "V001";
/// Two tables have the same name in the same schema (names compare case-insensitively).
pub const DUPLICATE_TABLE_NAME: &str = "V002";
/// Two columns of a table have the same id.
pub const DUPLICATE_COLUMN_ID: &str = "V003";
/// Two columns of a table have the same name (case-insensitively).
pub const DUPLICATE_COLUMN_NAME: &str = "V004";
/// A constraint or index name is used twice where a target dialect needs it to be unique.
pub const DUPLICATE_CONSTRAINT_NAME: &str = "V005";
/// A key, index or foreign key lists a column id that the table does not have.
pub const UNKNOWN_COLUMN: &str = "V006";
/// A foreign key references a table id that the design does not have.
pub const UNKNOWN_TABLE: &str = "V007";
/// A foreign key references a column id that the referenced table does not have.
pub const UNKNOWN_REFERENCED_COLUMN: &str = "V008";
/// A foreign key has a different number of columns than it references.
pub const FK_COLUMN_COUNT: &str = "V009";
/// A foreign key references columns that are neither the primary key nor unique.
pub const FK_NOT_UNIQUE: &str = "V010";
/// A foreign-key column's type differs from the referenced column's type.
pub const FK_TYPE_MISMATCH: &str = "V011";
/// A foreign-key column's length differs from the referenced column's (warning).
pub const FK_LENGTH_MISMATCH: &str = "V012";
/// A table has no primary key (warning).
pub const NO_PRIMARY_KEY: &str = "V013";
/// An identifier is empty.
pub const EMPTY_IDENTIFIER: &str = "V014";
/// An identifier is longer than a target dialect allows.
pub const IDENTIFIER_TOO_LONG: &str = "V015";
/// An identifier contains control characters.
pub const CONTROL_CHARACTERS: &str = "V016";
/// An index part sets both or neither of `column` and `expr`.
pub const INDEX_PART: &str = "V017";
/// An identity column whose type is not an integer type.
pub const IDENTITY_TYPE: &str = "V018";
/// A column has both an identity and a default.
pub const IDENTITY_WITH_DEFAULT: &str = "V019";
/// A generated column also has a default or an identity.
pub const GENERATED_WITH_DEFAULT: &str = "V020";
/// A primary-key column is nullable.
pub const NULLABLE_PRIMARY_KEY: &str = "V021";
/// An enum type lists a value twice.
pub const DUPLICATE_ENUM_VALUE: &str = "V022";
/// A many-to-many relationship names a foreign key.
pub const MANY_TO_MANY_WITH_FK: &str = "V023";
/// A one-to-one or one-to-many relationship whose foreign key is missing or does not go from
/// `from` to `to`.
pub const RELATIONSHIP_FK: &str = "V024";
/// A mandatory relationship whose foreign-key columns are nullable (warning).
pub const MANDATORY_NULLABLE: &str = "V025";
/// A relationship refers to a table id that the design does not have.
pub const RELATIONSHIP_TABLE: &str = "V026";
/// The layout refers to a table id that the design does not have (warning).
pub const LAYOUT_TABLE: &str = "V027";
/// A table has no columns.
pub const EMPTY_TABLE: &str = "V028";
/// Two constraints or indexes of a table, two enums, two domains, two relationships or two
/// subject areas have the same id.
pub const DUPLICATE_ID: &str = "V029";
/// Two enum types or two domains have the same name, a domain has an enum type's name, or an
/// enum type or domain has a table's name (PostgreSQL).
pub const DUPLICATE_TYPE_NAME: &str = "V030";
/// A key, index or foreign key lists the same column twice.
pub const REPEATED_COLUMN: &str = "V031";
/// A key, index or foreign key has no columns.
pub const EMPTY_COLUMN_LIST: &str = "V032";
/// A type name that is not built in but is close to a built-in one (warning).
pub const UNKNOWN_TYPE: &str = "V033";
/// A worksheet pattern is issued per row of a pattern id that the worksheet does not have, or of
/// itself.
pub const PATTERN_REFERENCE: &str = "V034";
/// A worksheet pattern has no SQL statement, or an empty one.
pub const EMPTY_PATTERN: &str = "V035";
/// A column's declared skew is not a share between 0 and 1.
pub const SKEW_RANGE: &str = "V036";
/// A partition names a parent table that the design does not have, or one without
/// `partition_by`.
pub const PARTITION_PARENT: &str = "V037";
/// A partition key part names a column the table does not have, or sets both or neither of
/// `column` and `expr`.
pub const PARTITION_KEY: &str = "V038";
/// A primary key or unique constraint of a partitioned table leaves out a partition key column
/// (PostgreSQL refuses it).
pub const PARTITION_UNIQUE: &str = "V039";
/// A partition's columns differ from its parent's in names or types (warning).
pub const PARTITION_COLUMNS: &str = "V040";
/// A domain has an empty CHECK expression.
pub const EMPTY_DOMAIN_CHECK: &str = "V041";
