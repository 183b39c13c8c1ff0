#!/usr/bin/env python3
"""Writes the benchmark's history as palabre import JSON Lines on stdout.

One article with N comments shaped as comment threads are (every fifth comment a reply to
the one before it, ~250 characters with some Markdown), and `--articles` more articles with a
few comments each, for the counts benchmark. Deterministic (fixed seed)."""
import argparse
import datetime
import json
import random

WORDS = ("le prix du riz a encore augmenté au marché de Médine et les familles achètent "
         "au kilo la route de Dakar reste longue les camions attendent aux frontières "
         "le gouvernement promet des contrôles mais personne ne les voit les producteurs "
         "de l'Office du Niger manquent de décortiqueuses pendant l'hivernage").split()


def text(rng: random.Random) -> str:
    words = []
    while sum(len(w) + 1 for w in words) < 240:
        words.append(rng.choice(WORDS))
    words[rng.randrange(len(words))] = "**" + rng.choice(WORDS) + "**"
    words[rng.randrange(len(words))] = "*" + rng.choice(WORDS) + "*"
    return " ".join(words).capitalize() + "."


def iso(seconds: int) -> str:
    t = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--comments", type=int, default=1000)
    ap.add_argument("--articles", type=int, default=10)
    args = ap.parse_args()
    rng = random.Random(1000)
    base = 1_700_000_000
    print(json.dumps({"type": "thread", "id": "bench-article",
                      "title": "Bamako : le prix du riz", "body": " ".join(WORDS)}))
    for i in range(args.comments):
        parent = f"b{i - 1}" if i % 5 == 4 else None
        print(json.dumps({"id": f"b{i}", "thread": "bench-article", "parent": parent,
                          "author": f"Lecteur {i % 97}", "text": text(rng),
                          "created_at": iso(base + i * 60)},
                         ensure_ascii=False))
    for a in range(args.articles):
        for j in range(3 + a):
            print(json.dumps({"id": f"a{a}-{j}", "thread": f"article-{a}", "author": "Awa",
                              "text": text(rng), "created_at": "2026-01-01T10:00:00Z"},
                             ensure_ascii=False))


if __name__ == "__main__":
    main()
