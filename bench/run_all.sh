#!/usr/bin/env bash
# Every benchmark in one run, for a quiet machine (nothing else running).
#   bench/run_all.sh [OUT.txt]     (default: stdout only)
# Needs $MEDCODE_DATA (default ../shared/data); the CodiEsp notes under
# ../shared/eval-dev are used for the detection bench when present.
# Prints figures only; nothing here passes or fails.
set -uo pipefail
cd "$(dirname "$0")/.."
export MEDCODE_DATA=${MEDCODE_DATA:-../shared/data}
MEDCODE_DATA=$(cd "$MEDCODE_DATA" && pwd)
export MC_SOURCE_DIR=$PWD
scripts/build release || exit 2
b=build/release
db=$(mktemp -d)/bench.db
{
  echo "# medcode benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo; echo "## import (full \$MEDCODE_DATA into a new store) vs parse only"; $b/bench_import "$MEDCODE_DATA"
  $b/medcode --db "$db" import --quiet "$MEDCODE_DATA"
  echo; echo "## lookup over every code, in-process"; $b/bench_lookup "$db"
  echo; echo "## cold start"; $b/bench_cold_start "$b/medcode" "$db" 200
  echo; echo "## search"; $b/bench_search "$db" tests/data/search_queries.tsv
  echo; echo "## code pages"; $b/bench_report "$db"
  notes=$(cd .. && pwd)/shared/eval-dev/icd/codiesp
  if [ -f "$notes/train/notes.jsonl" ]; then
    cat "$notes/train/notes.jsonl" "$notes/dev/notes.jsonl" > "${db%.db}.codiesp.jsonl"
    echo; echo "## detect (CodiEsp train+dev notes)"; $b/bench_detect "$db" "${db%.db}.codiesp.jsonl" 3
  fi
  echo; echo "## redact"; $b/bench_redact 64
  echo; echo "## server load (wrk, 64 connections)"; DURATION=${DURATION:-15s} SOAK=${SOAK:-30s} bench/serve_load.sh "$db"
} 2>&1 | tee "${1:-/dev/null}"
rm -rf "$(dirname "$db")"
