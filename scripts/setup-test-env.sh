#!/usr/bin/env bash
# Installs what the real-VS-Code tests need (see /work/shared/docs/real-vscode-testing.md):
# system packages, the project's npm packages, and code-server in a folder of its own.
# Idempotent: each step checks first and is skipped when already satisfied.
# Usage: bash scripts/setup-test-env.sh [--quiet]   (--quiet prints only what it installs)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CODE_SERVER_VERSION="4.99.4"
CODE_SERVER_DIR="$ROOT/.vscode-test/code-server-$CODE_SERVER_VERSION"
# The @vscode/ripgrep that code-server 4.99.4 depends on, and the ripgrep release it downloads.
RIPGREP_PKG_VERSION="1.15.11"
RIPGREP_VERSION="v13.0.0-10"

QUIET=0
[[ "${1:-}" == "--quiet" ]] && QUIET=1

say() { echo "setup: $*"; }
skip() { [[ $QUIET == 1 ]] || echo "setup: $*"; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

START=$(date +%s)

# --- Node -------------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "Node.js 20 is required (code-server $CODE_SERVER_VERSION pins Node 20). Install Node 20.19+ and retry."
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$NODE_MAJOR" == "20" ]] || die "Node 20 is required (found $(node -v)): code-server $CODE_SERVER_VERSION, the VS Code used by the tests, supports only Node 20."
skip "node $(node -v) ok"

# --- System packages --------------------------------------------------------------------------
chromium_path() {
  if [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then echo "$CHROMIUM_PATH"; return; fi
  local c
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    [[ -x "$c" ]] && { echo "$c"; return; }
  done
}

if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  # libkrb5-dev: code-server's kerberos module builds from source (its prebuilt comes from GitHub).
  # ripgrep: seeds @vscode/ripgrep's download. chromium + fonts: the browser the tests drive.
  # openssl: the proxy test makes a self-signed certificate for its api.stripe.com stand-in.
  # build-essential, python3, pkg-config: node-gyp builds node-pty and kerberos.
  # php-cli, ruby: the unit test that parses every generated snippet runs `php -l` and `ruby -c` (a few MB).
  WANT=(libkrb5-dev ripgrep chromium fonts-dejavu-core build-essential pkg-config openssl php-cli ruby)
  command -v python3 >/dev/null 2>&1 || WANT+=(python3)
  MISSING=()
  for p in "${WANT[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || MISSING+=("$p")
  done
  if ((${#MISSING[@]})); then
    SUDO=""
    if [[ "$(id -u)" != "0" ]]; then
      command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to run: apt-get install -y ${MISSING[*]}"
      SUDO="sudo"
    fi
    say "apt-get install ${MISSING[*]} (apt-get update first)"
    APT_LOG="$(mktemp -t apt-setup.XXXXXX.log)"
    if ! { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${MISSING[@]}"; } >"$APT_LOG" 2>&1; then
      tail -n 30 "$APT_LOG" >&2
      die "apt-get failed (full log: $APT_LOG)"
    fi
    rm -f "$APT_LOG"
  else
    skip "system packages ok (${WANT[*]})"
  fi
else
  # No apt (e.g. macOS): we cannot install system packages; say exactly what is missing.
  PROBLEMS=()
  command -v rg >/dev/null 2>&1 || PROBLEMS+=("ripgrep (brew install ripgrep)")
  [[ -n "$(chromium_path)" ]] || PROBLEMS+=("Chrome or Chromium, then export CHROMIUM_PATH=/path/to/chrome (e.g. \"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome\")")
  if [[ "$(uname -s)" == "Darwin" ]]; then
    brew list krb5 >/dev/null 2>&1 || PROBLEMS+=("krb5 headers (brew install krb5) and Xcode command line tools (xcode-select --install)")
  fi
  if ((${#PROBLEMS[@]})); then
    {
      echo "setup: this machine has no apt-get, so install these yourself, then run npm test again:"
      for p in "${PROBLEMS[@]}"; do echo "  - $p"; done
      echo "  on macOS in one go: brew install ripgrep krb5; install Chrome or Chromium and set CHROMIUM_PATH=..."
    } >&2
    exit 1
  fi
  skip "system tools ok (no apt-get; found rg and $(chromium_path))"
fi

[[ -n "$(chromium_path)" ]] || die "no Chromium found: install chromium or set CHROMIUM_PATH"

# --- The project's npm packages ---------------------------------------------------------------
# npm writes node_modules/.package-lock.json on every install: older than the lock file means stale.
if [[ ! -f "$ROOT/node_modules/.package-lock.json" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]]; then
  say "npm ci (node_modules missing or older than package-lock.json)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
else
  skip "node_modules ok"
fi

# --- code-server ------------------------------------------------------------------------------
installed_version() {
  local pj="$CODE_SERVER_DIR/node_modules/code-server/package.json"
  [[ -f "$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js" && -f "$pj" ]] || return 0
  node -p "require(process.argv[1]).version" "$pj" 2>/dev/null || true
}

if [[ "$(installed_version)" == "$CODE_SERVER_VERSION" ]]; then
  skip "code-server $CODE_SERVER_VERSION ok ($CODE_SERVER_DIR)"
else
  say "installing code-server@$CODE_SERVER_VERSION into ${CODE_SERVER_DIR#"$ROOT"/} (about 1 min)"
  mkdir -p "$CODE_SERVER_DIR"
  # A package.json of its own, so npm never walks up into the extension's package.json.
  [[ -f "$CODE_SERVER_DIR/package.json" ]] || echo '{ "name": "code-server-test-host", "private": true }' >"$CODE_SERVER_DIR/package.json"

  # @vscode/ripgrep's postinstall downloads rg from GitHub; it uses a cached tarball when present.
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) RG_TARGET="x86_64-unknown-linux-musl" ;;
    Linux-aarch64) RG_TARGET="aarch64-unknown-linux-musl" ;;
    Darwin-x86_64) RG_TARGET="x86_64-apple-darwin" ;;
    Darwin-arm64) RG_TARGET="aarch64-apple-darwin" ;;
    *) die "unsupported platform $(uname -s)-$(uname -m)" ;;
  esac
  RG_CACHE="${TMPDIR:-/tmp}"
  RG_CACHE="${RG_CACHE%/}/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  RG_TARBALL="$RG_CACHE/ripgrep-$RIPGREP_VERSION-$RG_TARGET.tar.gz"
  if [[ ! -s "$RG_TARBALL" ]]; then
    RG_BIN="$(command -v rg)" || die "ripgrep (rg) is not installed"
    mkdir -p "$RG_CACHE"
    RG_STAGE="$(mktemp -d)"
    cp "$RG_BIN" "$RG_STAGE/rg"
    tar -czf "$RG_TARBALL" -C "$RG_STAGE" rg
    rm -rf "$RG_STAGE"
    say "seeded the ripgrep download cache with $RG_BIN"
  fi

  INSTALL_LOG="$ROOT/.vscode-test/code-server-install.log"
  # npm_config_yes: node-pty's install runs `npx node-gyp`, which would wait for a yes.
  # --unsafe-perm: as root, code-server's postinstall refuses to run without it.
  if ! (cd "$CODE_SERVER_DIR" && npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --save-exact \
      "code-server@$CODE_SERVER_VERSION") >"$INSTALL_LOG" 2>&1; then
    tail -n 40 "$INSTALL_LOG" >&2
    die "code-server install failed (full log: $INSTALL_LOG)"
  fi
  [[ "$(installed_version)" == "$CODE_SERVER_VERSION" ]] || { tail -n 40 "$INSTALL_LOG" >&2; die "code-server installed but $CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js is missing (log: $INSTALL_LOG)"; }
  say "code-server $CODE_SERVER_VERSION installed"
fi

skip "done in $(($(date +%s) - START)) s"
