#!/usr/bin/env bash
# README command 2: set up and run the whole test suite, as CI does (.ci/run calls this).
#   1. static checks: clang-format, layering, header contracts, error-code list drift
#   2. one optimised build with AddressSanitizer and UndefinedBehaviorSanitizer (-Werror):
#      unit tests, the store conformance suite on SQLite and on a throwaway PostgreSQL
#      cluster, HTTP integration tests against the real binary, fuzz-corpus replays (ctest)
#   3. unit tests under ThreadSanitizer: clang builds the *_test.cc executables only
#      (tools/run_tsan.sh), with -Wthread-safety checking the lock annotations
#   4. fuzz: every libFuzzer target (clang, ASan+UBSan) for PALABRE_FUZZ_SECONDS each (default 10)
#   5. widget: type check, size budget, browser tests in headless Chromium against that binary
# The demo's build (README command 1) is the same code without sanitizers and with warnings
# not errors (scripts/demo.sh): what stage 2 compiles with -Werror, it compiles.
# Longer fuzzing: tools/run_fuzz.sh SECONDS (docs/SECURITY.md).
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
bash tools/check_error_codes.sh

stage "build (Release, ASan+UBSan)"
# Benchmarks are not built here: they are run by hand (bench/, docs/PERFORMANCE.md), and
# `scripts/build.sh build -DPALABRE_BENCH=ON` compiles them.
bash scripts/build.sh build-ci -DCMAKE_BUILD_TYPE=Release -DPALABRE_SANITIZE=ON -DPALABRE_BENCH=OFF

stage tests
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-ci && ctest --output-on-failure -j "$(nproc)" --timeout 600)

# Data races and lock-order inversions: the unit tests only, built by clang with -fsanitize=thread
# in a tree of their own (tools/run_tsan.sh).
stage "unit tests under TSan (clang)"
PALABRE_TSAN_BUILD_DIR="$PWD/build-ci-tsan" bash tools/run_tsan.sh

# Coverage-guided fuzzing, briefly: clang builds only the *_fuzz targets and what they link
# (docs/SECURITY.md), each runs PALABRE_FUZZ_SECONDS (default 10).
stage "fuzz (clang, libFuzzer, ASan+UBSan)"
PALABRE_FUZZ_BUILD_DIR="$PWD/build-ci-fuzz" bash tools/run_fuzz.sh "${PALABRE_FUZZ_SECONDS:-10}"

stage widget
PALABRE_BINARY="$PWD/build-ci/palabre" npm --prefix web run --silent ci-test

stage "all suites passed in $(( $(date +%s) - start ))s"
