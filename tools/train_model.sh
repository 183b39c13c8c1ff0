#!/usr/bin/env bash
# Rebuilds models/toxicity_fr.ftz, the toxicity classifier shipped with palabre, from the public
# data in ../shared/data (train split) and palabre's own written data in data/ (the news-comment
# benchmark's tune splits and the third to twelfth training files included, never the test splits), then
# measures it on the held-out eval set. Deterministic: one training thread and a fixed seed give
# the same file (docs/MODERATION.md gives its md5). Takes about a minute on one core.
#
#   tools/train_model.sh              # uses build/palabre
#   PALABRE=build-x/palabre tools/train_model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PALABRE=${PALABRE:-build/palabre}
SHARED=${SHARED:-../shared/data}

"$PALABRE" train \
  --data "$SHARED/fr_toxic_train.tsv" \
  --data data/spam_fr_written.tsv \
  --data data/news_comments_train_fr.tsv \
  --data data/news_bench_tune_fr.tsv \
  --data data/news_bench_hostile2_tune_fr.tsv \
  --data data/news_bench_legit2_tune_fr.tsv \
  --data data/news_train3_fr.tsv \
  --data data/news_train4_fr.tsv \
  --data data/news_train5_fr.tsv \
  --data data/news_train6_fr.tsv \
  --data data/news_train7_fr.tsv \
  --data data/news_train8_fr.tsv \
  --data data/news_train9_fr.tsv \
  --data data/news_train10_fr.tsv \
  --data data/news_train11_fr.tsv \
  --data data/news_train12_fr.tsv \
  --dev "$SHARED/fr_toxic_dev.tsv" \
  --dev data/news_comments_dev_fr.tsv \
  --out models/toxicity_fr.ftz

# The news-comment evaluation set was never used to choose anything: report it last.
"$PALABRE" eval --model models/toxicity_fr.ftz --data data/news_comments_eval_fr.tsv

md5sum models/toxicity_fr.ftz
