#!/usr/bin/env bash
# Outbox benchmark (src/app/outbox_bench.cc): the write path's cost of the events' outbox rows
# (a held comment with 0, 1 or 3 webhooks), and notifications delivered per second by 1 or 2
# sender threads, without network (the outbox's own ceiling: claim, read, build, sign, record)
# and with libcurl posting to a receiver on 127.0.0.1. On SQLite (a file in $TMPDIR) and, with
# PG=1, on a throwaway PostgreSQL cluster (tools/pg_test_cluster.sh: fsync on). Prints Google
# Benchmark's table (items_per_second = comments or notifications per second) and the peak RSS.
# Usage: bench/run_outbox.sh        BENCH_BIN=path (default build-bench/src/app/palabre_app_bench,
#                                   built in Release with -DPALABRE_BENCH=ON if absent)
#        PG=1 bench/run_outbox.sh   also on PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BENCH_BIN:-build-bench/src/app/palabre_app_bench}
if [ ! -x "$bin" ]; then
  bash scripts/build.sh build-bench --target palabre_app_bench -DCMAKE_BUILD_TYPE=Release \
    -DPALABRE_BENCH=ON
fi
run() {  # label
  echo "== $1"
  /usr/bin/time -f 'peak RSS %M KB' "$bin" --benchmark_filter='BM_(PostHeld|Deliver)' \
    --benchmark_min_time=1
}
PALABRE_BENCH_DB= run "SQLite"
if [ -n "${PG:-}" ]; then
  state=$(mktemp -d)
  trap 'bash tools/pg_test_cluster.sh stop "$state" >/dev/null 2>&1 || true; rm -rf "$state"' EXIT
  url=$(bash tools/pg_test_cluster.sh start "$state")
  PALABRE_BENCH_DB=$url run "PostgreSQL"
fi
