#!/usr/bin/env bash
# Configures (once) and builds one build tree.
# Usage: scripts/build.sh DIR [--target T] [cmake options...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
shift
target=()
if [ "${1:-}" = "--target" ]; then
  target=(--target "$2")
  shift 2
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$dir/build.ninja" ]; then
  cmake -S . -B "$dir" -G Ninja "${launcher[@]}" "$@" >/dev/null
fi
cmake --build "$dir" -j "$(nproc)" "${target[@]}"
