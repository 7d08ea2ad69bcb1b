#!/usr/bin/env bash
# End to end through the binary on our fixtures: import, info, lookup in
# human and JSON form, exit codes, and the store untouched by bad input.
set -euo pipefail
bin=${MC_BINARY:?}
fx=${MC_SOURCE_DIR:?}/tests/fixtures/store
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/t.db
"$bin" --db "$db" import --quiet "$fx/order_2020.txt" "$fx/order_2021.txt"
"$bin" --db "$db" info --json | jq -e '.systems.icd10cm.billable == 6' >/dev/null
"$bin" --db "$db" info --json | jq -e '[.releases[] | select(.stream=="icd10cm")] | length == 2' >/dev/null

# Any spelling of a code; JSON carries the release it came from.
"$bin" --db "$db" lookup q99.2 --date 2020-05-01 --json >"$tmp/a.json"
jq -e '.results[0].code == "Q99.2" and .results[0].title == "Made-up code two, old title"
       and .results[0].source.release == "FY2020" and .results[0].billable == true' "$tmp/a.json" >/dev/null

# A header says it is not billable and lists its billable codes.
"$bin" --db "$db" lookup Q99.1 >"$tmp/h.txt"
grep -q 'billable: no (header: not billable)' "$tmp/h.txt"
grep -q 'Q99.12 Made-up leaf twelve, added' "$tmp/h.txt"

# A deleted code: exit 1, says when.
set +e
"$bin" --db "$db" lookup Q99.3 >"$tmp/d.txt"; rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "deleted code: exit $rc"; exit 1; }
grep -q 'state: deleted on 2020-10-01' "$tmp/d.txt"

# Bad usage and bad input: exit 2, one line on stderr, store unchanged.
before=$("$bin" --db "$db" info --json | jq -c '[.releases[] | [.stream, .release, .records]]')
cp "$fx/../bad/order_2022_bad.txt.in" "$tmp/icd10cm_order_2022.txt"
set +e
"$bin" --db "$db" import --quiet "$tmp/icd10cm_order_2022.txt" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "bad import: exit $rc"; exit 1; }
[ "$(wc -l <"$tmp/err")" -eq 1 ] || { echo "bad import: stderr not one line"; cat "$tmp/err"; exit 1; }
grep -q 'icd10cm_order_2022.txt:3' "$tmp/err"
after=$("$bin" --db "$db" info --json | jq -c '[.releases[] | [.stream, .release, .records]]')
[ "$before" = "$after" ] || { echo "store changed by bad input"; exit 1; }
set +e
"$bin" --db "$db" lookup --date 2020-13-01 Q99 2>"$tmp/err"; rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "bad date: exit $rc"; exit 1; }
echo ok
