#!/usr/bin/env bash
# Fails on a header under src/ that does not open with a comment saying what it is for.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r h; do
  first=$(grep -m1 -vE '^\s*$' "$h" || true)
  case "$first" in
    //*) ;;
    *) echo "headers: $h does not open with a comment"; status=1 ;;
  esac
done < <(git ls-files 'src/*.h' 'web/*.h')
[ $status -eq 0 ] && echo "headers: ok"
exit $status
