#!/usr/bin/env bash
# medcode serve end to end: start the binary on a free port over a fixture
# store, curl the JSON API and FHIR routes, check the access log leaves out
# query strings, and that SIGTERM stops it with exit 0.
set -euo pipefail
bin=${MC_BINARY:?}
fx=${MC_SOURCE_DIR:?}/tests/fixtures/store
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
db=$tmp/t.db
# (and name lists: without them the redaction route refuses to run)
"$bin" --db "$db" import --quiet "$fx/order_2020.txt" "$fx/order_2021.txt" \
  "$fx/../names/first_names_ssa.txt" "$fx/../names/surnames_2010.csv"

"$bin" --db "$db" serve --port 0 --threads 2 2>"$tmp/log" &
pid=$!
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's|.*listening on \(http://[^ ]*\)/ .*|\1|p' "$tmp/log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "server did not start"; cat "$tmp/log"; exit 1; }

# The API's JSON is the command line's, byte for byte.
curl -sf "$url/api/v1/codes/Q99.2?date=2020-05-01" >"$tmp/api.json"
"$bin" --db "$db" lookup Q99.2 --date 2020-05-01 --json >"$tmp/cli.json"
cmp "$tmp/api.json" "$tmp/cli.json"

[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/codes/Z00.00")" = 404 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$url/healthz")" = 405 ]
curl -sf "$url/fhir/CodeSystem/\$lookup?system=http://hl7.org/fhir/sid/icd-10-cm&code=Q99.2&date=2021-01-01" |
  jq -e '.resourceType == "Parameters" and (.parameter[] | select(.name=="version") | .valueString) == "FY2021"' >/dev/null
curl -s "$url/fhir/CodeSystem/\$lookup?system=http://hl7.org/fhir/sid/icd-10-cm" |
  jq -e '.resourceType == "OperationOutcome" and .issue[0].code == "required"' >/dev/null
curl -sf -H 'Content-Type: application/fhir+json' -d '{"resourceType":"Parameters","parameter":[
    {"name":"url","valueUri":"http://hl7.org/fhir/sid/icd-10-cm?fhir_vs"},{"name":"count","valueInteger":2}]}' \
  "$url/fhir/ValueSet/\$expand" | jq -e '.expansion.contains | length == 2' >/dev/null
# Code pages (the bytes of `report --format md`), answers, redaction.
curl -sf "$url/api/v1/reports/Q99.2?date=2021-01-01&format=md" >"$tmp/api.md"
"$bin" --db "$db" report Q99.2 --date 2021-01-01 --format md >"$tmp/cli.md"
cmp "$tmp/api.md" "$tmp/cli.md"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/reports/Q99.2?format=pdf")" = 400 ]
curl -sf "$url/api/v1/answer?q=made-up+leaf&format=json" | jq -e '.kind == "answer"' >/dev/null
curl -sf -d '{"id":1,"text":"Reach Jane at 555-123-4567, SSN 123-45-6789."}' "$url/api/v1/redact" |
  jq -e '.id == 1 and (.text | contains("123-45-6789") | not) and (.spans | length) >= 2' >/dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' -d '{"text":' "$url/api/v1/redact")" = 400 ]
# Metrics are counted when a response has been sent, which can trail the
# client's read by a moment: look a few times.
for i in $(seq 1 20); do
  curl -sf "$url/metrics" | grep -q 'medcode_http_requests_total{route="codes",code="2xx"} 1' && break
  [ "$i" -lt 20 ] || { echo "codes 2xx count missing from /metrics"; exit 1; }
  sleep 0.05
done

# The access log has paths, never query strings.
grep -q 'GET /api/v1/codes/Q99.2 200' "$tmp/log"
! grep -q 'date=2020' "$tmp/log"
# ... and never bodies.
grep -q 'POST /api/v1/redact 200' "$tmp/log"
! grep -q '555-123-4567\|123-45-6789\|Jane' "$tmp/log"

kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
[ "$rc" -eq 0 ] || { echo "serve exited $rc on SIGTERM"; cat "$tmp/log"; exit 1; }
grep -q 'stopped' "$tmp/log"
echo ok
