#!/usr/bin/env bash
# medcode report end to end on the official data: publications and code
# pages in HTML checked by tidy, a small static site (--all), exit codes,
# and a screenshot in headless Chromium when /usr/bin/chromium exists
# (saved to $MC_SCREENSHOT_DIR when set).  Skips, saying why, when
# MEDCODE_DATA is unset.
set -euo pipefail
bin=${MC_BINARY:?}
src=${MC_SOURCE_DIR:?}
if [ -z "${MEDCODE_DATA:-}" ] || [ ! -d "${MEDCODE_DATA}" ]; then
  echo "report_html: skipped: MEDCODE_DATA is not set (the pages need the official files)"; exit 0
fi
command -v tidy >/dev/null || { echo "report_html: tidy is not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/r.db
d=$MEDCODE_DATA
"$bin" --db "$db" import --quiet "$d/mpfs_rvu/PPRRVU2025_Oct.csv" "$d/hcpcs/HCPC2025_OCT_ANWEB.xlsx" \
  "$d/ncci" "$d/nucc_taxonomy" "$d/icd10cm/icd10cm_fy2026_codes_titles_medicalcoder.tsv" >/dev/null
fx=$src/tests/fixtures/publish
date=--date=2026-06-01

check_html() { # file: tidy reports no error
  local out
  out=$(tidy -errors -q "$1" 2>&1) || true
  if [ -n "$out" ]; then echo "tidy: $1:"; echo "$out"; exit 1; fi
}

"$bin" --db "$db" report 0620T --input "$fx/0620T.json" --format html $date >"$tmp/0620T.html"
"$bin" --db "$db" report 34712 --input "$fx/34712.json" --format html $date >"$tmp/34712.html"
"$bin" --db "$db" report 37249 --format html $date >"$tmp/37249.html"
"$bin" --db "$db" report J1100 --format html $date >"$tmp/J1100.html"
for f in "$tmp"/*.html; do check_html "$f"; done

# Failed rows are in Validation, not in the tables; missing says so.
grep -q 'taxonomy.exists' "$tmp/0620T.html"
grep -q '2086S0129X' "$tmp/0620T.html"
grep -q 'modifier.exists' "$tmp/34712.html"
grep -q 'Data not available in the input.' "$tmp/37249.html"
! grep -q 'http' "$tmp/0620T.html" || { echo "external reference in page"; exit 1; }

# Markdown and JSON.
"$bin" --db "$db" report 0620T --input "$fx/0620T.json" $date >"$tmp/0620T.md"
grep -q "^## Validation" "$tmp/0620T.md"
"$bin" --db "$db" report 0620T --input "$fx/0620T.json" --format json $date >"$tmp/0620T.json"
jq -e '.validation.failed >= 24 and (.sources | length) > 3' "$tmp/0620T.json" >/dev/null

# Exit codes: 1 for a code that does not exist, 2 for a bad record (one line).
set +e
"$bin" --db "$db" report 0000Z $date >/dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] || { echo "unknown code: exit $rc"; exit 1; }
printf '{"code": "0620T",\n "modifiers": [{"code": 62}]}' >"$tmp/bad.json"
"$bin" --db "$db" report 0620T --input "$tmp/bad.json" 2>"$tmp/err" >/dev/null; rc=$?
[ "$rc" -eq 2 ] || { echo "bad record: exit $rc"; exit 1; }
printf '{"code": "0620T",\n "modifiers": [' >"$tmp/bad2.json"
"$bin" --db "$db" report 0620T --input "$tmp/bad2.json" 2>>"$tmp/err" >/dev/null; rc=$?
"$bin" --db "$db" report --format pdf 0620T 2>/dev/null >/dev/null; rc3=$?
set -e
[ "$rc" -eq 2 ] && [ "$rc3" -eq 2 ] || { echo "bad record or format: exit $rc $rc3"; exit 1; }
[ "$(wc -l <"$tmp/err")" -eq 2 ] || { echo "bad record: not one line each"; cat "$tmp/err"; exit 1; }
grep -q 'bad.json: \$.modifiers\[0\].code: expected a string' "$tmp/err"
grep -q 'bad2.json:2:' "$tmp/err"

# A static site (taxonomy: small) with index and search pages.
"$bin" --db "$db" report --all --system taxonomy --out "$tmp/site" $date 2>"$tmp/site.log"
grep -q 'pages in' "$tmp/site.log"
[ -f "$tmp/site/207RI0011X.html" ] && [ -f "$tmp/site/search-index.js" ] && [ -f "$tmp/site/index.json" ]
jq -e 'length > 800' "$tmp/site/index.json" >/dev/null
for f in "$tmp/site/index.html" "$tmp/site/search.html" "$tmp/site/207RI0011X.html"; do check_html "$f"; done

if [ -x /usr/bin/chromium ]; then
  shots=${MC_SCREENSHOT_DIR:-$tmp}
  mkdir -p "$shots"
  # Every table fits its card, and nothing scrolls sideways, on a 1200 px
  # desktop and a 390 px phone (a probe script is added to a copy only:
  # pages themselves carry no scripts).
  "$bin" --db "$db" report 0620T --format html $date >"$tmp/page_0620T.html"
  probe='<script>window.addEventListener("load",function(){var bad=[];document.querySelectorAll("section").forEach(function(s){var r=s.getBoundingClientRect().right;s.querySelectorAll("table").forEach(function(t){if(t.getBoundingClientRect().right>r+1)bad.push(s.id)})});if(document.documentElement.scrollWidth>window.innerWidth+1)bad.push("page");document.body.setAttribute("data-overflow",bad.join(",")||"none")});</script></body>'
  for page in 0620T 34712 page_0620T; do
    sed "s#</body>#$probe#" "$tmp/$page.html" >"$tmp/fit_$page.html"
    for w in 1200 390; do
      got=$(timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --disable-quic --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$tmp/chromium-profile" --window-size=$w,900 --virtual-time-budget=3000 \
        --dump-dom "file://$tmp/fit_$page.html" 2>/dev/null | grep -o 'data-overflow="[^"]*"' || true)
      [ "$got" = 'data-overflow="none"' ] || { echo "layout: $page at $w px: ${got:-no result}"; exit 1; }
    done
  done
  for page in 0620T 37249; do
    timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
      --disable-quic --no-first-run --disable-background-networking --disable-component-update \
      --disable-sync --user-data-dir="$tmp/chromium-profile" --window-size=1280,2000 --screenshot="$shots/report_$page.png" "file://$tmp/$page.html" >/dev/null 2>&1 || true
    [ -s "$shots/report_$page.png" ] || { echo "chromium: no screenshot of $page"; exit 1; }
  done
  echo "report_html: screenshots in $shots"
else
  echo "report_html: screenshot skipped: /usr/bin/chromium is not installed (apt-get install chromium)"
fi
echo "report_html: ok"
