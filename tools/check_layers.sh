#!/usr/bin/env bash
# Fails when a source file of src/ includes what its layer may not, exactly as the table of
# docs/ARCHITECTURE.md says ("may include"), or when a folder's CMakeLists.txt does not declare
# the libraries of the folders it includes, or builds a file from tests/.
#
#   core        core
#   store       core, store; store/sqlite and store/postgres never include each other (nor
#               store/migrate); only store/open_store.cc (the factory) and store/migrate/
#               include a backend (a store test may include a backend's *_testing.h)
#   moderation  core, moderation
#   import      core, import
#   service     core, store's interface headers (store/*.h, not a backend nor store/migrate/),
#               moderation's public headers (moderation/*.h, not checks/, lexicon/,
#               classifier/), import's public headers (import/*.h, not readers.h nor
#               xml_pull.h, the readers' own), service
#   http        core, service, moderation/decision.h (value types), http, web; its tests
#               (*_test.cc) also store's interface headers, to wire a real or faulty store
#   app         everything
#
# Every include of ours names its folder ("core/status.h", never "status.h" nor <core/...>), so
# that no include escapes the check. Usage: tools/check_layers.sh [ROOT] (default: this tree).
set -euo pipefail
root=${1:-"$(dirname "$0")/.."}
cd "$root"
status=0
fail() {  # file, message
  echo "layers: $1: $2"
  status=1
}

ours='core|store|moderation|import|service|http|app|web'
is_test() { [[ $1 =~ _(test|testing)\.(cc|h)$ ]]; }

# Whether `file` (a path under src/) may include `inc` (the quoted path).
allowed() {
  local file=$1 inc=$2 layer=${1#src/}
  layer=${layer%%/*}
  case $layer in
    core) [[ $inc == core/* ]] ;;
    store)
      [[ $inc == core/* || $inc == store/* ]] || return 1
      local part=${file#src/store/}
      local backend_inc=""
      [[ $inc =~ ^store/(sqlite|postgres|migrate)/ ]] && backend_inc=${BASH_REMATCH[1]}
      [[ -z $backend_inc ]] && return 0
      case $part in
        sqlite/*) [[ $backend_inc == sqlite ]] ;;
        postgres/*) [[ $backend_inc == postgres ]] ;;
        migrate/*) return 0 ;;
        open_store.cc) [[ $backend_inc != migrate ]] ;;
        */*) return 1 ;;
        *) is_test "$file" && [[ $backend_inc != migrate && $inc == *_testing.h ]] ;;
      esac
      ;;
    moderation) [[ $inc == core/* || $inc == moderation/* ]] ;;
    import) [[ $inc == core/* || $inc == import/* ]] ;;
    service)
      [[ $inc == core/* || $inc == service/* ]] && return 0
      [[ $inc =~ ^import/[^/]+\.h$ && $inc != import/readers.h && $inc != import/xml_pull.h ]] &&
        return 0
      [[ $inc =~ ^store/[^/]+\.h$ ]] && return 0
      [[ $inc =~ ^moderation/[^/]+\.h$ ]]
      ;;
    http)
      [[ $inc == core/* || $inc == service/* || $inc == http/* || $inc == web/* ]] && return 0
      [[ $inc == moderation/decision.h ]] && return 0
      is_test "$file" && [[ $inc =~ ^store/[^/]+\.h$ ]]
      ;;
    app) return 0 ;;
    *) return 1 ;;
  esac
}

# The folders a layer's library (its non-test files) includes, one per line.
declare -A uses=()
# One grep for the whole tree (file:line:text), not one per file: the check runs 20 times in its test.
while IFS= read -r line; do
  file=${line%%:*}
  line=${line#*:}
  n=${line%%:*}
  text=${line#*:}
  if [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]]; then
    inc=${BASH_REMATCH[1]}
    if ! [[ $inc =~ ^($ours)/ ]]; then
      fail "$file:$n" "#include \"$inc\": name the folder (core/..., http/...)"
      continue
    fi
  elif [[ $text =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<(($ours)/[^\>]+)\> ]]; then
    fail "$file:$n" "#include <${BASH_REMATCH[1]}>: ours are included with quotes"
    continue
  else
    continue
  fi
  if ! allowed "$file" "$inc"; then
    fail "$file:$n" "#include \"$inc\" is outside its layer (docs/ARCHITECTURE.md)"
  fi
  layer=${file#src/}
  layer=${layer%%/*}
  if ! is_test "$file" && ! [[ $file =~ _(fuzz|bench)\.cc$ ]]; then
    uses[$layer]+="${inc%%/*} "
  fi
done < <(grep -rnE --include='*.h' --include='*.cc' '^[[:space:]]*#[[:space:]]*include' src |
         LC_ALL=C sort -t: -k1,1 -k2,2n || true)

# Each folder's palabre_module(...) declares palabre_<folder> for every folder it includes.
for layer in "${!uses[@]}"; do
  cmake=src/$layer/CMakeLists.txt
  [[ -f $cmake ]] || continue
  deps=$(tr '\n' ' ' < "$cmake" | grep -oE 'palabre_module\([^)]*\)' |
         sed -E 's/.*[[:space:]]DEPS[[:space:]]+//; s/[[:space:]](TEST_DEPS|TESTING_DEPS|FUZZ_SOURCES|FUZZ_DEPS)[[:space:]].*//; s/\)$//')
  for folder in $(tr ' ' '\n' <<< "${uses[$layer]}" | sort -u); do
    [[ $folder == "$layer" ]] && continue
    if ! grep -qwE "palabre_$folder" <<< "$deps"; then
      fail "$cmake" "src/$layer includes $folder/ but palabre_module does not declare palabre_$folder in DEPS"
    fi
  done
done

# No library of src/ builds or reads a file of tests/.
while IFS= read -r hit; do
  fail "${hit%%:*}" "refers to tests/ (${hit#*:*:}): test support belongs beside its folder (*_testing.cc)"
done < <(grep -rnE '(PROJECT_SOURCE_DIR|CMAKE_SOURCE_DIR|CMAKE_CURRENT_SOURCE_DIR|palabre_SOURCE_DIR)\}?/(\.\./)*tests(/|\b)|\.\./tests' \
           --include=CMakeLists.txt --include='*.cmake' src || true)

[ $status -eq 0 ] && echo "layers: ok"
exit $status
