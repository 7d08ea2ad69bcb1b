#!/usr/bin/env bash
# Code pages of the web application over HTTP with wrk, guests metered.
#   bench/web_load.sh [STORE]   (default build/medcode.db; build/release must exist)
# Env: DURATION (20s), CONNS (64), THREADS (wrk threads, 2), PORT (18091),
#      ACCOUNTS (account database; default a fresh SQLite file; a
#      PostgreSQL connection string measures that backend).
# Each request of the walk is a new guest (wrk sends no cookie) asking for
# the next code of the store in random order, so every answer is a full
# code page and every one writes a view to the account database (the
# server runs with --guests-per-address 0, else one address is walled
# after 20 guests a day).  Baseline in the same run: the same document
# from /api/v1/reports/{code}?format=html (same builder and renderer, no
# layout, no session, no meter).  Both with the response cache off.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-build/medcode.db}
bin=${MEDCODE_BIN:-build/release/medcode}
dur=${DURATION:-20s}
conns=${CONNS:-64}
wthreads=${THREADS:-2}
port=${PORT:-18091}
base=http://127.0.0.1:$port
[ -x "$bin" ] || { echo "web_load: build first (scripts/build release)" >&2; exit 2; }
[ -f "$store" ] || { echo "web_load: no store at $store" >&2; exit 2; }
command -v wrk >/dev/null || { echo "web_load: wrk not installed (scripts/setup)" >&2; exit 2; }
tmp=$(mktemp -d)
codes=$tmp/codes.txt
sqlite3 "$store" "SELECT DISTINCT code FROM code WHERE kind NOT IN ('chapter','section') AND system IN ('cpt','hcpcs','icd10cm') ORDER BY random()" >"$codes"
accounts=${ACCOUNTS:-$tmp/accounts.db}
"$bin" --db "$store" serve --port "$port" --quiet --cache-mb 0 --guests-per-address 0 --accounts "$accounts" 2>"$tmp/log" &
pid=$!
cleanup() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/healthz" >/dev/null || { cat "$tmp/log" >&2; exit 1; }

# shellcheck source=bench/wrk_run.sh
. bench/wrk_run.sh
run() { wrk_run "$@"; }

echo "machine: $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); store $store ($(wc -l <"$codes") codes)"
echo "wrk: $wthreads threads, $conns connections, $dur per run; $(grep -o 'accounts in [a-z]*' "$tmp/log"); load $(cut -d' ' -f1-3 /proc/loadavg)"
run "baseline: /api/v1/reports/{code}?format=html" -s bench/serve_load.lua "$base" -- "$codes" "/api/v1/reports/" "?format=html"
run "/codes/{code}, a new guest each, metered" -s bench/serve_load.lua "$base" -- "$codes" "/codes/"
echo "views recorded: $(curl -s "$base/metrics" | awk -F' ' '/route="web_code",code="2xx"/ {print $2}')"
