#!/usr/bin/env bash
# A PostgreSQL server of a test's own: initdb in DIR, listening only on a
# Unix socket in DIR (no TCP port), started and stopped with pg_ctl.
#   pg_server.sh start DIR   prints the libpq connection string
#   pg_server.sh stop DIR
# As root, the server runs as the 'postgres' user (initdb refuses root).
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?directory}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/initdb" ] || { echo "pg_server: PostgreSQL server binaries not found (scripts/setup installs postgresql-15)" >&2; exit 2; }
as=()
if [ "$(id -u)" -eq 0 ]; then
  as=(runuser -u postgres --)
  chown postgres "$dir"
fi
case "$cmd" in
  start)
    "${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses= -c fsync=off -c full_page_writes=off" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "host=$dir dbname=postgres user=postgres"
    ;;
  stop)
    "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: pg_server.sh start|stop DIR" >&2; exit 2 ;;
esac
