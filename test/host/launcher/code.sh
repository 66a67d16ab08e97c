#!/usr/bin/env bash
# Stands in for the VS Code executable that @vscode/test-electron launches (its vscodeExecutablePath):
# the arguments it passes become a run of the host suite in code-server + Chromium (see code.ts).
exec node "$(dirname "${BASH_SOURCE[0]}")/../../../out/test/host/launcher/code.js" "$@"
