#!/usr/bin/env bash
# Load test of `medcode serve` on loopback with wrk.
#   bench/serve_load.sh [STORE]   (default /tmp/v.db; build/release must exist)
# Env: DURATION (30s), SOAK (60s; 0 skips it), CONNS (64), THREADS (wrk
#      threads, 2), PORT (18090), SERVE_THREADS (server workers, default
#      CPUs), CACHE_MB (the server's --cache-mb: 0 measures the uncached
#      path; default the server's 32 MiB cache), SERVE_ARGS (more options).
# Reports, for each run: req/s, p50, p99 and errors (socket errors plus
# non-2xx answers), and the server's RSS before and after a soak.
#  1. lookup of one code (hot: the same record every time)
#  2. lookups walking every code in the store (bench/serve_load.lua)
#  3. FHIR $validate-code walking every ICD-10-CM code
#  4. searches and type-ahead, when the store has a search index
# With the cache on, (1) and the searches are answered from it after the
# first request; the walks mostly miss (every code in random order).
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-/tmp/v.db}
bin=${MEDCODE_BIN:-build/release/medcode}
dur=${DURATION:-30s}
soak=${SOAK:-60s}
conns=${CONNS:-64}
wthreads=${THREADS:-2}
port=${PORT:-18090}
base=http://127.0.0.1:$port
[ -x "$bin" ] || { echo "serve_load: build first (scripts/build release)" >&2; exit 2; }
[ -f "$store" ] || { echo "serve_load: no store at $store" >&2; exit 2; }
command -v wrk >/dev/null || { echo "serve_load: wrk not installed (scripts/setup)" >&2; exit 2; }

codes=$(mktemp) icd=$(mktemp) log=$(mktemp)
sqlite3 "$store" "SELECT DISTINCT code FROM code WHERE kind NOT IN ('chapter','section') ORDER BY random()" >"$codes"
sqlite3 "$store" "SELECT DISTINCT code FROM code WHERE system='icd10cm' AND kind NOT IN ('chapter','section') ORDER BY random()" >"$icd"

args=(--db "$store" serve --port "$port" --quiet)
[ -n "${SERVE_THREADS:-}" ] && args+=(--threads "$SERVE_THREADS")
[ -n "${CACHE_MB:-}" ] && args+=(--cache-mb "$CACHE_MB")
# shellcheck disable=SC2206
[ -n "${SERVE_ARGS:-}" ] && args+=($SERVE_ARGS)
"$bin" "${args[@]}" 2>"$log" &
pid=$!
cleanup() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$codes" "$icd" "$log"; }
trap cleanup EXIT
for _ in $(seq 1 50); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/healthz" >/dev/null || { cat "$log" >&2; exit 1; }

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
# shellcheck source=bench/wrk_run.sh
. bench/wrk_run.sh
run() { wrk_run "$@"; }

echo "machine: $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); store $store"
echo "wrk: $wthreads threads, $conns connections, $dur per run; server ${args[*]:2}; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RSS at start: $(rss)"
run "lookup E11.52 (one code)" "$base/api/v1/codes/E11.52"
run "lookup, every code in turn" -s bench/serve_load.lua "$base" -- "$codes"
run "lookup ?brief=true, every code" -s bench/serve_load.lua "$base" -- "$codes" "/api/v1/codes/" "?brief=true"
run "FHIR \$validate-code, every ICD code" -s bench/serve_load.lua "$base" -- "$icd" \
  "/fhir/CodeSystem/\$validate-code?url=http://hl7.org/fhir/sid/icd-10-cm&code="
if curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/search?q=diabetes" | grep -q '^200$'; then
  run "search 'diabetes gangrene'" "$base/api/v1/search?q=diabetes%20gangrene"
  run "type-ahead 'diab'" "$base/api/v1/search?q=diab&prefix=true"
else
  echo "search: no search route in this server (skipped)"
fi
[ "$soak" = 0 ] && { echo "RSS at end: $(rss)"; exit 0; }
echo "RSS before soak: $(rss)"
dur=$soak run "soak: lookup, every code ($soak)" -s bench/serve_load.lua "$base" -- "$codes"
echo "RSS after soak: $(rss)"
curl -s "$base/metrics" | grep '^medcode_http_cache' || true
