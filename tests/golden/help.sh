#!/usr/bin/env bash
# Every command in the table answers --help with its usage and exit 0;
# unknown commands and options exit 2 with one line on stderr.
set -euo pipefail
bin=${MC_BINARY:?}
"$bin" --help | grep -q '^usage: medcode'
cmds=$("$bin" --help | awk '/^commands:/{f=1;next} /^$/{f=0} f{print $1}')
[ -n "$cmds" ] || { echo "no commands listed"; exit 1; }
n=0
for c in $cmds; do
  out=$("$bin" "$c" --help)
  grep -q "^usage: medcode \[--db PATH\] $c" <<<"$out" || { echo "$c --help: no usage line"; exit 1; }
  grep -q -- '--help' <<<"$out" || { echo "$c --help: no options"; exit 1; }
  n=$((n + 1))
done
set +e
"$bin" no-such-command 2>/tmp/mc_help_err.$$; rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "unknown command: exit $rc"; exit 1; }
[ "$(wc -l </tmp/mc_help_err.$$)" -eq 1 ] || { echo "unknown command: not one line"; exit 1; }
set +e
"$bin" lookup --bogus 2>/tmp/mc_help_err.$$; rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "bad option: exit $rc"; exit 1; }
rm -f /tmp/mc_help_err.$$
echo "$n commands answer --help"
