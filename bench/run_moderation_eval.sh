#!/usr/bin/env bash
# Moderation quality on the shipped data: the classifier's figures and the whole pipeline's
# decisions by category (legitimate comments stopped, recall of each hostile category) on the
# news-comment benchmark's held-out test splits (data/news_bench_test_fr.tsv,
# data/news_bench_{hostile2,legit2}_test_fr.tsv, and data/news_bench_fresh{,2}_test_fr.tsv:
# writers none of the others came from), then its tune splits and data/news_thresholds_fr.tsv (which the
# shipped model, rules and thresholds were chosen on: not a measure), and the public dev set.
#
#   bench/run_moderation_eval.sh                 # uses build/palabre
#   PALABRE=build-x/palabre bench/run_moderation_eval.sh [--moderation-config FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
PALABRE=${PALABRE:-build/palabre}
SHARED=${SHARED:-../shared/data}
data=(--data data/news_bench_test_fr.tsv --data data/news_bench_hostile2_test_fr.tsv
  --data data/news_bench_legit2_test_fr.tsv --data data/news_bench_fresh_test_fr.tsv
  --data data/news_bench_fresh2_test_fr.tsv
  --data data/news_bench_tune_fr.tsv
  --data data/news_bench_hostile2_tune_fr.tsv --data data/news_bench_legit2_tune_fr.tsv
  --data data/news_thresholds_fr.tsv)
[ -f "$SHARED/fr_toxic_dev.tsv" ] && data+=(--data "$SHARED/fr_toxic_dev.tsv")
exec "$PALABRE" eval --model models/toxicity_fr.ftz "${data[@]}" "$@"
