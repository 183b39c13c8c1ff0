#!/usr/bin/env bash
# Fails if web/src/error_codes.ts is not what tools/gen_error_codes.py makes of the C++ error
# list (src/core/error.h, src/core/error.cc, src/http/errors.cc): the widget's codes never drift.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 tools/gen_error_codes.py --out "$tmp"
if ! diff -u web/src/error_codes.ts "$tmp"; then
  echo "error codes: web/src/error_codes.ts is stale; run python3 tools/gen_error_codes.py"
  exit 1
fi
echo "error codes: ok"
