"""Boilerplate benchmark: our stage against do-nothing and text-only jusText.

    python benchmarks/boilerplate.py [DATA.jsonl] [--limit N] [--floor] [--worst N]

DATA defaults to ../shared/bench/boilerplate/wcxb-dev-articles.jsonl beside the
repository root. Metric (the benchmark's own): per-page bag-of-words precision,
recall and F1 on lower-cased \\w+ tokens, averaged over pages; plus the share of
`without` snippets still present and of `with` snippets lost (case-insensitive
substring). jusText runs on the same plain text, one paragraph per line
(`pip install justext lxml_html_clean`; n/a when it is not installed).
With --floor the command fails when our F1 falls below FLOOR_F1.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup import Cleaner, Options  # noqa: E402
from cleanup.rulesets import load_rules  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "boilerplate" / "wcxb-dev-articles.jsonl"
FLOOR_F1 = 0.915  # pinned a little below what the stage reaches on the dev set (0.924)
TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter:
    return Counter(TOKEN.findall(text.lower()))


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    p, g = tokens(predicted), tokens(gold)
    if not p and not g:
        return 1.0, 1.0, 1.0
    common = sum((p & g).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                             "\u2014": "-", "\u00a0": " "})


def comparable(text: str) -> str:
    """Lower case, straight quotes, single spaces: the snippets were typed from a rendering
    of the page, so a curly quote or a line break must not count as a difference."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).lower().split())


def snippet_shares(predicted: str, row: dict) -> tuple[int, int, int, int]:
    """(boilerplate snippets left, of how many; article snippets lost, of how many).
    Only snippets found in the page's input text are counted: the others cannot be judged."""
    before, after = comparable(row["text"]), comparable(predicted)
    without = [comparable(s) for s in row.get("without") or []]
    with_ = [comparable(s) for s in row.get("with") or []]
    without = [s for s in without if s in before]
    with_ = [s for s in with_ if s in before]
    left = sum(1 for s in without if s in after)
    lost = sum(1 for s in with_ if s not in after)
    return left, len(without), lost, len(with_)


def boilerplate_only_cleaner() -> Cleaner:
    """A Cleaner that runs the boilerplate stage and nothing else."""
    others = tuple(sorted({s.id for s in load_rules().sets if s.stage != "boilerplate"}))
    return Cleaner(Options(grammar=False, encoding=False, disable=others))


def justext_system():
    try:
        import justext
    except Exception:  # not installed, or lxml without its html_clean part
        return None
    stoplist = justext.get_stoplist("English")

    def run(text: str) -> str:
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if not lines:
            return ""
        doc = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines) + "</body></html>"
        paragraphs = justext.justext(doc.encode("utf-8"), stoplist, encoding="utf-8")
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


class Score:
    def __init__(self, name: str):
        self.name, self.p, self.r, self.f, self.n = name, 0.0, 0.0, 0.0, 0
        self.left = self.without = self.lost = self.with_ = 0
        self.seconds = 0.0
        self.per_page: list[tuple[float, str]] = []

    def add(self, predicted: str, row: dict, seconds: float = 0.0) -> None:
        p, r, f = prf(predicted, row["main_content"])
        self.p, self.r, self.f, self.n = self.p + p, self.r + r, self.f + f, self.n + 1
        left, without, lost, with_ = snippet_shares(predicted, row)
        self.left, self.without, self.lost, self.with_ = (self.left + left, self.without + without,
                                                          self.lost + lost, self.with_ + with_)
        self.seconds += seconds
        self.per_page.append((f, row.get("id", "?")))

    @property
    def f1(self) -> float:
        return self.f / max(self.n, 1)

    def row(self, kb: float, timed: bool) -> str:
        n = max(self.n, 1)
        speed = f"{1000 * self.seconds / kb:8.3f}" if timed else "       -"
        return (f"{self.name:<12} {self.p / n:6.3f} {self.r / n:6.3f} {self.f / n:6.3f} "
                f"{100 * self.left / max(self.without, 1):7.1f}% {100 * self.lost / max(self.with_, 1):7.2f}% {speed}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--floor", action="store_true", help=f"fail when our F1 is below {FLOOR_F1}")
    ap.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    ap.add_argument("--no-justext", action="store_true", help="skip the jusText baseline")
    ap.add_argument("--twice", action="store_true", help="also count the pages a second run changes")
    ap.add_argument("--no-scorer", action="store_true", help="without the learned line scorer (A/B)")
    args = ap.parse_args(argv)

    path = Path(args.data)
    if not path.is_file():
        print(f"no benchmark data at {path}", file=sys.stderr)
        return 2
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if args.limit:
        rows = rows[: args.limit]

    cleaner = boilerplate_only_cleaner()
    stage = next(s for s in cleaner.stages if s.name == "boilerplate")
    if args.no_scorer:
        stage.model = None
    jt = None if args.no_justext else justext_system()
    ours, nothing, justext_score = Score("cleanup"), Score("do-nothing"), Score("jusText")
    kb = 0.0
    changed_again = 0
    for row in rows:
        text = row["text"]
        kb += len(text.encode("utf-8")) / 1024
        # the classification alone, timed apart from the pipeline's other work, and before the
        # pipeline sees the page (the stage remembers lines it has seen)
        t0 = time.perf_counter()
        stage.find(text)
        seconds = time.perf_counter() - t0
        cleaned = cleaner.clean(text).text
        ours.add(cleaned, row, seconds)
        if args.twice and cleaner.clean(cleaned).text != cleaned:
            changed_again += 1
        nothing.add(text, row)
        if jt is not None:
            t0 = time.perf_counter()
            justext_score.add(jt(text), row, time.perf_counter() - t0)

    print(f"{len(rows)} pages, {kb / 1024:.1f} MB of text: {path}")
    print("bag-of-words P/R/F1 averaged over pages; bp-left: boilerplate snippets still there, art-lost:"
          " article snippets gone (of those found in the input); ms/KB: classification time")
    print(f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'bp-left':>8} {'art-lost':>8} {'ms/KB':>8}")
    print(ours.row(kb, True))
    print(nothing.row(kb, False))
    print(justext_score.row(kb, True) if jt is not None else f"{'jusText':<12} n/a (pip install justext lxml_html_clean)")
    if args.twice:
        print(f"pages a second run changes: {changed_again} of {len(rows)}")
    if args.worst:
        for f, page in sorted(ours.per_page)[: args.worst]:
            print(f"  {f:.3f} {page}")
    if args.floor and ours.f1 < FLOOR_F1:
        print(f"F1 {ours.f1:.3f} is below the pinned floor {FLOOR_F1}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
