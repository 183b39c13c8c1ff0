#!/usr/bin/env bash
# HTTP benchmark of palabre (issue 3): seeds a 1,000-comment thread through `palabre import`,
# starts `palabre serve` on 127.0.0.1, and drives it with wrk on loopback.
# Usage: bench/run_http.sh [seconds per run, default 15] [connections, default 32]
# Prints requests/s, p50/p99 latency, bytes per response, the server's RSS, and each read's
# ratio to the server's own /healthz throughput measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
conns=${2:-32}
command -v wrk >/dev/null || bash scripts/setup.sh
[ -x build/palabre ] || bash scripts/build.sh build --target palabre -DCMAKE_BUILD_TYPE=Release
bin=build/palabre
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
db=$work/bench.db

$bin site add bench --name Bench --db "$db" >/dev/null
python3 bench/make_thread.py --comments 1000 --articles 10 | $bin import --site bench --db "$db"
$bin serve --db "$db" --listen 127.0.0.1:0 --trust-proxy >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$work/out")
rss() { awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$pid/status; }
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "server RSS after seeding: $(rss)"

ceiling=0
run() {  # name, wrk args...
  local name=$1
  shift
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$@")
  local rps p50 p99 bytes reqs
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  bytes=$(awk '/requests in/ {print $5}' <<<"$out" | tr -d ',')
  local non2xx
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  [ "$name" = healthz ] && ceiling=$rps
  local ratio
  ratio=$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}')
  printf '%-22s %10s req/s  p50 %8s  p99 %8s  %7s/resp  ratio %5s  %s\n' "$name" "$rps" \
    "$p50" "$p99" "$(awk -v t="$bytes" -v n="$reqs" 'BEGIN {
      u = substr(t, length(t) - 1); v = substr(t, 1, length(t) - 2) + 0;
      m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1;
      if (m == 1) { v = t + 0 }
      printf "%.0fB", v * m / (n > 0 ? n : 1) }')" "$ratio" "${non2xx:+non-2xx: $non2xx}"
}
echo "wrk -t2 -c$conns -d${secs}s --latency, on loopback"
run healthz "$base/healthz"
run first_page "$base/api/v1/threads/bench/bench-article/comments?limit=20"
run whole_thread "$base/api/v1/threads/bench/bench-article/comments?limit=1000"
keys=$(seq -s, 0 9 | sed 's/\([0-9]\)/article-\1/g')
run counts_10 "$base/api/v1/counts?site=bench&keys=$keys"
conns_saved=$conns
conns=1
run post_sequential -s bench/post.lua "$base"
conns=$conns_saved
echo "server RSS at the end: $(rss)"
