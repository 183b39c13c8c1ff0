#!/usr/bin/env bash
# Import benchmark: generates a Disqus export of N comments (bench/make_disqus.py, default
# 1,000,000), then times `palabre import` into a fresh SQLite database: the dry run (both
# passes, nothing written) and the import itself, each with --moderate report (the whole
# moderation pipeline evaluates every comment that would be published) and, for comparison,
# with the pipeline's checks off. Prints comments/s and the peak RSS of each run.
# Usage: bench/run_import.sh [N]    PALABRE_BIN=path/to/palabre (default build-rel/palabre,
#                                   built in Release if absent)
#        EXPORT=file.xml            an export already generated (N is then its size)
#        PIPELINE_OFF_ONLY=1        only the two runs with the checks off
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
bin=${PALABRE_BIN:-build-rel/palabre}
[ -x "$bin" ] || bash scripts/build.sh build-rel --target palabre -DCMAKE_BUILD_TYPE=Release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${EXPORT:-}" ]; then
  ln -s "$(realpath "$EXPORT")" "$work/export.xml"
else
  python3 bench/make_disqus.py --comments "$n" > "$work/export.xml"
fi
echo "export: $(du -mL "$work/export.xml" | cut -f1) MB"
# Every check off but emptiness and length: the import's own cost.
off="$work/off.conf"
for c in flood duplicate links_contacts shouting lexicon toxicity off_topic violence \
         dehumanization; do
  echo "moderation.$c.enabled = false" >> "$off"
done
run() {  # label, extra args...
  local label=$1
  shift
  rm -f "$work/b.db"*
  "$bin" site add bench --name Bench --db "$work/b.db" >/dev/null
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/rss" "$bin" import --site bench --db "$work/b.db" --json "$@" \
    "$work/export.xml" > "$work/out.json" || [ $? -eq 2 ]
  end=$(date +%s.%N)
  python3 - "$label" "$start" "$end" "$work/rss" "$work/out.json" <<'PY'
import json, sys
label, start, end, rss_file, out = sys.argv[1:]
secs = float(end) - float(start)
summary = json.load(open(out))
n = summary["plan"]["comments"]
rss = int(open(rss_file).read().split()[-1]) / 1024
print(f"{label:<40} {n / secs:>9,.0f} comments/s  {secs:7.1f} s  peak RSS {rss:6.0f} MB"
      f"  written {summary['written']['comments']:,}")
PY
}
run "dry run, pipeline off" --dry-run --moderation-config "$off"
run "import, pipeline off" --moderation-config "$off"
[ -n "${PIPELINE_OFF_ONLY:-}" ] && exit 0
run "dry run, --moderate report" --dry-run
run "import, --moderate report"
