#!/usr/bin/env bash
# Builds the desktop app as one standalone debug binary, target/debug/schemata-app, with the UI
# embedded: installs the UI's npm packages when they are missing or stale, builds the UI in
# production mode (never the e2e mode, whose mocked IPC must not ship), then the app crate with
# Tauri's custom protocol. Run scripts/setup.sh first. A later plain `cargo build` of the workspace
# rebuilds the binary in development mode (loading the Vite dev server), so build right before use.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ensure_cargo_path
cd "$REPO_ROOT/ui"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "npm ci (ui)"
    run_as_user npm ci --no-audit --no-fund
fi

say "npm run build (ui, production mode)"
run_as_user npm run build

# The production bundle must not carry the e2e build's mocked IPC.
if grep -rqs "mockIPC\|ipc-mock" dist/; then
    echo "build-app.sh: ui/dist contains the e2e IPC mock; the production build is wrong" >&2
    exit 1
fi

cd "$REPO_ROOT"
say "cargo build -p schemata-app --features custom-protocol"
run_as_user cargo build -p schemata-app --features custom-protocol
echo "built $REPO_ROOT/target/debug/schemata-app"
