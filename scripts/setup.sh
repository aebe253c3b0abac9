#!/usr/bin/env bash
# Installs what building and testing Schemata needs on Debian 12. Safe to run again: it only calls
# apt-get when a package is missing, and only installs Rust when cargo is absent or too old.
# Runs as root, or as a user with sudo. Starts no system services: the tests start their own
# database servers.
set -euo pipefail

# shellcheck source=scripts/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# Every Debian package the project needs, in one place.
PACKAGES=(
    # Building
    build-essential pkg-config curl ca-certificates git
    # Database servers for the live-database tests (started by the tests themselves)
    postgresql postgresql-contrib postgresql-15-hypopg postgresql-15-postgis-3
    mariadb-server mariadb-client
    # Desktop app: WebKitGTK for Tauri, a WebDriver, a virtual display, a browser for UI tests
    libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb xauth chromium
    # The desktop app's end-to-end test (Selenium in a virtual environment)
    python3 python3-venv
)

# Oldest Rust the workspace builds with (Cargo.toml: rust-version).
RUST_MIN="$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' "$REPO_ROOT/Cargo.toml" | head -n1)"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "setup.sh: installing system packages needs root; run it as root or with sudo" >&2
        exit 1
    fi
}

missing_packages() {
    local pkg
    for pkg in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$pkg"
        fi
    done
}

install_packages() {
    local missing
    mapfile -t missing < <(missing_packages)
    if [ "${#missing[@]}" -eq 0 ]; then
        say "System packages: all ${#PACKAGES[@]} present"
        return
    fi
    say "System packages: installing ${missing[*]}"
    # Keep apt from starting the database servers it installs (exit 101 = action forbidden).
    local policy=/usr/sbin/policy-rc.d added_policy=0
    if [ ! -e "$policy" ]; then
        as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
        added_policy=1
    fi
    local status=0
    as_root apt-get update || status=$?
    if [ "$status" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y --no-install-recommends "${missing[@]}" || status=$?
    fi
    if [ "$added_policy" -eq 1 ]; then
        as_root rm -f "$policy"
    fi
    if [ "$status" -ne 0 ]; then
        echo "setup.sh: apt-get failed (status $status)" >&2
        exit "$status"
    fi
}

# True when version $1 is at least version $2 (both dotted numbers).
version_at_least() {
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

install_rust() {
    ensure_cargo_path
    if command -v cargo >/dev/null 2>&1; then
        local have
        have="$(cargo --version | awk '{print $2}')"
        if version_at_least "$have" "$RUST_MIN"; then
            say "Rust: cargo $have (needs $RUST_MIN or newer)"
        elif command -v rustup >/dev/null 2>&1; then
            say "Rust: cargo $have is older than $RUST_MIN; updating the stable toolchain"
            run_as_user rustup toolchain install stable --profile minimal
            run_as_user rustup default stable
        else
            echo "setup.sh: cargo $have is older than $RUST_MIN and rustup is absent;" \
                "install Rust from https://rustup.rs" >&2
            exit 1
        fi
    else
        # Debian's rustc is too old for this workspace: install rustup's stable toolchain.
        say "Rust: cargo not found; installing the stable toolchain with rustup for $(build_user)"
        local installer
        installer="$(mktemp)"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs -o "$installer"
        chmod 755 "$installer"
        run_as_user sh "$installer" -y --profile minimal --default-toolchain stable
        rm -f "$installer"
        ensure_cargo_path
    fi
    if command -v rustup >/dev/null 2>&1; then
        if ! run_as_user cargo fmt --version >/dev/null 2>&1 ||
            ! run_as_user cargo clippy --version >/dev/null 2>&1; then
            say "Rust: adding rustfmt and clippy"
            run_as_user rustup component add rustfmt clippy
        fi
    fi
}

# tauri-driver (the WebDriver server for the app's end-to-end test) and Selenium, in a virtual
# environment under target/, both only when missing.
install_e2e_tools() {
    ensure_cargo_path
    if ! run_as_user sh -c 'command -v tauri-driver' >/dev/null 2>&1; then
        say "tauri-driver: installing 2.1.0"
        run_as_user cargo install tauri-driver@2.1.0 --locked
    fi
    local venv="$REPO_ROOT/target/e2e-venv"
    if ! run_as_user "$venv/bin/python" -c 'import selenium' >/dev/null 2>&1; then
        say "Selenium: installing 4.51.0 into $venv"
        run_as_user mkdir -p "$REPO_ROOT/target"
        run_as_user python3 -m venv "$venv"
        run_as_user "$venv/bin/pip" install --quiet selenium==4.51.0
    fi
}

say "Setting up $(basename "$REPO_ROOT") (builds run as $(build_user))"
install_packages
install_rust
install_e2e_tools
say "Setup done"
