#!/usr/bin/env bash
# Sets the machine up (scripts/setup.sh), builds the `schemata` CLI in release mode and runs it on
# the e-commerce example: a check, then the PostgreSQL DDL.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO_ROOT/scripts/setup.sh"
ensure_cargo_path
cd "$REPO_ROOT"

say "cargo build --release -p schemata-cli"
run_as_user cargo build --release -p schemata-cli

schemata="$REPO_ROOT/target/release/schemata"
example="examples/ecommerce.schemata.json"

say "schemata check $example"
"$schemata" check "$example"

say "schemata ddl --dialect postgres $example"
"$schemata" ddl --dialect postgres "$example"
