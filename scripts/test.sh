#!/usr/bin/env bash
# README command 2: set up and run the whole test suite, as CI does (.ci/run calls this).
#   1. static checks: clang-format, layering, header contracts, error-code list drift
#   2. Release build: unit, store conformance and HTTP integration tests (ctest)
#   3. ASan+UBSan build: the same tests under sanitizers
#   4. fuzz targets (libFuzzer, clang), briefly, on their corpora
#   5. widget: type check, size budget, browser tests in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
stage() { echo; echo "=== $* ($(( $(date +%s) - start ))s)"; }

stage setup
bash scripts/setup.sh

stage static checks
bash tools/check_format.sh
bash tools/check_layers.sh
bash tools/check_headers.sh
[ -x tools/check_error_codes.sh ] && bash tools/check_error_codes.sh

stage release build
bash scripts/build.sh build -DCMAKE_BUILD_TYPE=Release
stage release tests
(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 300)

stage sanitizer build
bash scripts/build.sh build-asan -DPALABRE_SANITIZE=ON -DPALABRE_BENCH=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"
stage sanitizer tests
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure -j "$(nproc)" --timeout 600)

if [ -f tools/run_fuzz.sh ]; then
  stage fuzz
  bash tools/run_fuzz.sh "${PALABRE_FUZZ_SECONDS:-10}"
fi

if [ -f web/package.json ]; then
  stage widget
  PALABRE_BINARY="$PWD/build/palabre" npm --prefix web run --silent ci-test
fi

stage "all suites passed in $(( $(date +%s) - start ))s"
