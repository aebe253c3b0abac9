#!/usr/bin/env bash
# Sets the machine up (scripts/setup.sh), then runs every check the project has: formatting,
# clippy with warnings as errors, and the whole test suite. Checks that generated files (JSON
# Schema, TypeScript bindings, docs) are up to date are tests inside the crates, so they run with
# the suite; last, the desktop app is built and tested end to end in a real window
# (scripts/e2e-app.sh). Exits non-zero when anything fails.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO_ROOT/scripts/setup.sh"
ensure_cargo_path
cd "$REPO_ROOT"

say "cargo fmt --all --check"
run_as_user cargo fmt --all --check

say "cargo clippy --workspace --all-targets -- -D warnings"
run_as_user cargo clippy --workspace --all-targets -- -D warnings

say "cargo test --workspace"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
run_as_user cargo test --workspace 2>&1 | tee "$log" || status=$?

# Sum the per-binary "test result:" lines into one closing line, so that the total stays visible
# after the many per-crate summaries (the last of which is often a doc-test run with no tests).
read -r passed failed ignored runs < <(awk '
    /^test result:/ {
        for (i = 1; i <= NF; i++) {
            if ($(i + 1) ~ /^passed;?$/) p += $i
            if ($(i + 1) ~ /^failed;?$/) f += $i
            if ($(i + 1) ~ /^ignored;?$/) s += $i
        }
        n++
    }
    END { printf "%d %d %d %d\n", p, f, s, n }
' "$log")

echo
if [ "$status" -ne 0 ] && [ "$runs" -eq 0 ]; then
    echo "cargo test failed before running any test (status $status)"
    exit "$status"
fi
echo "tests: $passed passed, $failed failed, $ignored skipped"
if [ "$status" -ne 0 ]; then
    exit "$status"
fi
if [ "$passed" -eq 0 ]; then
    echo "test.sh: no test ran" >&2
    exit 1
fi

say "Designer UI: type check, lint, unit and browser tests"
"$REPO_ROOT/scripts/ui-test.sh"

# The desktop app, built once as a standalone debug binary and driven in a real window.
say "Desktop app: end-to-end test"
"$REPO_ROOT/scripts/e2e-app.sh"
