#!/usr/bin/env bash
# The end-to-end test of the desktop app in a real window: builds the standalone binary
# (scripts/build-app.sh), then runs e2e/tauri/test_app.py under a virtual X display, driven by
# tauri-driver and WebKitWebDriver. Screenshots and the driver's log go to target/e2e-artifacts/app/.
# Exits non-zero when the test fails. Run scripts/setup.sh first.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_cargo_path
cd "$REPO_ROOT"

"$REPO_ROOT/scripts/build-app.sh"

python="$REPO_ROOT/target/e2e-venv/bin/python"
if [ ! -x "$python" ]; then
    echo "e2e-app.sh: $python is missing; run scripts/setup.sh" >&2
    exit 1
fi

rm -rf target/e2e-artifacts/app
mkdir -p target/e2e-artifacts/app
say "end-to-end test of target/debug/schemata-app (xvfb-run, tauri-driver, WebKitWebDriver)"
run_as_user xvfb-run -a -s "-screen 0 1280x800x24" \
    "$python" e2e/tauri/test_app.py "$REPO_ROOT/target/debug/schemata-app"
