#!/usr/bin/env bash
# HTTP benchmark of palabre: seeds a 1,000-comment thread through `palabre import`,
# starts `palabre serve` on 127.0.0.1, and drives it with wrk on loopback.
# Usage: bench/run_http.sh [--db URL|pg] [--nodes N] [seconds per run, default 15]
#                          [connections, default 32]
#   --db URL    the store (default: a SQLite file in a temporary directory); also
#               PALABRE_BENCH_DB. postgres://... runs in a fresh schema of that database,
#               dropped at the end (psql must reach the URL, so give it without palabre's own
#               parameters); `pg` starts a throwaway cluster (tools/pg_test_cluster.sh).
#   --nodes N   palabre nodes on the same store, each on its own port (PostgreSQL only for
#               N > 1); wrk's connections are split evenly across them, requests/s are summed
#               and the latencies are the slowest node's.
#   PALABRE_BIN=path/to/palabre uses that binary (default build/palabre, built if absent).
# Prints requests/s, p50/p99 latency, bytes per response, the servers' RSS, and each read's
# ratio to the servers' own /healthz throughput measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${PALABRE_BENCH_DB:-}
nodes=1
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --db=*) db=${1#--db=}; shift ;;
    --nodes) nodes=$2; shift 2 ;;
    --nodes=*) nodes=${1#--nodes=}; shift ;;
    *) positional+=("$1"); shift ;;
  esac
done
secs=${positional[0]:-15}
conns=${positional[1]:-32}
command -v wrk >/dev/null || bash scripts/setup.sh
bin=${PALABRE_BIN:-build/palabre}  # PALABRE_BIN: another build's binary
[ -x "$bin" ] || bash scripts/build.sh build --target palabre -DCMAKE_BUILD_TYPE=Release
work=$(mktemp -d)
pids=()
cleanup_db() { :; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  cleanup_db
  rm -rf "$work"
}
trap cleanup EXIT

case "$db" in
  "")
    db=$work/bench.db
    store="SQLite (WAL, synchronous=normal)"
    ;;
  pg)
    bash tools/pg_test_cluster.sh start "$work/pg" >/dev/null
    db=$(cat "$work/pg/url")
    store="PostgreSQL $(psql "$db" -Atc 'SHOW server_version'), throwaway cluster (fsync on)"
    cleanup_db() { bash tools/pg_test_cluster.sh stop "$work/pg" || true; }
    ;;
  postgres://* | postgresql://*)
    server_url=$db
    schema=bench_$$
    case "$db" in *\?*) db="$db&schema=$schema" ;; *) db="$db?schema=$schema" ;; esac
    store="PostgreSQL $(psql "$server_url" -Atc 'SHOW server_version'), schema $schema"
    cleanup_db() { psql "$server_url" -qc "DROP SCHEMA IF EXISTS $schema CASCADE" || true; }
    ;;
  *) store="SQLite $db" ;;
esac
case "$db" in
  postgres://* | postgresql://*) ;;
  *) [ "$nodes" -eq 1 ] || { echo "run_http.sh: several nodes need PostgreSQL (--db)" >&2; exit 2; } ;;
esac

$bin site add bench --name Bench --db "$db" >/dev/null
python3 bench/make_thread.py --comments 1000 --articles 10 | $bin import --site bench --db "$db"
bases=()
for i in $(seq "$nodes"); do
  $bin serve --db "$db" --listen 127.0.0.1:0 --trust-proxy >"$work/out$i" 2>"$work/err$i" &
  pids+=($!)
  for _ in $(seq 100); do grep -q listening "$work/out$i" 2>/dev/null && break; sleep 0.1; done
  bases+=("$(grep -o 'http://[0-9.:]*' "$work/out$i")")
done
rss() {
  local p
  for p in "${pids[@]}"; do awk '/VmRSS/ {printf "%.1f MiB ", $2/1024}' /proc/"$p"/status; done
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "store: $store; nodes: $nodes"
echo "server RSS after seeding: $(rss)"

# The posting script for node i > 1: the same traffic as bench/post.lua, but other readers
# (other names, addresses and texts), so that nodes do not look like one reader pasting twice.
for i in $(seq 2 "$nodes"); do
  cat >"$work/post$i.lua" <<EOF
dofile("$PWD/bench/post.lua")
math.randomseed(42 + $i)
local inner = request
request = function()
  local r = inner()
  r = r:gsub('"author":"Lecteur ', '"author":"Lecteu$((i % 10)) ')  -- same length
  return (r:gsub('X%-Forwarded%-For: 10%.', 'X-Forwarded-For: $((10 + i)).'))
end
EOF
done

# Reads a wrk report: requests/s, p50 and p99 in microseconds, requests, bytes, non-2xx.
parse() {
  awk '
    function us(t) {
      if (t ~ /us$/) return substr(t, 1, length(t) - 2) + 0
      if (t ~ /ms$/) return (substr(t, 1, length(t) - 2) + 0) * 1000
      if (t ~ /s$/) return (substr(t, 1, length(t) - 1) + 0) * 1000000
      return t + 0
    }
    function bytes(t) {
      u = substr(t, length(t) - 1); v = substr(t, 1, length(t) - 2) + 0
      if (u == "KB") return v * 1024
      if (u == "MB") return v * 1048576
      if (u == "GB") return v * 1073741824
      return t + 0
    }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = us($2) }
    $1 == "99%" { p99 = us($2) }
    /requests in/ { reqs = $1; gsub(",", "", $5); b = bytes($5) }
    /Non-2xx/ { non2xx = $4 }
    END { printf "%s %.0f %.0f %.0f %.0f %.0f\n", rps, p50, p99, reqs, b, non2xx }' "$1"
}
fmt_us() { awk -v u="$1" 'BEGIN { if (u >= 1000) printf "%.2fms", u / 1000; else printf "%dus", u }'; }

ceiling=0
run() {  # name, path, [lua script]
  local name=$1 path=$2 script=${3:-}
  local per=$(( conns / nodes > 0 ? conns / nodes : 1 ))
  local threads=$(( 2 / nodes > 0 ? 2 / nodes : 1 ))
  [ "$threads" -gt "$per" ] && threads=$per  # wrk needs a connection per thread
  local i wrks=()
  for i in $(seq "$nodes"); do
    local s=()
    if [ -n "$script" ]; then
      if [ "$i" -eq 1 ]; then s=(-s "$script"); else s=(-s "$work/post$i.lua"); fi
    fi
    wrk -t"$threads" -c"$per" -d"${secs}s" --latency "${s[@]}" "${bases[$((i - 1))]}$path" \
      >"$work/wrk$i" &
    wrks+=($!)
  done
  wait "${wrks[@]}"
  local rps=0 p50=0 p99=0 reqs=0 bytes=0 non2xx=0 line
  for i in $(seq "$nodes"); do
    line=$(parse "$work/wrk$i")
    read -r r a b q y n <<<"$line"
    rps=$(awk -v x="$rps" -v y="$r" 'BEGIN { printf "%.2f", x + y }')
    [ "$a" -gt "$p50" ] && p50=$a
    [ "$b" -gt "$p99" ] && p99=$b
    reqs=$((reqs + q)); bytes=$((bytes + y)); non2xx=$((non2xx + n))
  done
  [ "$name" = healthz ] && ceiling=$rps
  local ratio
  ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}')
  printf '%-22s %10s req/s  p50 %8s  p99 %8s  %7s/resp  ratio %5s  %s\n' "$name" "$rps" \
    "$(fmt_us "$p50")" "$(fmt_us "$p99")" \
    "$(awk -v t="$bytes" -v n="$reqs" 'BEGIN { printf "%.0fB", t / (n > 0 ? n : 1) }')" \
    "$ratio" "$([ "$non2xx" -gt 0 ] && echo "non-2xx: $non2xx")"
}
echo "wrk -c$conns -d${secs}s --latency, on loopback, connections split across $nodes node(s)"
run healthz /healthz
run first_page "/api/v1/threads/bench/bench-article/comments?limit=20"
run whole_thread "/api/v1/threads/bench/bench-article/comments?limit=1000"
keys=$(seq -s, 0 9 | sed 's/\([0-9]\)/article-\1/g')
run counts_10 "/api/v1/counts?site=bench&keys=$keys"
conns_saved=$conns
conns=$nodes  # one sequential poster per node
run post_sequential / bench/post.lua
conns=$conns_saved
echo "server RSS at the end: $(rss)"
