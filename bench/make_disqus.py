#!/usr/bin/env python3
"""Writes a Disqus XML export of N comments on stdout, for the import benchmark
(bench/run_import.sh).

Shaped like a news site's export: articles of 1 to 400 comments, every fourth comment a reply
(some written before their parent), 2 % deleted, 1 % spam, HTML messages of ~250 characters
with <p>, <b> and a link now and then, articles listed twice (with a query string) now and then.
Deterministic (fixed seed); written as it goes, so any N fits in a few megabytes of memory."""
import argparse
import datetime
import random
import sys

WORDS = ("le prix du riz a encore augmenté au marché de Médine et les familles achètent "
         "au kilo la route de Dakar reste longue les camions attendent aux frontières "
         "le gouvernement promet des contrôles mais personne ne les voit les producteurs "
         "de l'Office du Niger manquent de décortiqueuses pendant l'hivernage").split()
NAMES = ("Awa", "Moussa", "Fatoumata", "Ibrahim", "Aminata", "Oumar", "Salif", "Mariam",
         "Boubacar", "Kadiatou", "Issa", "Fanta")


def message(rng: random.Random) -> str:
    words = []
    while sum(len(w) + 1 for w in words) < 240:
        words.append(rng.choice(WORDS))
    words[rng.randrange(len(words))] = "<b>" + rng.choice(WORDS) + "</b>"
    if rng.random() < 0.1:
        words.append('<a href="https://www.sahel-info.example/dossier">notre dossier</a>')
    return "<p>" + " ".join(words).capitalize() + ".</p><p>" + rng.choice(WORDS) + " !</p>"


def iso(seconds: int) -> str:
    t = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--comments", type=int, default=1_000_000)
    args = ap.parse_args()
    rng = random.Random(42)
    out = sys.stdout
    w = out.write
    w('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
      'xmlns:dsq="http://disqus.com/disqus-internals">\n')
    # Articles first, as Disqus writes them; sizes drawn until N comments are placed.
    sizes = []
    placed = 0
    while placed < args.comments:
        n = min(args.comments - placed, int(rng.paretovariate(1.2) * 5))
        sizes.append(max(n, 1))
        placed += sizes[-1]
    start = 1_600_000_000
    for t, _ in enumerate(sizes):
        link = f"https://www.sahel-info.example/actualite/article-{t}/"
        if t % 50 == 7:
            link += "?utm_source=facebook"
        w(f'  <thread dsq:id="{100000 + t}">\n    <id>{"" if t % 3 else f"art-{t}"}</id>\n'
          f'    <link>{link}</link>\n    <title>Article {t} : le prix du riz</title>\n'
          f'    <createdAt>{iso(start + t * 3600)}</createdAt>\n    <isClosed>false</isClosed>\n'
          f'    <isDeleted>false</isDeleted>\n  </thread>\n')
    post = 1
    for t, n in enumerate(sizes):
        ids = []
        pending = None
        for i in range(n):
            pid = post
            post += 1
            parent = ""
            if ids and rng.random() < 0.25:
                parent = f'\n    <parent dsq:id="{rng.choice(ids)}"/>'
            ids.append(pid)
            deleted = "true" if rng.random() < 0.02 else "false"
            spam = "true" if rng.random() < 0.01 else "false"
            name = rng.choice(NAMES)
            text = (f'  <post dsq:id="{pid}">\n    <message><![CDATA[{message(rng)}]]></message>\n'
                    f'    <createdAt>{iso(start + t * 3600 + i * 60)}</createdAt>\n'
                    f'    <isDeleted>{deleted}</isDeleted>\n    <isSpam>{spam}</isSpam>\n'
                    f'    <author><name>{name}</name><email>{name.lower()}{pid % 997}@example.org'
                    f'</email><isAnonymous>false</isAnonymous></author>\n'
                    f'    <ipAddress>196.200.{pid % 250}.{pid % 200}</ipAddress>\n'
                    f'    <thread dsq:id="{100000 + t}"/>{parent}\n  </post>\n')
            # Now and then a comment is written after the next one (replies before parents).
            if pending is None and i + 1 < n and rng.random() < 0.02:
                pending = text
                continue
            w(text)
            if pending is not None:
                w(pending)
                pending = None
        if pending is not None:
            w(pending)
    w("</disqus>\n")


if __name__ == "__main__":
    main()
