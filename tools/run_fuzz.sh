#!/usr/bin/env bash
# Builds every libFuzzer target (src/**/*_fuzz.cc) with clang and runs each for a while.
#
#   tools/run_fuzz.sh [SECONDS]     (default 20 seconds per target)
#
# Targets run PALABRE_FUZZ_JOBS at a time (default 2, also the build's parallelism).
# docs/SECURITY.md lists them and says what CI runs (scripts/test.sh: 10 seconds each).
#
# The build directory is build-fuzz at the repository root (PALABRE_FUZZ_BUILD_DIR overrides
# it); it is configured on first use with clang, ASan/UBSan and coverage instrumentation of all
# code (-fsanitize=fuzzer-no-link), not only of the fuzz target itself. Each target runs on a
# temporary copy of the corpus beside its source (<name>_corpus/), so the committed corpus is
# never modified; crash inputs are kept in build-fuzz/fuzz-artifacts/. Exits non-zero if a
# target fails to build, crashes, leaks, times out or breaks one of its checks.
set -euo pipefail

seconds="${1:-20}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -eq 0 ]]; then
  echo "usage: $0 [SECONDS>0]" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PALABRE_FUZZ_BUILD_DIR:-$root/build-fuzz}"
jobs="${PALABRE_FUZZ_JOBS:-2}"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja "${launcher[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
    -DPALABRE_FUZZ=ON -DPALABRE_SANITIZE=ON -DPALABRE_TESTS=OFF -DPALABRE_BENCH=OFF
fi

# Re-runs CMake's source globs first, so that a *_fuzz.cc added since the last configure
# (src/http/cookies_fuzz.cc, say) is a target of this run.
ninja -C "$build" build.ninja >/dev/null
# The top-level phony names of the fuzz executables, e.g. "markdown_fuzz". Only these and what
# they link are built: no palabre binary, tests or benchmarks.
mapfile -t targets < <(ninja -C "$build" -t targets all |
  sed -n 's/^\([A-Za-z0-9_]*_fuzz\): phony$/\1/p' | grep -v '^cmake_' | sort -u)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "run_fuzz: no *_fuzz target in $build (configured with -DPALABRE_FUZZ=ON?)" >&2
  exit 1
fi
ninja -C "$build" -j"$jobs" "${targets[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"

# One target: a fresh copy of its corpus, then libFuzzer for `seconds`; "$work/$target.rc"
# holds its exit status.
run_one() {
  local target=$1 exe corpus_src corpus rc=0
  exe="$(find "$build" -type f -name "$target" -perm -u+x | head -n 1)"
  corpus_src="$(find "$root/src" -type d -name "${target}_corpus" | head -n 1)"
  corpus="$work/$target"
  mkdir -p "$corpus"
  if [[ -n "$corpus_src" ]]; then
    cp -R "$corpus_src/." "$corpus/"
  else
    echo "run_fuzz: warning: no ${target}_corpus/ beside $target.cc, starting empty" >&2
  fi
  echo "run_fuzz: $target for ${seconds}s ($(find "$corpus" -type f | wc -l) seeds)"
  "$exe" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "$corpus" > "$work/$target.log" 2>&1 || rc=$?
  echo "$rc" > "$work/$target.rc"
}

# PALABRE_FUZZ_JOBS targets at a time (each libFuzzer process uses one core).
for target in "${targets[@]}"; do
  while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do wait -n || true; done
  run_one "$target" &
done
wait

failed=()
for target in "${targets[@]}"; do
  if [[ "$(cat "$work/$target.rc" 2>/dev/null)" != 0 ]]; then
    echo "run_fuzz: $target FAILED:" >&2
    tail -n 60 "$work/$target.log" >&2
    failed+=("$target")
  else
    echo -n "run_fuzz: $target: "
    grep -E '^stat::number_of_executed_units' "$work/$target.log" || echo
  fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
  echo "run_fuzz: FAILED: ${failed[*]} (inputs in $artifacts)" >&2
  exit 1
fi
echo "run_fuzz: all ${#targets[@]} targets ran ${seconds}s without failure"
