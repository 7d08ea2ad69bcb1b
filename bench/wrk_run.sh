# Sourced by the wrk load scripts (serve_load.sh, web_load.sh).
# wrk_run NAME WRK-ARGS...: one wrk run with $wthreads threads, $conns
# connections for $dur, printed as one line: req/s, p50, p99 and errors
# (socket errors plus non-2xx answers).
wrk_run() {
  local name=$1; shift
  local out
  out=$(wrk -t"$wthreads" -c"$conns" -d"$dur" --latency "$@")
  local rps p50 p99 non2xx sock
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  sock=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")
  printf '%-44s req/s=%-10s p50=%-9s p99=%-9s errors=%s (socket %s, non-2xx %s)\n' "$name" "$rps" "$p50" "$p99" \
    "$(( ${sock:-0} + ${non2xx:-0} ))" "${sock:-0}" "${non2xx:-0}"
}
