#!/usr/bin/env bash
# Redaction has what it needs after the README's main command, and refuses
# to run without it.
#  1. A missing resource is one clear line on stderr and exit 2 (no store,
#     a store without name lists, no English word list); the HTTP route
#     answers 503 with the reason; --allow-missing-lists opts out.
#  2. Exactly as the README says: scripts/run (set up, build, import
#     ../shared/data into build/medcode.db, serve), then `medcode redact`
#     with no environment variable at all, and POST /api/v1/redact to the
#     server scripts/run started.  Needs $MEDCODE_DATA (skipped without it).
set -euo pipefail
bin=${MC_BINARY:?}
src=${MC_SOURCE_DIR:?}
fx=$src/tests/fixtures
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
note='Pt John Smith, 75 yo M. Seen by Dr. Quillbrook.'

# Run redact with no environment but PATH and an empty HOME; prints the exit
# status after stdout.
bare() {
  local rc=0
  env -i PATH=/usr/bin:/bin HOME="$tmp/home" "$@" <<<"$note" >"$tmp/out" 2>"$tmp/err" || rc=$?
  echo "$rc"
}
# The one-line refusal: exit 2, one line, its words.
refused() {
  local rc=$1 what=$2
  [ "$rc" = 2 ] || { echo "expected exit 2, got $rc: $(cat "$tmp/err")"; exit 1; }
  [ "$(wc -l <"$tmp/err")" = 1 ] || { echo "expected one line:"; cat "$tmp/err"; exit 1; }
  grep -q "$what" "$tmp/err" || { echo "expected '$what' in: $(cat "$tmp/err")"; exit 1; }
  [ ! -s "$tmp/out" ] || { echo "refused, yet wrote output"; exit 1; }
}
mkdir -p "$tmp/home"

# ---- 1. missing resources -------------------------------------------------
refused "$(bare "$bin" --db "$tmp/none.db" redact)" "no code store at"
"$bin" --db "$tmp/codes.db" import --quiet "$fx/store/order_2020.txt"
refused "$(bare "$bin" --db "$tmp/codes.db" redact)" "has no name lists"
[ "$(bare "$bin" --db "$tmp/codes.db" redact --allow-missing-lists)" = 0 ]
grep -q 'Dr. \[NAME\]' "$tmp/out"
"$bin" --db "$tmp/names.db" import --quiet "$fx/names/first_names_ssa.txt" "$fx/names/surnames_2010.csv"
refused "$(bare "$bin" --db "$tmp/names.db" redact --words "$tmp/no-words")" "English word list"
[ "$(bare "$bin" --db "$tmp/names.db" redact)" = 0 ]
! grep -q 'Smith\|John\|Quillbrook' "$tmp/out"

# the server on a store without name lists: 503 and the reason
"$bin" --db "$tmp/codes.db" serve --port 0 --threads 1 2>"$tmp/log" &
pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's|.*listening on \(http://[^ ]*\)/ .*|\1|p' "$tmp/log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "server did not start"; cat "$tmp/log"; exit 1; }
code=$(curl -s -o "$tmp/resp" -w '%{http_code}' -d "{\"text\":\"$note\"}" "$url/api/v1/redact")
[ "$code" = 503 ] || { echo "redact on a store without names: HTTP $code"; cat "$tmp/resp"; exit 1; }
grep -q 'no name lists' "$tmp/resp"
! grep -q 'Smith' "$tmp/resp"
kill -TERM "$pid"
wait "$pid" || true
pid=

# ---- 2. after scripts/run, with no environment variable -------------------
if [ -z "${MEDCODE_DATA:-}" ]; then
  echo "ok (MEDCODE_DATA unset: the scripts/run part skipped)"
  exit 0
fi
MEDCODE_PORT=0 "$src/scripts/run" >"$tmp/run.log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 6000); do
  url=$(sed -n 's|.*listening on \(http://[^ ]*\)/ .*|\1|p' "$tmp/run.log")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "scripts/run stopped"; tail -20 "$tmp/run.log"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "scripts/run did not start serving"; tail -20 "$tmp/run.log"; exit 1; }
[ "$(bare "$src/build/release/medcode" redact)" = 0 ] || { cat "$tmp/err"; exit 1; }
grep -q '^Pt \[NAME\], 75 yo M\. Seen by Dr\. \[NAME\]\.$' "$tmp/out" || { echo "redact:"; cat "$tmp/out"; exit 1; }
curl -sf -d "{\"id\":1,\"text\":\"$note\"}" "$url/api/v1/redact" >"$tmp/resp"
jq -e '.id == 1 and (.text | test("Smith|John|Quillbrook") | not) and (.spans | length) == 2' "$tmp/resp" >/dev/null ||
  { echo "POST /api/v1/redact:"; cat "$tmp/resp"; exit 1; }
kill -TERM "$pid"
wait "$pid" || true
pid=
echo ok
