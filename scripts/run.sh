#!/usr/bin/env bash
# Sets the machine up (scripts/setup.sh), builds the UI and the desktop app
# (scripts/build-app.sh) and launches the app, which opens with the e-commerce example as an
# unsaved design. Without a display (no DISPLAY or WAYLAND_DISPLAY) the app runs on a virtual X
# display instead. Extra arguments go to the app, e.g. a design file to open.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$REPO_ROOT/scripts/setup.sh"
"$REPO_ROOT/scripts/build-app.sh"

app="$REPO_ROOT/target/debug/schemata-app"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    say "Launching $app $*"
    run_as_user "$app" "$@"
else
    say "No display: launching $app $* on a virtual X display (Ctrl+C to stop)"
    run_as_user xvfb-run -a -s "-screen 0 1280x800x24" "$app" "$@"
fi
