"""Error analysis of the boilerplate stage: the largest false-kept and false-removed blocks.

    python benchmarks/boilerplate_errors.py [DATA.jsonl] [--limit N] [--top N] [--page ID]

Each non-blank line of a page is labelled article or boilerplate by whether its words,
in order, occur in the page's `main_content` (lower-cased \\w+ tokens). Lines of one or
two words are left unlabelled (too ambiguous to call either way). Then:
- false-kept: boilerplate lines the stage kept, summed by words, grouped into runs of
  consecutive lines; the largest runs across pages are listed;
- false-removed: article lines the stage removed, by the rule id that removed them.
With --page, every line of one page is printed with its label and verdict.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from boilerplate import DEFAULT_DATA, boilerplate_only_cleaner  # noqa: E402
from cleanup.lines import split_lines  # noqa: E402

TOKEN = re.compile(r"\w+")


def token_text(text: str) -> str:
    return " " + " ".join(TOKEN.findall(text.lower())) + " "


def label(line: str, gold: str) -> str | None:
    """'art', 'bp' or None (too short to call)."""
    toks = TOKEN.findall(line.lower())
    if len(toks) < 3:
        return None
    return "art" if token_text(line) in gold else "bp"


def page_lines(stage, row: dict):
    """(index, text, label, removed-by rule id or None) for each non-blank line."""
    text = row["text"]
    gold = token_text(row["main_content"])
    lines = split_lines(text)
    by_line: dict[int, str] = {}
    starts = [ln.start for ln in lines]
    for f in stage.find(text):
        i = bisect_left(starts, f.start)
        while i < len(lines) and lines[i].start < f.end:
            by_line[i] = f.rule
            i += 1
    for i, ln in enumerate(lines):
        content = ln.text(text).strip()
        if content:
            yield i, content, label(content, gold), by_line.get(i)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--page", default="")
    args = ap.parse_args(argv)
    with open(args.data, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    stage = next(s for s in boilerplate_only_cleaner().stages if s.name == "boilerplate")
    if args.page:
        row = next(r for r in rows if r["id"] == args.page)
        for i, content, lab, rule in page_lines(stage, row):
            mark = "-" if rule else " "
            print(f"{i:4d} {lab or '?':3} {mark} {(rule or '')[12:40]:28} {content[:150]}")
        return 0

    kept_runs: list[tuple[int, str, int, str]] = []  # (words, page, line, text)
    removed_by_rule: Counter = Counter()
    removed_examples: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    totals = Counter()
    for row in rows:
        run_words, run_start, run_text = 0, None, []
        for i, content, lab, rule in page_lines(stage, row):
            words = len(TOKEN.findall(content))
            totals[(lab, bool(rule))] += words
            if lab == "bp" and not rule:
                if run_start is None:
                    run_start = i
                run_words += words
                run_text.append(content[:100])
                continue
            if lab == "art" and rule:
                removed_by_rule[rule] += words
                removed_examples[rule].append((words, row["id"], content[:160]))
            if run_start is not None and lab is not None:
                kept_runs.append((run_words, row["id"], run_start, " ⏎ ".join(run_text)[:300]))
                run_words, run_start, run_text = 0, None, []
        if run_start is not None:
            kept_runs.append((run_words, row["id"], run_start, " ⏎ ".join(run_text)[:300]))

    print("words by (label, removed):")
    for (lab, rem), n in sorted(totals.items(), key=lambda x: str(x[0])):
        print(f"  {lab or '?':3} {'removed' if rem else 'kept':8} {n:9d}")
    print(f"\nlargest false-kept runs (boilerplate kept), {sum(w for w, *_ in kept_runs)} words in all:")
    for words, page, line, text in sorted(kept_runs, reverse=True)[: args.top]:
        print(f"  {words:5d} {page} @{line}: {text}")
    print("\nfalse-removed article words by rule:")
    for rule, n in removed_by_rule.most_common():
        print(f"  {n:6d} {rule}")
        for words, page, text in sorted(removed_examples[rule], reverse=True)[:4]:
            print(f"         {words:4d} {page}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
