#!/usr/bin/env bash
# `npm run demo`: the packaged extension in a real VS Code (code-server) in your browser, connected to
# a local emulator with demo secrets. Usage: npm run demo [-- --port 8080]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"

bash scripts/setup-test-env.sh --quiet

echo "demo: building"
BUILD_OUT="$(node esbuild.mjs --production 2>&1)" || { echo "$BUILD_OUT" >&2; exit 1; }
if ! tsc -p . >/dev/null; then
  [[ -f out/scripts/demo.js ]] || { echo "demo: tsc failed and out/scripts/demo.js is missing (npm run typecheck shows why)" >&2; exit 1; }
  echo "demo: warning: tsc reported type errors (npm run typecheck); using what it emitted"
fi

# Package only when the .vsix is older than what goes into it.
VSIX=stripe-app-secrets.vsix
if [[ ! -f "$VSIX" || -n "$(find src media package.json README.md CHANGELOG.md LICENSE .vscodeignore -newer "$VSIX" -print -quit 2>/dev/null)" ]]; then
  echo "demo: packaging $VSIX"
  PACKAGE_LOG="$(mktemp -t vsce.XXXXXX.log)"
  vsce package --no-dependencies -o "$VSIX" >"$PACKAGE_LOG" 2>&1 || { cat "$PACKAGE_LOG" >&2; exit 1; }
  rm -f "$PACKAGE_LOG"
fi

exec node out/scripts/demo.js "$@"
