//! Diagnostic codes of the sharding rules (see `crate::rules`, files `s0NN_*.rs`).

/// A primary key or unique constraint of a distributed table lacks the distribution column.
pub const UNIQUE_WITHOUT_KEY: &str = "S001";
/// A foreign key the plan cannot keep: between families, or between a reference or local table
/// and a distributed one.
pub const FK_ACROSS_FAMILIES: &str = "S002";
/// A hot pattern joins distributed tables that are not co-located.
pub const NON_COLOCATED_JOIN: &str = "S003";
/// A distribution key with fewer distinct values than shards.
pub const LOW_CARDINALITY_KEY: &str = "S004";
/// A distribution key whose values grow with time.
pub const MONOTONIC_KEY: &str = "S005";
/// A distribution key with a declared skew above one shard's fair share.
pub const SKEWED_KEY: &str = "S006";
/// A hot pattern writes rows on several shards in one transaction.
pub const MULTI_SHARD_WRITE: &str = "S007";
/// A hot pattern reads every shard.
pub const FAN_OUT_READ: &str = "S008";
