#!/usr/bin/env bash
# Checks and tests of the designer UI (ui/): installs its node packages from the lock file, then
# runs the type check, the linter, the unit tests (Vitest) and the browser tests (the e2e build
# served by `vite preview`, driven through playwright-core in Debian's Chromium). Screenshots of
# the browser tests go to target/e2e-artifacts/ui/. Exits non-zero when anything fails.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT/ui"

for tool in node npm; do
    if ! command -v "$tool" >/dev/null; then
        echo "ui-test.sh: $tool is missing (scripts/setup.sh installs it)" >&2
        exit 1
    fi
done
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
    echo "ui-test.sh: Chromium is missing at ${CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)" >&2
    exit 1
fi

say "npm ci (ui/)"
run_as_user npm ci --no-audit --no-fund --prefer-offline

say "tsc --noEmit"
run_as_user npx tsc --noEmit

say "eslint"
run_as_user npx eslint --max-warnings 0 .

say "vitest"
run_as_user npx vitest run

say "production build carries no IPC mock"
run_as_user npx vite build --logLevel warn
if grep -rlq "mockIPC\|ipc-mock\|e2e fake" dist/; then
    echo "ui-test.sh: the production bundle contains the e2e IPC mock" >&2
    exit 1
fi

say "browser tests (vite build --mode e2e, Chromium headless)"
run_as_user npx vite build --mode e2e --logLevel warn
run_as_user node e2e/run.mjs
