#!/usr/bin/env bash
# Builds the unit tests with clang and ThreadSanitizer, then runs them (CI: scripts/test.sh).
#
#   tools/run_tsan.sh [ctest arguments...]     e.g. tools/run_tsan.sh -R EventHub
#
# The unit tests are the *_test.cc beside the code (one palabre_<folder>_test executable per
# folder, ctest label "unit"): not tests/integration, the fuzz replays or the benchmarks. Only
# those executables and what they link are built, not `all`. The build directory is build-tsan
# at the repository root (PALABRE_TSAN_BUILD_DIR overrides it), configured on first use with
# clang, -DPALABRE_TSAN=ON (-fsanitize=thread; -Wthread-safety -Werror as every clang build) and
# a compiler cache when there is one. A race, a lock-order inversion or a test failure exits
# non-zero; docs/ARCHITECTURE.md ("Concurrency") says how to read a report.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PALABRE_TSAN_BUILD_DIR:-$root/build-tsan}"
jobs="${PALABRE_TSAN_JOBS:-$(nproc)}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja "${launcher[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DPALABRE_TSAN=ON -DPALABRE_BENCH=OFF >/dev/null
fi

# Re-runs CMake's source globs first, so that a folder's first *_test.cc is a target.
ninja -C "$build" build.ninja >/dev/null
mapfile -t targets < <(ninja -C "$build" -t targets all |
  sed -n 's/^\(palabre_[a-z_]*_test\): .*/\1/p' | grep -vx palabre_integration_test | sort -u)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "run_tsan: no unit-test target in $build" >&2
  exit 1
fi

# halt_on_error: the first report fails its test (the default only changes the exit code at
# exit, which a test that forks or exits early could lose). A kernel with more address-space
# randomisation than clang 14's TSan expects ("unexpected memory mapping") would fail every
# instrumented run, the build's test listing included: both run without ASLR when they can.
# suppressions: races TSan cannot judge inside uninstrumented libraries (ICU's lazy singletons;
# tools/tsan_suppressions.txt says which and why).
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/tools/tsan_suppressions.txt ${TSAN_OPTIONS:-}"
run=()
if setarch "$(uname -m)" -R true 2>/dev/null; then
  run=(setarch "$(uname -m)" -R)
fi
"${run[@]}" ninja -C "$build" -j "$jobs" "${targets[@]}"
"${run[@]}" ctest --test-dir "$build" -L unit --output-on-failure -j "$jobs" --timeout 600 "$@"
