"""Train the boilerplate stage's learned line scorer (cleanup/boilerplate_scorer.py).

    python scripts/boilerplate_train_scorer.py extract [DATA.jsonl] --out FEATURES.pkl
    python scripts/boilerplate_train_scorer.py train FEATURES.pkl [--write rules/data/boilerplate-scorer-en.toml]

`extract` runs the stage without a scorer on every labelled page (the project's own venv is
enough) and keeps, for each line the stage kept and the scorer would judge, its features
(as the stage computes them in its first round) and its label: article when its words, in
order, occur in the page's `main_content` (lower-cased \\w+ tokens), else boilerplate.
`train` needs numpy and scikit-learn (a throwaway venv: they are not the project's
dependencies; the project's site-packages on PYTHONPATH let it import the benchmark's metric).
It keeps the lines of the scorer's zone (before or after the article's region, or in its head
or tail: --zone-before, --zone-after), fits a logistic regression, measures it by cross-validation GROUPED BY
SITE (the page URL's host: no site is in both the training and the test part of a fold),
on the benchmark's own metric (bag-of-words P/R/F1 per page, boilerplate snippets left,
article snippets lost), picks the most conservative threshold that keeps article loss
within the target, and with --write stores the weights trained on all pages.
"""
from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from bisect import bisect_left
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TOKEN = re.compile(r"\w+")
MIN_WORDS = 1  # lines of fewer words (a number, a symbol) are not scored


def token_text(text: str) -> str:
    return " " + " ".join(TOKEN.findall(text.lower())) + " "


def is_article(line: str, gold: str, gold_lines: set[str]) -> bool:
    """A line of three words or more is article text when its words, in order, occur in the
    article; a shorter one (a heading, a menu item) only when the article has it as a line."""
    toks = token_text(line)
    return toks in gold_lines if toks.count(" ") <= 3 else toks in gold

def extract(data: Path, out: Path, limit: int) -> None:
    from boilerplate import boilerplate_only_cleaner
    from cleanup import boilerplate_scorer as scorer
    from cleanup.lines import split_lines

    stage = next(s for s in boilerplate_only_cleaner().stages if s.name == "boilerplate")
    stage.model = None
    probe: list = []

    def record(view, locked):
        if not probe:  # the first round only: the text as it came
            positions = [k for k, b in enumerate(view.blocks)
                         if b.words >= MIN_WORDS and b.index not in view.removed and b.index not in locked]
            # and the lines the structure removed, which a second model may give back
            undo = [k for k, b in enumerate(view.blocks) if b.words >= MIN_WORDS
                    and view.removed.get(b.index, "").startswith(scorer.STRUCTURE_PREFIX)]
            probe.append((positions, scorer.page_features(view, positions), view,
                          undo, scorer.page_features(view, undo)))
        return {}

    stage._score = record
    pages = []
    with data.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for row in rows[: limit or None]:
        probe.clear()
        text = row["text"]
        lines = split_lines(text)
        starts = [ln.start for ln in lines]
        removed = set()
        for f in stage.find(text):
            i = bisect_left(starts, f.start)
            while i < len(lines) and lines[i].start < f.end:
                if lines[i].text(text).strip():
                    removed.add(i)
                i += 1
        gold = token_text(row["main_content"])
        gold_lines = {token_text(g) for g in row["main_content"].splitlines()}
        kept = [(i, ln.text(text)) for i, ln in enumerate(lines) if i not in removed]
        scored, restorable = {}, {}
        if probe:
            positions, feats, view, undo, undo_feats = probe[0]
            for k, x in zip(undo, undo_feats):
                i = view.blocks[k].index
                if i in removed:
                    restorable[i] = (x, is_article(lines[i].text(text), gold, gold_lines), lines[i].text(text))
            for k, x in zip(positions, feats):
                i = view.blocks[k].index
                if i in removed:
                    continue
                content = lines[i].text(text)
                scored[i] = (x, is_article(content, gold, gold_lines))
        pages.append({"id": row["id"], "host": urlparse(row.get("url", "")).netloc or row["id"],
                      "kept": kept, "scored": scored, "restorable": restorable, "row": row})
    with out.open("wb") as fh:
        pickle.dump({"features": scorer.FEATURES, "pages": pages}, fh)
    print(f"{len(pages)} pages, {sum(len(p['scored']) for p in pages)} scored lines -> {out}")


def page_metrics(page: dict, drop: set[int], add: set[int] = frozenset()) -> tuple[float, float, float, int, int, int, int]:
    from boilerplate import prf, snippet_shares

    lines = [(i, t) for i, t in page["kept"] if i not in drop]
    lines += [(i, page["restorable"][i][2]) for i in add]
    text = "\n".join(t for i, t in sorted(lines))
    p, r, f = prf(text, page["row"]["main_content"])
    return (p, r, f, *snippet_shares(text, page["row"]))


def summary(pages: list[dict], drops: list[set[int]], adds: list[set[int]] | None = None) -> dict:
    tot = [0.0] * 7
    for page, drop, add in zip(pages, drops, adds or [set()] * len(pages)):
        for j, v in enumerate(page_metrics(page, drop, add)):
            tot[j] += v
    n = len(pages)
    return {"P": tot[0] / n, "R": tot[1] / n, "F1": tot[2] / n,
            "bp_left": tot[3] / max(1, tot[4]), "art_lost": tot[5] / max(1, tot[6])}


def fmt(m: dict) -> str:
    return (f"P {m['P']:.3f} R {m['R']:.3f} F1 {m['F1']:.3f} bp-left {100 * m['bp_left']:.1f}% "
            f"art-lost {100 * m['art_lost']:.2f}%")


def design(pages: list[dict], part: str = "scored"):
    import numpy as np

    X, y, w, page_of, line_of = [], [], [], [], []
    for pi, page in enumerate(pages):
        for i, (x, art, *_) in page[part].items():
            X.append(x)
            y.append(0 if art else 1)
            w.append(x[1])  # log words: longer lines matter more to a bag-of-words metric
            page_of.append(pi)
            line_of.append(i)
    return np.array(X), np.array(y), np.array(w), np.array(page_of), np.array(line_of)


def fit(X, y, w, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    model.fit(X, y, sample_weight=w)
    return model


def grouped_oof(pages, X, y, w, page_of, c: float, folds: int):
    """Out-of-fold boilerplate probabilities, folds grouped by site."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    hosts = np.array([pages[p]["host"] for p in page_of])
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=folds).split(X, y, hosts):
        oof[test] = fit(X[train], y[train], w[train], c).predict_proba(X[test])[:, 1]
    return oof


def drops_at(pages, probs, page_of, line_of, threshold: float) -> list[set[int]]:
    drops = [set() for _ in pages]
    for p, pi, i in zip(probs, page_of, line_of):
        if p >= threshold:
            drops[pi].add(int(i))
    return drops


def in_zone(X, names, zone_after: float, zone_before: float):
    """The rows the scorer judges at run time (cleanup/boilerplate_scorer.candidates): outside
    the region, or in its head or tail."""
    inside = X[:, names.index("inside_region")] == 1
    return ~inside | (X[:, names.index("prose_share_after")] < zone_after) | \
        (X[:, names.index("prose_share_before")] < zone_before)


THRESHOLDS = (0.97, 0.95, 0.93, 0.92, 0.91, 0.9, 0.88, 0.85, 0.8, 0.75, 0.7)


def train(features_path: Path, write: Path | None, folds: int, c: float, max_lost: float,
          zone: tuple[float, float]) -> None:
    with features_path.open("rb") as fh:
        data = pickle.load(fh)
    pages, names = data["pages"], list(data["features"])
    X, y, w, page_of, line_of = design(pages)
    keep = in_zone(X, names, *zone)
    X, y, w, page_of, line_of = X[keep], y[keep], w[keep], page_of[keep], line_of[keep]
    print(f"{len(pages)} pages, {len({p['host'] for p in pages})} sites, {len(y)} lines "
          f"({int(y.sum())} boilerplate)")
    base = summary(pages, [set() for _ in pages])
    print(f"without the scorer:            {fmt(base)}")
    oof = grouped_oof(pages, X, y, w, page_of, c, folds)
    best = None
    for t in THRESHOLDS:
        m = summary(pages, drops_at(pages, oof, page_of, line_of, t))
        ok = m["art_lost"] <= max_lost and m["R"] >= 0.97
        print(f"grouped {folds}-fold CV, t={t:.2f}: {fmt(m)}{'' if ok else '  (over the loss limit)'}")
        if ok and (best is None or m["F1"] > best[1]["F1"] + 0.0005):
            best = (t, m)
    if best is None:
        print("no threshold keeps article loss within the limit: nothing written")
        return
    print(f"chosen threshold {best[0]:.2f}: {fmt(best[1])}")
    if write is not None:
        model = fit(X, y, w, c)
        weights = [float(v) for v in model.coef_[0]]
        lines = [
            "# The boilerplate stage's learned line scorer (cleanup/boilerplate_scorer.py): a logistic",
            "# regression over the features named below, trained by scripts/boilerplate_train_scorer.py on",
            f"# the {len(pages)} WCXB dev pages (labels from their main_content). Grouped-by-site "
            f"{folds}-fold CV at this threshold:",
            f"# {fmt(best[1])} (without the scorer: {fmt(base)}).",
            f"threshold = {best[0]}",
            f"min_words = {MIN_WORDS}",
            f"zone_after = {zone[0]}",
            f"zone_before = {zone[1]}",
            "features = [" + ", ".join(f'"{n}"' for n in names) + "]",
            "weights = [" + ", ".join(f"{v:.5f}" for v in weights) + "]",
        ]
        write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {write}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "bench" / "boilerplate" /
                                                   "wcxb-dev-articles.jsonl"))
    ex.add_argument("--out", required=True)
    ex.add_argument("--limit", type=int, default=0)
    tr = sub.add_parser("train")
    tr.add_argument("features")
    tr.add_argument("--write", default="")
    tr.add_argument("--folds", type=int, default=5)
    tr.add_argument("--c", type=float, default=1.0)
    tr.add_argument("--max-lost", type=float, default=0.01)
    tr.add_argument("--zone-after", type=float, default=0.10)
    tr.add_argument("--zone-before", type=float, default=0.05)
    args = ap.parse_args(argv)
    if args.cmd == "extract":
        extract(Path(args.data), Path(args.out), args.limit)
    else:
        train(Path(args.features), Path(args.write) if args.write else None, args.folds, args.c, args.max_lost,
              (args.zone_after, args.zone_before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
