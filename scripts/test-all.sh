#!/usr/bin/env bash
# `npm test`: every layer in order, stopping at the first failure, with each layer's wall time.
# Plain bash so that it runs on a fresh clone before node_modules exists (setup runs `npm ci`).
# Usage: bash scripts/test-all.sh [LAYER ...]   (e.g. `unit host` runs only those, in the usual order)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"

LAYERS=(setup typecheck lint check-commands build unit integration package host e2e)

# Runs the .js tests under a folder; a layer that finds none has lost its tests, which is a failure.
node_tests() {
  local dir="$1"; shift
  local files=()
  mapfile -t files < <(find "$dir" -name '*.test.js' -type f 2>/dev/null | sort)
  if ((${#files[@]} == 0)); then echo "no tests found in $dir" >&2; return 1; fi
  node --test "$@" "${files[@]}"
}

# The browser tests drive a real workbench on a small shared machine: a test file that fails is run
# once more, and the layer fails if it fails again. Both attempts are printed, and every file run
# again is named in the last line (`retried: …`): a flake is reported, to be fixed at its cause.
RETRIED_LOG="$(mktemp)"
trap 'rm -f "$RETRIED_LOG"' EXIT
e2e_tests() {
  local log rc
  log="$(mktemp)"
  node_tests out/test/e2e --test-concurrency=1 | tee "$log"
  rc=${PIPESTATUS[0]}
  if ((rc == 0)); then rm -f "$log"; return 0; fi
  local failed=()
  mapfile -t failed < <(grep -A8 '^not ok' "$log" | grep -oE "location: '[^']+\.test\.js" | sed -E "s/location: '//" | sort -u)
  rm -f "$log"
  if ((${#failed[@]} == 0)); then return "$rc"; fi
  echo
  echo "e2e: ${#failed[@]} file(s) failed; running them once more to tell a flake from a failure: ${failed[*]}"
  basename -a "${failed[@]}" >>"$RETRIED_LOG"
  # Its passes are already counted by the first run; its failures are the ones that count now.
  node --test --test-concurrency=1 "${failed[@]}" | sed -E 's/^# pass /# retry pass /'
  return "${PIPESTATUS[0]}"
}

# Adds a layer's counts (node's "# pass N" / "# fail N", the host runner's "host: N passed, N failed")
# to the totals printed last; after an e2e retry, the failures are those of the retry.
PASSED=0
FAILED=0
count_results() {
  local p f
  p=$(grep -oE '^(# pass |host: )[0-9]+' "$1" | head -n 1 | grep -oE '[0-9]+' || true)
  f=$(grep -E '^(# fail [0-9]+|host: [0-9]+ passed, [0-9]+ failed)' "$1" | sed -E 's/.* ([0-9]+) failed.*/\1/; s/^# fail //' | tail -n 1 || true)
  PASSED=$((PASSED + ${p:-0}))
  FAILED=$((FAILED + ${f:-0}))
}

run_layer() {
  case "$1" in
    setup) bash scripts/setup-test-env.sh ;;
    # The extension and tests, then the webview's pages (DOM types, src/webview/tsconfig.json).
    typecheck) tsc --noEmit -p . && tsc --noEmit -p src/webview ;;
    lint) eslint . && prettier --check . ;;
    check-commands) node scripts/checkCommands.mjs ;;
    # The bundle (dist/) and the compiled tests (out/).
    build) node esbuild.mjs && tsc -p . ;;
    unit) node_tests out/test/unit ;;
    integration) node_tests out/test/integration --test-concurrency=1 ;;
    # vsce runs vscode:prepublish, so dist/extension.js is the minified bundle from here on: the host
    # suite then tests what ships.
    package) vsce package --no-dependencies -o stripe-app-secrets.vsix ;;
    # Through @vscode/test-electron's runTests, with a launcher standing in for VS Code (test/host/index.ts).
    host) node out/test/host/index.js ;;
    e2e) e2e_tests ;;
    *) echo "unknown layer $1 (layers: ${LAYERS[*]})" >&2; return 2 ;;
  esac
}

SELECTED=("${LAYERS[@]}")
if (($#)); then
  for arg in "$@"; do
    [[ " ${LAYERS[*]} " == *" $arg "* ]] || { echo "unknown layer '$arg' (layers: ${LAYERS[*]})" >&2; exit 2; }
  done
  SELECTED=()
  for layer in "${LAYERS[@]}"; do
    [[ " $* " == *" $layer "* ]] && SELECTED+=("$layer")
  done
fi

SUMMARY=()
TOTAL_START=$(date +%s.%N)
STATUS=0
i=0
for layer in "${SELECTED[@]}"; do
  i=$((i + 1))
  echo
  echo "==> [$i/${#SELECTED[@]}] $layer"
  start=$(date +%s.%N)
  LAYER_LOG="$(mktemp)"
  run_layer "$layer" 2>&1 | tee "$LAYER_LOG"
  rc=${PIPESTATUS[0]}
  count_results "$LAYER_LOG"
  rm -f "$LAYER_LOG"
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  if ((rc == 0)); then
    SUMMARY+=("$(printf '  %-15s %7s s  ok' "$layer" "$secs")")
  else
    SUMMARY+=("$(printf '  %-15s %7s s  FAILED (exit %d)' "$layer" "$secs" "$rc")")
    STATUS=1
    break
  fi
done
total=$(awk -v a="$TOTAL_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

echo
echo "Test layers (wall time):"
printf '%s\n' "${SUMMARY[@]}"
printf '  %-15s %7s s  %s\n' "total" "$total" "$([[ $STATUS == 0 ]] && echo "all passed" || echo "stopped at the first failure")"
echo
RETRIED="$(sort -u "$RETRIED_LOG" | paste -sd ' ' -)"
echo "tests: $PASSED passed, $FAILED failed${RETRIED:+, retried: $RETRIED}"
exit $STATUS
