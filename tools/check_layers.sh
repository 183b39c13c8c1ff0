#!/usr/bin/env bash
# Fails when an #include points outward: core includes nothing of ours; store and moderation
# only core; service only core, store, moderation; http only core, service (and the store/
# moderation interfaces' value types through them); app may include anything.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() {  # folder, allowed include prefixes (regex)
  local folder=$1 allowed=$2
  local bad
  bad=$(grep -rnE '^#include "[a-z_]+/' "src/$folder" --include='*.h' --include='*.cc' \
        | grep -vE "#include \"($allowed)/" || true)
  if [ -n "$bad" ]; then
    echo "layers: src/$folder includes outside ($allowed):"
    echo "$bad"
    status=1
  fi
}
check core 'core'
check store 'core|store'
check moderation 'core|moderation'
check service 'core|store|moderation|service'
check http 'core|service|store|moderation|http|web'
[ $status -eq 0 ] && echo "layers: ok"
exit $status
