# shellcheck shell=bash
# Shared by the scripts in this folder; sourced, never run on its own.
#
# Provides: say (prints a step), build_user and run_as_user (the account that builds and tests),
# ensure_cargo_path (puts the Rust toolchain on PATH), ensure_node_path (puts the Node.js that
# setup.sh installs into target/node, when it did, first on PATH; done on sourcing too).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

say() {
    printf '\n==> %s\n' "$*"
}

# The account builds and tests run under. When the scripts run as root (directly or via sudo) on a
# work tree that belongs to someone else, the toolchain, target/ and test servers belong to the
# owner of the work tree: a root-owned target/ would get in that person's way later, and
# PostgreSQL refuses to run as root.
build_user() {
    local owner
    owner="$(stat -c %U "$REPO_ROOT")"
    if [ "$(id -u)" -eq 0 ] && [ "$owner" != "root" ] && [ "$owner" != "UNKNOWN" ]; then
        printf '%s\n' "$owner"
    else
        id -un
    fi
}

build_home() {
    local user
    user="$(build_user)"
    if [ "$user" = "$(id -un)" ]; then
        printf '%s\n' "$HOME"
    else
        getent passwd "$user" | cut -d: -f6
    fi
}

run_as_user() {
    local user
    user="$(build_user)"
    if [ "$user" = "$(id -un)" ]; then
        "$@"
    else
        sudo -u "$user" -H env "PATH=$PATH" "$@"
    fi
}

ensure_cargo_path() {
    local dir
    for dir in "$(build_home)/.cargo/bin" "${CARGO_HOME:-$HOME/.cargo}/bin"; do
        if [ -x "$dir/cargo" ]; then
            case ":$PATH:" in
                *":$dir:"*) ;;
                *) PATH="$dir:$PATH" ;;
            esac
        fi
    done
    export PATH
}

# setup.sh installs Node.js into target/node only when the system has none new enough for the UI;
# when it is there, it comes first on PATH for every script.
ensure_node_path() {
    local dir="$REPO_ROOT/target/node/bin"
    if [ -x "$dir/node" ]; then
        case ":$PATH:" in
            *":$dir:"*) ;;
            *) PATH="$dir:$PATH" ;;
        esac
        export PATH
    fi
}
ensure_node_path
