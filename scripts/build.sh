#!/usr/bin/env bash
# Configures and builds one build tree.
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
# Configured on first use; configured again whenever options are given, so that
# `scripts/build.sh build -DPALABRE_BENCH=OFF` on an existing tree takes the option (CMake keeps
# what is already cached; a configure with nothing new changes no build file).
if [ ! -f "$dir/build.ninja" ] || [ $# -gt 0 ]; then
  cmake -S . -B "$dir" -G Ninja "${launcher[@]}" "$@" >/dev/null
fi
cmake --build "$dir" -j "$(nproc)" "${target[@]}"
