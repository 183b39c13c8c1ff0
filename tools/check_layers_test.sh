#!/usr/bin/env bash
# Test of tools/check_layers.sh: on a copy of src/, the check passes on the tree as it is, and
# fails, naming the file, on each leak it exists to catch, reintroduced one at a time:
#   - a store file other than the factory includes a backend (the change feed did);
#   - the PostgreSQL backend includes the SQLite one (the copier lived there), and the reverse;
#   - the service reaches into moderation's checks (moderation/checks/lexicon_check.h);
#   - http includes moderation/decision.h without declaring palabre_moderation in its CMake;
#   - src/http/CMakeLists.txt compiles a file of tests/;
# and a few more that the table of docs/ARCHITECTURE.md forbids. Run by ctest (check_layers_test).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tools"
cp -R "$root/src" "$work/src"
cp "$root/tools/check_layers.sh" "$work/tools/"

failures=0
run_check() { bash "$work/tools/check_layers.sh" "$work" > "$work/out" 2>&1; }

if run_check; then
  echo "ok: the tree passes"
else
  echo "FAIL: the tree itself does not pass the check:"
  cat "$work/out"
  failures=$((failures + 1))
fi

# leak NAME FILE EXPECTED_FILE EDIT: applies EDIT (a command run with FILE, in the copy) and
# expects the check to fail with a message naming EXPECTED_FILE; FILE is restored afterwards.
leak() {
  local name=$1 file=$2 expected=$3
  shift 3
  local existed=0
  if [[ -f "$work/$file" ]]; then
    existed=1
    cp "$work/$file" "$work/saved"
  fi
  "$@" "$work/$file"
  if run_check; then
    echo "FAIL: $name: the check passes"
    failures=$((failures + 1))
  elif ! grep -q "^layers: $expected" "$work/out"; then
    echo "FAIL: $name: the check fails without naming $expected:"
    cat "$work/out"
    failures=$((failures + 1))
  else
    echo "ok: $name: $(grep -m1 "^layers: $expected" "$work/out")"
  fi
  if [[ $existed -eq 1 ]]; then
    cp "$work/saved" "$work/$file"
  else
    rm -f "$work/$file"
  fi
}
# Adds an #include line at the top of the file (creating it if needed).
include() {  # what, file
  local what=$1 file=$2
  mkdir -p "$(dirname "$file")"
  { echo "#include \"$what\""; cat "$file" 2>/dev/null || true; } > "$file.new"
  mv "$file.new" "$file"
}
include_pg_store() { include store/postgres/pg_store.h "$1"; }
include_sqlite_store() { include store/sqlite/sqlite_store.h "$1"; }
include_pg_connection() { include store/postgres/pg_connection.h "$1"; }
include_lexicon_check() { include moderation/checks/lexicon_check.h "$1"; }
include_store_h() { include store/store.h "$1"; }
include_service() { include service/site_service.h "$1"; }
include_sqlite_db() { include store/sqlite/sqlite_db.h "$1"; }
include_copier() { include store/migrate/sqlite_to_pg.h "$1"; }
include_unnamed() { include status.h "$1"; }
undeclare_moderation() { sed -i 's/ palabre_moderation\b//g' "$1"; }
build_from_tests() {
  echo 'target_sources(palabre_http_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/integration/http_client.cc)' >> "$1"
}

change_feed=src/store/change_feed.cc
[[ -f "$root/$change_feed" ]] || change_feed=src/store/store.cc
leak "store file includes a backend" $change_feed $change_feed include_pg_store
leak "PostgreSQL backend includes SQLite" src/store/postgres/pg_migrate.cc \
  src/store/postgres/pg_migrate.cc include_sqlite_store
leak "SQLite backend includes PostgreSQL" src/store/sqlite/sqlite_store.cc \
  src/store/sqlite/sqlite_store.cc include_pg_connection
leak "a backend includes the copier" src/store/postgres/pg_pool.cc \
  src/store/postgres/pg_pool.cc include_copier
leak "service includes a moderation check" src/service/site_service.cc \
  src/service/site_service.cc include_lexicon_check
leak "service includes a backend" src/service/site_service.cc src/service/site_service.cc \
  include_sqlite_db
leak "http includes moderation undeclared" src/http/CMakeLists.txt src/http/CMakeLists.txt \
  undeclare_moderation
leak "http builds a file of tests/" src/http/CMakeLists.txt src/http/CMakeLists.txt \
  build_from_tests
leak "http includes the store" src/http/router.cc src/http/router.cc include_store_h
leak "core includes the service" src/core/model.cc src/core/model.cc include_service
leak "moderation includes the store" src/moderation/pipeline.cc src/moderation/pipeline.cc \
  include_store_h
leak "an include without its folder" src/core/status.cc src/core/status.cc include_unnamed

if [[ $failures -ne 0 ]]; then
  echo "check_layers_test: $failures failure(s)"
  exit 1
fi
echo "check_layers_test: ok"
