#!/usr/bin/env bash
# `npm run screenshots [FLOW ...]`: the one command that refreshes the README's pictures. The browser
# flows save their screenshots in test-results/screenshots/ (ignored by git) on every run; this runs
# them (all, or the named flows: `npm run screenshots -- connection secretActions`) and, when they
# pass, copies the pictures they took into docs/screenshots/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"
SHOTS=test-results/screenshots
mkdir -p "$SHOTS"
STARTED="$(mktemp)"
trap 'rm -f "$STARTED"' EXIT

if (($#)); then
  bash scripts/test-all.sh build package
  files=()
  for flow in "$@"; do
    file="out/test/e2e/flows/${flow%.test.ts}.test.js"
    [[ "$flow" == welcome ]] && file=out/test/e2e/welcome.test.js
    [[ -f "$file" ]] || { echo "no browser flow '$flow' ($file)" >&2; exit 2; }
    files+=("$file")
  done
  node --test --test-concurrency=1 "${files[@]}"
else
  bash scripts/test-all.sh build package e2e
fi

mapfile -t taken < <(find "$SHOTS" -name '*.png' -newer "$STARTED" | sort)
if ((${#taken[@]} == 0)); then echo "the flows took no screenshot" >&2; exit 1; fi
cp "${taken[@]}" docs/screenshots/
echo "copied ${#taken[@]} screenshot(s) into docs/screenshots/: $(basename -a "${taken[@]}" | tr '\n' ' ')"
