"""Machine-translation artifacts benchmark: `python benchmarks/mt.py [--grammar]`.

Data: ../shared/bench/mt relative to the repository root (see its README).
- MQM (mqm-ted-zhen.jsonl): span-level precision and recall of our findings against the
  raters' error spans, per category and for all Fluency/* categories together ("Fluency
  (all)": the issue's target is its recall, at least twice LanguageTool alone's, at equal or
  better precision), on the MT systems; automatic edits per 1,000 words on the human
  translations (systems `ref`, `refB`). Precision is the share of all findings that overlap a
  span of that category.
- DEMETR: share of perturbed sentences turned back into the MT sentence exactly, per
  perturbation; false edits on `mt_sent` and on the human `eng_sent`. Beside it, a held-out check
  of the casing repairs: the MQM MT segments lower-cased (alone, and five to a paragraph) and
  turned back into the MT exactly (rules only).
"Rules only" is cleanup.Cleaner(grammar=False, boilerplate=False). With --grammar, also
cleanup.Cleaner(grammar=True) and LanguageTool alone, when LanguageTool is available
(--skip-demetr: MQM only; the grammar runs take long on DEMETR's ten files).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "bench" / "mt"

import cleanup  # noqa: E402

CATEGORIES = ("Fluency/Spelling", "Fluency/Grammar", "Fluency/Punctuation", "Style", "Accuracy")
HUMAN = {"ref", "refB"}
CASING = ("case", "first_lower", "full_lower")  # DEMETR's casing perturbations
FLUENCY = "Fluency"  # every Fluency/* category together (Spelling, Grammar, Punctuation, Inconsistency, Register)


def words(text: str) -> int:
    return len(text.split())


def category_of(name: str) -> str | None:
    for c in CATEGORIES:
        if name == c or name.startswith(c + "/") or name.startswith(c):
            return c
    return None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] if a[0] < a[1] else b[0] <= a[0] <= b[1]


def mqm(clean, limit: int | None) -> dict:
    found_total = Counter()
    found_hit = Counter()  # findings overlapping a span of a category (or any)
    spans_total = Counter()
    spans_hit = Counter()
    human_words = human_edits = 0
    by_rule = Counter()
    rows = [json.loads(line) for line in (DATA / "mqm-ted-zhen.jsonl").open(encoding="utf-8")]
    for row in rows[:limit]:
        text = row["target"]
        result = clean(text)
        if row["system"] in HUMAN:
            human_words += words(text)
            human_edits += len(result.edits)
            for f in result.edits:
                by_rule[f.rule] += 1
            continue
        spans = [(e["start"], e["end"], category_of(e["category"]), e["category"].startswith(FLUENCY))
                 for e in row["errors"] if e["start"] >= 0]
        for s in spans:
            if s[2]:
                spans_total[s[2]] += 1
            spans_total[FLUENCY] += s[3]
        for f in result.findings:
            fs = (f.start, f.end)
            found_total["all"] += 1
            hit = [s for s in spans if overlaps(fs, s[:2])]
            if hit:
                found_hit["any"] += 1
            found_hit[FLUENCY] += any(s[3] for s in hit)
            for c in {s[2] for s in hit}:
                if c:
                    found_hit[c] += 1
        for s in spans:
            if (s[2] or s[3]) and any(overlaps((f.start, f.end), s[:2]) for f in result.findings):
                spans_hit[s[2]] += bool(s[2])
                spans_hit[FLUENCY] += s[3]
    return dict(found_total=found_total, found_hit=found_hit, spans_total=spans_total, spans_hit=spans_hit,
                human_words=human_words, human_edits=human_edits, human_rules=by_rule)


def demetr(clean, limit: int | None) -> dict:
    out = {}
    files = sorted((DATA / "demetr").glob("*.json"))
    mt_checked = eng_checked = False
    mt_changed = mt_total = eng_words = eng_edits = 0
    eng_rules = Counter()
    for path in files:
        items = json.loads(path.read_text(encoding="utf-8"))[:limit]
        name = items[0]["pert_name"].split("_", 2)[-1] if items else path.stem
        if not mt_checked:
            for it in items:
                mt_total += 1
                mt_changed += clean(it["mt_sent"]).text != it["mt_sent"]
                r = clean(it["eng_sent"])
                eng_words += words(it["eng_sent"])
                eng_edits += len(r.edits)
                eng_rules.update(f.rule for f in r.edits)
            mt_checked = True
        if name == "reference":
            continue
        pairs = [it for it in items if it["pert_sent"] != it["mt_sent"]]
        fixed = sum(clean(it["pert_sent"]).text == it["mt_sent"] for it in pairs)
        touched = sum(clean(it["pert_sent"]).text != it["pert_sent"] for it in pairs)
        out[name] = (fixed, touched, len(pairs))
    return dict(perturbations=out, mt_changed=mt_changed, mt_total=mt_total, eng_words=eng_words,
                eng_edits=eng_edits, eng_rules=eng_rules)


def lowercased(clean, limit: int | None) -> dict:
    """Casing restored on MT from another source than DEMETR: the MQM MT segments (6 words or more,
    with a capital) lower-cased, alone and joined five at a time into paragraphs of one talk, and
    turned back into the MT exactly."""
    rows = [json.loads(line) for line in (DATA / "mqm-ted-zhen.jsonl").open(encoding="utf-8")][:limit]
    talks = defaultdict(list)
    for row in rows:
        if row["system"] not in HUMAN:
            talks[(row["system"], row["id"].split("|")[1])].append(row["target"])
    segments = [t for key in sorted(talks) for t in talks[key]
                if len(t.split()) >= 6 and any(ch.isupper() for ch in t)]
    paragraphs = [" ".join(segs[i:i + 5]) for key in sorted(talks) for segs in [talks[key]]
                  for i in range(0, len(segs) - 4, 5)]
    return {name: (sum(clean(t.lower()).text == t for t in texts), len(texts))
            for name, texts in (("segments", segments), ("paragraphs of 5", paragraphs))}


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   n/a"


def report(label: str, m: dict, d: dict | None) -> None:
    print(f"\n=== {label} ===")
    print("MQM ted zh-en (MT systems): span-level, findings vs rater spans")
    print(f"  {'category':22} {'precision':>10} {'recall':>10} {'spans':>7}")
    total_found = m["found_total"]["all"]
    for c in CATEGORIES + (FLUENCY + " (all)",):
        c = c.split(" ")[0] if c.endswith("(all)") else c
        label = c + " (all)" if c == FLUENCY else c
        print(f"  {label:22} {pct(m['found_hit'][c], total_found):>10} {pct(m['spans_hit'][c], m['spans_total'][c]):>10}"
              f" {m['spans_total'][c]:>7}")
    print(f"  {'any category':22} {pct(m['found_hit']['any'], total_found):>10} {'':>10} findings: {total_found}")
    rate = 1000 * m["human_edits"] / max(1, m["human_words"])
    print(f"  human translations (ref, refB): {m['human_edits']} automatic edits in {m['human_words']} words"
          f" = {rate:.3f} per 1,000 words {dict(m['human_rules'].most_common(5))}")
    if d is None:
        return
    print("DEMETR: perturbed sentence repaired exactly (any change made)")
    print(f"  {'perturbation':22} {'repaired':>10} {'touched':>10} {'n':>6}")
    for name, (fixed, touched, n) in sorted(d["perturbations"].items()):
        print(f"  {name:22} {pct(fixed, n):>10} {pct(touched, n):>10} {n:>6}")
    casing = [d["perturbations"][k] for k in CASING if k in d["perturbations"]]
    if casing:  # the casing target: >= 80% repaired exactly
        mean = sum(f / n for f, _, n in casing) / len(casing)
        pooled = pct(sum(f for f, _, _ in casing), sum(n for _, _, n in casing)).strip()
        print(f"  casing ({', '.join(CASING)}): mean {100 * mean:.1f}%, all items pooled {pooled}")
    for name, (fixed, n) in d.get("lowercased", {}).items():
        print(f"  MQM MT lower-cased, {name}: {pct(fixed, n).strip()} restored exactly (n={n}; held out from DEMETR)")
    erate = 1000 * d["eng_edits"] / max(1, d["eng_words"])
    print(f"  false edits: mt_sent changed {d['mt_changed']}/{d['mt_total']} ({pct(d['mt_changed'], d['mt_total']).strip()});"
          f" eng_sent {d['eng_edits']} edits in {d['eng_words']} words = {erate:.3f} per 1,000 words"
          f" {dict(d['eng_rules'].most_common(5))}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grammar", action="store_true", help="also run with LanguageTool, and LanguageTool alone")
    ap.add_argument("--limit", type=int, default=None, help="only the first N items of each file (quick runs)")
    ap.add_argument("--skip-demetr", action="store_true", help="MQM only (the grammar runs are slow on DEMETR)")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"benchmark data not found at {DATA}")
        return 1
    runs = [("rules only", cleanup.Cleaner(grammar=False, boilerplate=False))]
    if args.grammar:
        try:
            from cleanup import grammar
            available = grammar.languagetool_available()
        except Exception as exc:  # noqa: BLE001 - any import problem means: skip, and say why
            available, why = False, f"cannot import cleanup.grammar: {exc}"
        else:
            why = "cleanup.grammar.languagetool_available() is false"
        if available:
            runs.append(("with grammar", cleanup.Cleaner(grammar=True, boilerplate=False)))
            every_rule = tuple(s.id for s in cleanup.Cleaner(grammar=False).rules.sets)
            runs.append(("LanguageTool alone", cleanup.Cleaner(grammar=True, boilerplate=False, encoding=False,
                                                                disable=every_rule)))
        else:
            print(f"grammar columns skipped: {why}")
    for label, cleaner in runs:
        with cleaner:
            d = None if args.skip_demetr else demetr(cleaner.clean, args.limit)
            if d is not None and label == "rules only":
                d["lowercased"] = lowercased(cleaner.clean, args.limit)
            report(label, mqm(cleaner.clean, args.limit), d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
