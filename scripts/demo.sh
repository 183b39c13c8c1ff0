#!/usr/bin/env bash
# README command 1: set up, build, and run the demo server on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Release, no sanitizers, warnings not errors (CI builds the same code with -Werror).
bash scripts/build.sh build --target palabre -DCMAKE_BUILD_TYPE=Release -DPALABRE_WERROR=OFF
exec build/palabre demo "$@"
