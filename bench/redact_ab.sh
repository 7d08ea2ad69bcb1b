#!/usr/bin/env bash
# Alternate two builds of bench_redact (older first) and print the median and
# best CPU-time MB/s of each, on generated notes (bench_redact MB) and, when
# given, on the texts of a JSONL file.  This VM's timings swing by a third
# from run to run, so only runs taken in turn are compared.
# Usage: bench/redact_ab.sh OLD_BUILD_DIR NEW_BUILD_DIR [ROUNDS] [NOTES.jsonl]
#   e.g. git worktree add /tmp/old REV && cmake -S /tmp/old -B /tmp/old/build -G Ninja \
#        -DCMAKE_BUILD_TYPE=Release && ninja -C /tmp/old/build bench_redact
#        bench/redact_ab.sh /tmp/old/build build/release 7 /tmp/codiesp.jsonl
set -euo pipefail
old=${1:?old build dir}; new=${2:?new build dir}; rounds=${3:-5}; notes=${4:-}
: "${MEDCODE_DATA:=../shared/data}"; export MEDCODE_DATA
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for r in $(seq "$rounds"); do
  for b in "$old" "$new"; do
    g=$("$b/bench_redact" 32 | sed -n 's/.*same in CPU time: .* = \([0-9.]*\) MB\/s.*/\1/p')
    c=-
    if [ -n "$notes" ]; then
      c=$(BENCH_REPS=5 "$b/bench_redact" 0 --notes "$notes" | sed -n 's/.*detect + mask \([0-9.]*\) MB\/s.*/\1/p')
    fi
    echo "$b $g $c" >>"$out"
  done
done
python3 - "$out" <<'PY'
import statistics, sys, collections
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    b, g, c = line.split()
    runs.setdefault(b, ([], []))
    runs[b][0].append(float(g))
    if c != '-':
        runs[b][1].append(float(c))
for b, (g, c) in runs.items():
    row = f"{b}: generated 32 MB median {statistics.median(g):.1f} best {max(g):.1f} MB/s"
    if c:
        row += f" | notes median {statistics.median(c):.1f} best {max(c):.1f} MB/s"
    print(row)
PY
