"""Damage on good human text: `python benchmarks/human_text.py [--examples N] [--rule ID] [--jobs N]`.

"A cleaner must never damage good text": on human-written text every automatic edit is
counted as damage (a few are real repairs of scraped text; they are listed per rule so
they can be judged). Target: at most 0.2 automatic edits per 1,000 words. Three sets, from
../shared/bench beside the repository root:
- articles: `main_content` of boilerplate/wcxb-dev-articles.jsonl (human-checked article
  bodies), one document per article;
- mqm-ref: the human translations (systems `ref`, `refB`) of mt/mqm-ted-zhen.jsonl, one
  document per segment, as benchmarks/mt.py cleans them;
- demetr-eng: `eng_sent` (the human reference) of mt/demetr, one document per sentence.
The cleaner is the rules-only one, cleanup.Cleaner(grammar=False, boilerplate=False), with
encoding repair on (as a user runs it). Findings below the apply threshold are not counted:
they are reported to a reader, not applied.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from multiprocessing import Pool
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT.parent / "shared" / "bench"

import cleanup  # noqa: E402

TARGET = 0.2  # automatic edits per 1,000 words
# Shown apart, so the rest can be judged on its own: encoding repair (mojibake, HTML entities,
# ligatures: a repair, another team's stage) and the space a scraper leaves before a comma or
# full stop where it glued a link's text back ("the Certificate Program , where").
SCRAPING_REPAIRS = ("encoding.", "space.before-punctuation")

# Repairs of a defect anyone can see in the text itself, judged from the edited text alone (not
# from the rule that made the edit): an HTML entity left in plain text, UTF-8 read as Latin-1 or
# Windows-1252 ("â¬45", "Â®", "youâll"), a space between a word and a comma or full stop in prose
# (not on a line of code whose tokens were spaced out: "f ( a , b )"), two spaces between words.
# Everything else counts as damage, even where a reader would call it a fix ("Github" -> "GitHub").
_ENTITY = regex.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")
_MOJIBAKE = regex.compile(r"[ÂÃÅâ](?:[\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\s]|$|(?<=â)\p{Ll})|[Ã][\p{Lu}\p{Ll}]")
_CODE_LINE = regex.compile(r"[(\[][ ]|[ ][)\]]|[ ]=[ ]|::")


def defect(original: str, start: int, end: int, replacement: str) -> str | None:
    """The visible defect that the edit original[start:end] -> replacement repairs, or None."""
    span = original[start:end]
    if _ENTITY.search(span) and not _ENTITY.search(replacement):
        return "HTML entity"
    if _MOJIBAKE.search(span) and not _MOJIBAKE.search(replacement):
        return "mojibake"
    line_start = original.rfind("\n", 0, start) + 1
    line_end = original.find("\n", end)
    line = original[line_start:line_end if line_end >= 0 else len(original)]
    after, before = original[end:end + 1], original[max(0, start - 1):start]
    if span == " " and replacement == "" and after in ",.;" and before.isalpha() and not _CODE_LINE.search(line):
        return "space before punctuation"
    if span == "  " and replacement == " " and before.isalpha() and original[end:end + 1].isalpha():
        return "double space"
    return None


def articles() -> list[str]:
    path = BENCH / "boilerplate" / "wcxb-dev-articles.jsonl"
    return [json.loads(line)["main_content"] for line in path.open(encoding="utf-8") if line.strip()]


def mqm_refs() -> list[str]:
    rows = (json.loads(line) for line in (BENCH / "mt" / "mqm-ted-zhen.jsonl").open(encoding="utf-8"))
    return [r["target"] for r in rows if r["system"] in ("ref", "refB")]


def demetr_eng() -> list[str]:
    seen: dict[int, str] = {}
    for path in sorted((BENCH / "mt" / "demetr").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            seen.setdefault(item["id"], item["eng_sent"])
    return list(seen.values())


SETS = {"articles": articles, "mqm-ref": mqm_refs, "demetr-eng": demetr_eng}

_cleaner = None


def _init() -> None:
    global _cleaner
    _cleaner = cleanup.Cleaner(grammar=False, boilerplate=False)


def _edits(text: str) -> list[tuple[str, str | None, str]]:
    """(rule, the defect it repairs or None, the edit in context) for each automatic edit."""
    r = _cleaner.clean(text)
    out = []
    for f in r.edits:
        shown = (r.original[max(0, f.start - 40):f.start] + "[[" + r.original[f.start:f.end] + "->"
                 + str(f.replacement) + "]]" + r.original[f.end:f.end + 30])
        repaired = defect(r.original, f.start, f.end, str(f.replacement))
        out.append((f.rule, repaired, shown.replace("\n", "\\n")))
    return out


def run(name: str, docs: list[str], pool) -> dict:
    counts: Counter = Counter()
    repairs: Counter = Counter()  # by defect
    damage: Counter = Counter()  # by rule: edits that repair no visible defect
    examples: dict[str, list[str]] = defaultdict(list)
    for found in pool.imap(_edits, docs, chunksize=8):
        for rule, repaired, shown in found:
            counts[rule] += 1
            if repaired:
                repairs[repaired] += 1
            else:
                damage[rule] += 1
            examples[rule].append(("   " if repaired else "?? ") + shown)
    return dict(name=name, docs=len(docs), words=sum(len(d.split()) for d in docs), counts=counts,
                repairs=repairs, damage=damage, examples=examples)


def rate(edits: int, words: int) -> float:
    return 1000 * edits / max(1, words)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=0, help="show N edits in context per rule")
    ap.add_argument("--rule", default=None, help="only this rule's examples (with --examples)")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all CPUs)")
    ap.add_argument("--top", type=int, default=10, help="rules shown per set")
    args = ap.parse_args()
    if not BENCH.is_dir():
        print(f"benchmark data not found at {BENCH}")
        return 1
    results = []
    with Pool(args.jobs, initializer=_init) as pool:
        for name in args.sets.split(","):
            results.append(run(name, SETS[name](), pool))
    total = dict(name="all three", docs=sum(r["docs"] for r in results), words=sum(r["words"] for r in results),
                 counts=sum((r["counts"] for r in results), Counter()),
                 repairs=sum((r["repairs"] for r in results), Counter()),
                 damage=sum((r["damage"] for r in results), Counter()))

    print(f"Automatic edits on human text (target: at most {TARGET} per 1,000 words)\n")
    print(f"{'set':12} {'docs':>6} {'words':>10} {'edits':>7} {'per 1k':>7} {'w/o encoding':>13}"
          f" {'w/o encoding, space before , .':>31}")
    for r in results + [total]:
        n = sum(r["counts"].values())
        no_enc = n - sum(v for k, v in r["counts"].items() if k.startswith("encoding."))
        rest = n - sum(v for k, v in r["counts"].items() if k.startswith(SCRAPING_REPAIRS))
        print(f"{r['name']:12} {r['docs']:>6} {r['words']:>10} {n:>7} {rate(n, r['words']):>7.3f}"
              f" {rate(no_enc, r['words']):>13.3f} {rest:>20} = {rate(rest, r['words']):.3f}")
    print("\nThe same edits judged from the text alone: repairs of a visible defect (entity, mojibake, a space"
          "\nbefore , . ; in prose, a double space) and the rest, counted as damage (marked ?? in --examples)")
    print(f"{'set':12} {'repairs':>8} {'damage':>7} {'damage per 1k':>14}  repairs by defect")
    for r in results + [total]:
        n_damage = sum(r["damage"].values())
        print(f"{r['name']:12} {sum(r['repairs'].values()):>8} {n_damage:>7} {rate(n_damage, r['words']):>14.3f}"
              f"  {dict(r['repairs'].most_common())}")
    print(f"damage by rule (all three): {dict(total['damage'].most_common())}")
    for r in results + [total]:
        if not r["counts"]:
            continue
        print(f"\n{r['name']}: top rules (edits, per 1,000 words)")
        for rule, n in r["counts"].most_common(args.top):
            print(f"  {rule:42} {n:>6} {rate(n, r['words']):>7.3f}")
    if args.examples:
        for r in results:
            for rule, shown in sorted(r["examples"].items()):
                if args.rule and rule != args.rule:
                    continue
                print(f"\n{r['name']} / {rule}: {len(shown)} edits")
                for s in shown[:args.examples]:
                    print("    " + s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
