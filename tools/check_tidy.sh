#!/usr/bin/env bash
# Runs clang-tidy-14 with the checks of .clang-tidy over src/'s sources (their headers under src/
# included), with the compile commands of a build directory. Fails on any finding.
#
#   tools/check_tidy.sh [BUILD_DIR]      (default: build-tsan; any tree configured by clang is
#                                         best, e.g. tools/run_tsan.sh's or tools/run_fuzz.sh's)
#
# Not part of CI: some 11 CPU-minutes for all of src/ (CONTRIBUTING.md). Files given in
# PALABRE_TIDY_FILES (space-separated paths under src/) narrow it to those.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-tsan}"
jobs="${PALABRE_TIDY_JOBS:-$(nproc)}"
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "check_tidy: no $build/compile_commands.json (configure a build there first)" >&2
  exit 2
fi

# The sources under src/ the build compiles (so generated files and other folders are left out).
mapfile -t files < <(python3 - "$build/compile_commands.json" "$root" <<'EOF'
import json, os, sys
root = os.path.realpath(sys.argv[2])
only = set(os.environ.get("PALABRE_TIDY_FILES", "").split())
seen = set()
for entry in json.load(open(sys.argv[1])):
    path = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
    rel = os.path.relpath(path, root)
    if rel.startswith("src/") and rel not in seen and (not only or rel in only):
        seen.add(rel)
        print(path)
EOF
)
echo "tidy: ${#files[@]} files, $jobs at a time"
if printf '%s\0' "${files[@]}" |
  xargs -0 -n 1 -P "$jobs" clang-tidy-14 -p "$build" --quiet 2>/dev/null; then
  echo "tidy: ok"
else
  echo "tidy: findings above" >&2
  exit 1
fi
