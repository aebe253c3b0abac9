#!/usr/bin/env bash
# Performance benchmark of the designer UI (not a pass/fail test): builds the e2e flavour of ui/
# and measures, in headless Chromium, a generated 2,000-table, 2,500-FK design: time to an
# interactive canvas, frame times of a scripted pan and zoom, and drag latency. Prints the figures.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT/ui"

run_as_user npm ci --no-audit --no-fund --prefer-offline
run_as_user npx vite build --mode e2e --logLevel warn
run_as_user node e2e/bench.mjs
