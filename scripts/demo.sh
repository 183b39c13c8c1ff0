#!/usr/bin/env bash
# README command 1: set up, build, and run the demo server on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh build --target palabre -DCMAKE_BUILD_TYPE=Release
exec build/palabre demo "$@"
