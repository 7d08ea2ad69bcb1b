#!/usr/bin/env bash
# The browser suite (Playwright + axe-core, tests/browser/*.test.mjs) over
# a store imported from $MEDCODE_DATA into a temporary directory.
# Usage: tests/browser/run.sh [BUILD_DIR]   (default build/release)
# Screenshots: build/browser-artifacts/ (kept after the run).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
: "${MEDCODE_DATA:?set MEDCODE_DATA to the official files}"
[ -d node_modules/playwright-core ] || { echo "browser tests: run scripts/setup first (npm ci)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/medcode" --db "$tmp/store.db" import --quiet "$MEDCODE_DATA" >/dev/null
MC_BINARY=$PWD/$build/medcode MEDCODE_DB=$tmp/store.db MC_ARTIFACTS=$PWD/build/browser-artifacts \
  node --test --test-reporter=spec tests/browser/
