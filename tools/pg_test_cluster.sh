#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for palabre's tests: created with initdb in a fresh temporary
# directory, listening on 127.0.0.1 only, on a free port, with fsync and synchronous_commit on
# (a commit is on disk before it is acknowledged, as in production).
#
#   tools/pg_test_cluster.sh start  STATE_DIR   create and start; prints the database URL
#   tools/pg_test_cluster.sh stop   STATE_DIR   stop and delete everything (idempotent)
#   tools/pg_test_cluster.sh url    STATE_DIR   print the URL of a started cluster
#   tools/pg_test_cluster.sh halt   STATE_DIR [fast|immediate]
#                                               stop the server, keep its data (fault tests;
#                                               immediate = a crash: no shutdown checkpoint)
#   tools/pg_test_cluster.sh resume STATE_DIR   start a halted server again, same port
#   tools/pg_test_cluster.sh sql    STATE_DIR SQL
#                                               run SQL as the superuser on the `postgres`
#                                               database (cluster-wide statements: ending
#                                               sessions, ALTER DATABASE); prints the rows
#
# STATE_DIR (created if needed) keeps what the other commands need: `url` (one line,
# postgres://postgres@127.0.0.1:PORT/palabre), `port`, `data` (where the cluster lives). The
# cluster itself lives in a mktemp directory under /tmp, because PostgreSQL refuses to run as
# root: when run as root, the server runs as the `postgres` system user (runuser), which owns
# that directory. Authentication is `trust`, which is safe only because the server listens on
# 127.0.0.1 and on a socket in its own 0700 directory, and lives as long as a test run.
# Server binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian's postgresql).
set -euo pipefail

usage() {
  sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[ $# -ge 2 ] || usage
cmd=$1
state=$2

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "pg_test_cluster: no PostgreSQL server binaries (install postgresql or set PG_BIN)" >&2
  exit 1
fi

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_ctl_start() {  # data dir, log file
  # The server outlives this script: it must not inherit our stdout/stderr (a caller reading
  # them to the end, as ctest or a test's pipe does, would wait for the server to exit).
  as_owner "$pg_bin/pg_ctl" -D "$1" -l "$2" -w -t 60 start </dev/null >/dev/null 2>>"$2.ctl"
}

stop_cluster() {
  [ -f "$state/data" ] || return 0
  local root
  root=$(cat "$state/data")
  if [ -f "$root/data/postmaster.pid" ]; then
    as_owner "$pg_bin/pg_ctl" -D "$root/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      as_owner "$pg_bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$root" in
    /tmp/palabre-pg.*) rm -rf "$root" ;;
  esac
  rm -f "$state/url" "$state/port" "$state/data"
}

start_cluster() {
  mkdir -p "$state"
  stop_cluster  # a cluster left over by an interrupted run
  local root
  root=$(mktemp -d /tmp/palabre-pg.XXXXXX)
  echo "$root" >"$state/data"
  mkdir -p "$root/sock"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$root"
  chmod 700 "$root"
  # --no-sync: initdb's own files are not fsync'ed (a throwaway cluster); the server's are.
  as_owner "$pg_bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --locale=C \
    --no-sync >"$root/initdb.log" 2>&1 || {
    cat "$root/initdb.log" >&2
    exit 1
  }
  cat >>"$root/data/postgresql.conf" <<EOF
# palabre test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$root/sock'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
shared_buffers = 32MB
log_min_messages = warning
EOF
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    sed -i '/^port = /d' "$root/data/postgresql.conf"
    echo "port = $port" >>"$root/data/postgresql.conf"
    if pg_ctl_start "$root/data" "$root/server.log"; then
      break
    fi
    port=""
  done
  if [ -z "$port" ]; then
    echo "pg_test_cluster: the server did not start; its log:" >&2
    cat "$root/server.log" "$root/server.log.ctl" >&2 || true
    exit 1
  fi
  "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres palabre
  echo "$port" >"$state/port"
  echo "postgres://postgres@127.0.0.1:$port/palabre" >"$state/url"
  cat "$state/url"
}

case "$cmd" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  url) cat "$state/url" ;;
  halt)
    mode=${3:-fast}
    root=$(cat "$state/data")
    as_owner "$pg_bin/pg_ctl" -D "$root/data" -m "$mode" -w -t 60 stop >/dev/null
    ;;
  resume)
    root=$(cat "$state/data")
    pg_ctl_start "$root/data" "$root/server.log"
    ;;
  sql)
    [ $# -ge 3 ] || usage
    psql=$(command -v psql || echo "$pg_bin/psql")
    "$psql" -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(cat "$state/port")" -U postgres \
      -d postgres -c "$3"
    ;;
  *) usage ;;
esac
