#!/usr/bin/env python3
"""Out-of-fold measure of the toxicity classifier inside the whole pipeline (docs/MODERATION.md).

The news-comment benchmark's tune halves are cut in FOLDS folds by row index. For each fold, a
model is trained by `palabre train` on the training data of tools/train_model.sh (public train
split, palabre's training files) plus the other folds, with the hyper-parameters given after
`--`; the fold's rows then go through the whole pipeline (`palabre moderate`, one author and one
thread per row, an hour apart) with the classifier's threat/hate/insult holds turned off, so that
every tune row gets a score from a model that never saw it and the rule checks' own decision.
Finally a grid over the three hold thresholds gives the most hostile rows stopped with at most
BUDGET of the legitimate rows stopped, and the shipped thresholds' figures.

  tools/moderation_oof.py --work /tmp/oof                 # the shipped hyper-parameters
  tools/moderation_oof.py --work /tmp/oof-d100 -- --dim 100 --minn 3 --maxn 6

The test halves are never read. Takes about 5 trainings' time (a few minutes on one core).
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys

# tools/train_model.sh's training files, the tune halves apart (they are the folds).
BASE = ["{shared}/fr_toxic_train.tsv", "data/spam_fr_written.tsv",
        "data/news_comments_train_fr.tsv"] + [f"data/news_train{n}_fr.tsv" for n in range(3, 13)]
TUNE = ["data/news_bench_tune_fr.tsv", "data/news_bench_hostile2_tune_fr.tsv",
        "data/news_bench_legit2_tune_fr.tsv"]
# The pipeline's settings while scoring: the classifier reports, the rules decide.
OFF = """moderation.toxicity.threat.hold = 2
moderation.toxicity.threat.reject = 2
moderation.toxicity.hate.hold = 2
moderation.toxicity.insult.hold = 2
moderation.toxicity.insult.reject = 2
"""
WORD = re.compile(r"[^\W\d_]+")
SHIPPED = (0.80, 0.75, 0.25)  # threat, hate, insult holds (ToxicityThresholds)


def read_rows(paths):
    rows = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                rows.append(row)
    return rows


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("label\ttext\tsource\tcategory\n")
        for r in rows:
            f.write("\t".join([r["label"], r["text"], r.get("source", ""),
                               r.get("category", "")]) + "\n")


def roc_auc(scores, positives):
    pairs = sorted(zip(scores, positives))
    rank_sum, n_pos, i = 0.0, 0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0
        for k in range(i, j):
            if pairs[k][1]:
                rank_sum += mid
                n_pos += 1
        i = j
    n_neg = len(pairs) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def score(args):
    """Trains the fold models and scores every tune row with the one that did not see it."""
    base = [p.format(shared=args.shared) for p in BASE] + args.extra_data
    tune = read_rows(TUNE)
    config = os.path.join(args.work, "off.conf")
    with open(config, "w") as f:
        f.write(OFF)

    results = [None] * len(tune)
    for k in range(args.folds):
        train_rows = [r for i, r in enumerate(tune) if i % args.folds != k]
        held = [(i, r) for i, r in enumerate(tune) if i % args.folds == k]
        train_path = os.path.join(args.work, f"fold{k}_train.tsv")
        model = os.path.join(args.work, f"fold{k}.ftz")
        write_tsv(train_path, train_rows)
        if not os.path.exists(model):
            cmd = [args.palabre, "train"] + sum([["--data", p] for p in base], []) + [
                "--data", train_path, "--out", model] + args.train_args
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        lines = []
        for n, (i, r) in enumerate(held):
            hour, day = n % 24, 1 + n // 24
            lines.append(json.dumps({
                "text": r["text"], "author": f"oof{i}", "thread": f"t{i}",
                "created_at": f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T{hour:02d}:00:00Z"},
                ensure_ascii=False))
        out = subprocess.run([args.palabre, "moderate", "--model", model, "--moderation-config",
                              config], input="\n".join(lines) + "\n", capture_output=True,
                             text=True, check=True).stdout.splitlines()
        answers = [json.loads(line) for line in out if line.startswith("{")]
        if len(answers) != len(held):
            sys.exit(f"fold {k}: {len(answers)} answers for {len(held)} rows")
        for (i, r), a in zip(held, answers):
            results[i] = a
        print(f"fold {k}: {len(held)} rows scored", file=sys.stderr)

    rows = []
    for r, a in zip(tune, results):
        s = a["scores"]
        rows.append({"ok": r["label"] == "ok", "category": r.get("category", ""),
                     "rules": a["action"] in ("hold", "reject"),
                     "threat": s.get("threat", 0.0), "hate": s.get("hate", 0.0),
                     "insult": s.get("insult", 0.0), "text": r["text"]})
    with open(os.path.join(args.work, "scores.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--palabre", default="build/palabre")
    parser.add_argument("--shared", default="../shared/data")
    parser.add_argument("--work", required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=0.02)
    parser.add_argument("--extra-data", action="append", default=[],
                        help="more training files, for every fold")
    parser.add_argument("--min-words", type=int, default=0,
                        help="texts with fewer words are never stopped by the classifier alone")
    parser.add_argument("--show", action="store_true", help="print the legitimate rows stopped")
    parser.add_argument("--scores", help="re-use a scores.jsonl of an earlier run, no training")
    parser.add_argument("train_args", nargs="*", help="after --: more `palabre train` options")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.scores:
        with open(args.scores, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
    else:
        rows = score(args)

    legit = [r for r in rows if r["ok"]]
    hostile = [r for r in rows if not r["ok"]]
    notok = [max(r["threat"], r["hate"], r["insult"]) for r in rows]
    print(f"rows: {len(legit)} legitimate, {len(hostile)} hostile")
    print(f"not-ok ROC-AUC (max of threat, hate, insult): "
          f"{roc_auc(notok, [not r['ok'] for r in rows]):.3f}; threat ROC-AUC "
          f"{roc_auc([r['threat'] for r in rows], [r['category'] in ('threat', 'incitement') for r in rows]):.3f}")
    print(f"rules alone: {sum(r['rules'] for r in legit)} legitimate stopped, "
          f"{sum(r['rules'] for r in hostile) / len(hostile):.1%} hostile stopped")

    def stopped(r, t, h, i):
        if r["rules"]:
            return True
        if len(WORD.findall(r["text"])) < args.min_words:
            return False  # the minimum-evidence rule: short texts are only queued for review
        return r["threat"] >= t or r["hate"] >= h or r["insult"] >= i

    def figures(t, h, i):
        return (sum(stopped(r, t, h, i) for r in legit),
                sum(stopped(r, t, h, i) for r in hostile))

    grid = [round(0.30 + 0.05 * n, 2) for n in range(14)] + [0.97, 0.99]
    best = None
    for t in grid:
        for h in grid:
            for i in grid:
                fl, fh = figures(t, h, i)
                if fl <= args.budget * len(legit):
                    key = (fh, -fl, t + h + i)
                    if best is None or key > best[0]:
                        best = (key, (t, h, i), fl, fh)
    fl, fh = figures(*SHIPPED)
    print(f"shipped holds {SHIPPED}: {fh / len(hostile):.1%} hostile stopped, "
          f"{fl} legitimate ({fl / len(legit):.1%})")
    if best:
        _, (t, h, i), fl, fh = best
        print(f"best under {args.budget:.1%}: threat {t} hate {h} insult {i}: "
              f"{fh / len(hostile):.1%} hostile stopped, {fl} legitimate ({fl / len(legit):.1%})")
        for category in sorted({r["category"] for r in hostile}):
            rows_c = [r for r in hostile if r["category"] == category]
            print(f"  recall {category}: {sum(stopped(r, t, h, i) for r in rows_c)}/{len(rows_c)}")
        short = [r for r in legit if len(WORD.findall(r["text"])) <= 8]
        print(f"  legitimate of 1-8 words stopped: {sum(stopped(r, t, h, i) for r in short)}"
              f"/{len(short)}")
        if args.show:
            for r in legit:
                if stopped(r, t, h, i):
                    print(f"  stopped: {r['category']}: t={r['threat']:.2f} h={r['hate']:.2f} "
                          f"i={r['insult']:.2f} rules={r['rules']}: {r['text']}")


if __name__ == "__main__":
    main()
