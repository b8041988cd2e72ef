"""Speed and scale of the rules path (grammar off), on the real bench text.

    python benchmarks/speed.py [--sample-mb 0.4] [--big-mb 300] [--jobs N] [--profile] [--probes]

Corpus: ../shared/bench/ — the `text` field of boilerplate/wcxb-dev-articles.jsonl and the
`target` field of mt/mqm-ted-zhen.jsonl, mixed by their share of bytes. A seeded random
sample of about --sample-mb MB (whole documents) is the 1× corpus.
Rows (one table at the end):
- rules vs ftfy: the 1× corpus through Cleaner.clean (one process) and through
  ftfy.fix_text alone, interleaved document by document in the same run so both see
  the same machine load; ratio = rules time / ftfy time.
- scale 1×, 10×, 100×: N copies of the corpus (each document tagged with its copy so no
  two texts are equal) streamed through cleanup.batch with --jobs workers; time per MB
  should stay flat. The 100× stream is generated in full but cleaned by systematic
  sampling: every 10th document (10× the bytes actually cleaned), the rest skipped
  before cleaning; its MB/s counts cleaned bytes only.
- JSONL stream: a file of --big-mb MB of bench records in a temp dir, through
  cleanup.jsonl in a child process (--jobs workers); every 50th line cleaned, the rest
  parsed and copied through (so the default run stays short; --jsonl-every 1 cleans all).
  Peak RSS (resource.getrusage ru_maxrss) of the parent and of the largest worker.
- cache: the 1× corpus cold (empty cache dir) and again warm; speed-up.
--profile prints cProfile's top functions for the rules path; --probes measures growth on
a very long single line and on a document with very many findings.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

from cleanup import Cleaner, Options  # noqa: E402
from cleanup.batch import clean_many, default_jobs  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
RULES = Options(grammar=False)


def load_corpus() -> list[str]:
    docs = [json.loads(l)["text"] for l in open(BENCH / "boilerplate" / "wcxb-dev-articles.jsonl", encoding="utf-8")]
    docs += [json.loads(l)["target"] for l in open(BENCH / "mt" / "mqm-ted-zhen.jsonl", encoding="utf-8")]
    return [d for d in docs if d]


def sample(docs: list[str], mb: float, seed: int = 8) -> list[str]:
    rng = random.Random(seed)
    order = docs[:]
    rng.shuffle(order)
    out, size = [], 0
    for d in order:
        if size >= mb * 1e6:
            break
        out.append(d)
        size += len(d.encode())
    return out


def mb_of(docs) -> float:
    return sum(len(d.encode()) for d in docs) / 1e6


def rules_vs_ftfy(docs: list[str]) -> tuple[float, float]:
    cleaner = Cleaner(RULES)
    t_rules = t_ftfy = 0.0
    for d in docs:  # interleaved: the same load for both
        t = time.perf_counter()
        ftfy.fix_text(d)
        t_ftfy += time.perf_counter() - t
        t = time.perf_counter()
        cleaner.clean(d)
        t_rules += time.perf_counter() - t
    return t_rules, t_ftfy


def copies(docs: list[str], n: int, every: int = 1):
    k = 0
    for c in range(n):
        for d in docs:
            if k % every == 0:
                yield f"[{c}] {d}"
            k += 1


def scale_run(docs: list[str], n: int, jobs: int, every: int = 1) -> tuple[float, float, int]:
    cleaned_mb, count = 0.0, 0
    t = time.perf_counter()
    for r in clean_many(copies(docs, n, every), RULES, jobs=jobs):
        cleaned_mb += len(r.original.encode()) / 1e6
        count += 1
    return time.perf_counter() - t, cleaned_mb, count


JSONL_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    sys.path.insert(0, sys.argv[5])
    from cleanup import Options
    from cleanup.jsonl import clean_jsonl
    src, dst, jobs, every = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    t = time.perf_counter()
    with open(src, "rb") as i, open(dst, "wb") as o:
        stats = clean_jsonl(i, o, "text", options=Options(grammar=False), jobs=jobs,
                            select=lambda n: n % every == 0)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": time.perf_counter() - t, "rss_kib": own, "worker_rss_kib": kids,
                      "lines": stats.lines, "cleaned": stats.cleaned + stats.unchanged}))
""")


def jsonl_run(docs: list[str], big_mb: float, jobs: int, every: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "big.jsonl", Path(tmp) / "out.jsonl"
        size, k = 0, 0
        with open(src, "w", encoding="utf-8") as fh:
            while size < big_mb * 1e6:
                line = json.dumps({"id": k, "text": docs[k % len(docs)]}, ensure_ascii=False) + "\n"
                fh.write(line)
                size += len(line.encode())
                k += 1
        out = subprocess.run([sys.executable, "-c", JSONL_CHILD, str(src), str(dst), str(jobs), str(every),
                              str(ROOT)], capture_output=True, text=True, check=True)
        d = json.loads(out.stdout)
        d["mb"] = size / 1e6
        d["out_mb"] = dst.stat().st_size / 1e6
        return d


def cache_run(docs: list[str], jobs: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CLEANUP_CACHE_DIR"] = tmp
        t = time.perf_counter()
        cold = list(clean_many(docs, RULES, jobs=jobs, cache=True))
        t_cold = time.perf_counter() - t
        t = time.perf_counter()
        warm = list(clean_many(docs, RULES, jobs=jobs, cache=True))
        t_warm = time.perf_counter() - t
        del os.environ["CLEANUP_CACHE_DIR"]
        assert cold == warm
        return t_cold, t_warm


def profile(docs: list[str], top: int = 20) -> None:
    import cProfile
    import pstats

    cleaner = Cleaner(RULES)
    pr = cProfile.Profile()
    pr.enable()
    for d in docs:
        cleaner.clean(d)
    pr.disable()
    stats = pstats.Stats(pr)
    stats.sort_stats("tottime").print_stats(top)


def probes() -> list[tuple[str, str]]:
    """Time for n and 4n: a ratio near 4 is linear, near 16 quadratic."""
    cleaner = Cleaner(RULES)
    out = []

    def timed(text):
        t = time.perf_counter()
        r = cleaner.clean(text)
        return time.perf_counter() - t, r

    cases = {
        "one long line (words)": lambda n: "Openai said the model was ready and " * (n // 36),
        "one long token (no spaces)": lambda n: "a" * n,
        "many findings (Openai x n)": lambda n: "Openai the the. " * (n // 16),
        "many short lines": lambda n: "Home | News\n" * (n // 12),
    }
    for name, make in cases.items():
        t1, r1 = timed(make(20_000))
        t4, r4 = timed(make(80_000))
        out.append((name, f"{t1:.2f}s -> {t4:.2f}s for 4x ({t4 / max(t1, 1e-9):.1f}x; "
                          f"{len(r1.findings)} -> {len(r4.findings)} findings)"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample-mb", type=float, default=0.4)
    ap.add_argument("--big-mb", type=float, default=300)
    ap.add_argument("--jsonl-every", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--probes", action="store_true")
    args = ap.parse_args()

    docs = sample(load_corpus(), args.sample_mb)
    mb, n = mb_of(docs), len(docs)
    rows: list[tuple[str, str, str, str]] = []  # what, MB/s, docs/s, note
    print(f"corpus sample: {n} documents, {mb:.2f} MB; jobs={args.jobs}; load {os.getloadavg()[0]:.1f}",
          file=sys.stderr)

    t_rules, t_ftfy = rules_vs_ftfy(docs)
    rows.append(("rules path, 1 process", f"{mb / t_rules:.2f}", f"{n / t_rules:.0f}", f"{t_rules:.1f}s"))
    rows.append(("ftfy.fix_text alone", f"{mb / t_ftfy:.2f}", f"{n / t_ftfy:.0f}", f"{t_ftfy:.1f}s"))
    rows.append(("ratio rules / ftfy", "", "", f"{t_rules / t_ftfy:.2f}x (target <= 1.5x)"))

    per_mb = {}
    for factor, every in ((1, 1), (10, 1), (100, 10)):
        secs, cleaned, count = scale_run(docs, factor, args.jobs, every)
        per_mb[factor] = secs / cleaned
        note = f"{secs:.1f}s, {secs / cleaned:.2f} s/MB" + (f", 1 in {every} documents cleaned" if every > 1 else "")
        rows.append((f"scale {factor}x ({factor * mb:.1f} MB), jobs={args.jobs}", f"{cleaned / secs:.2f}",
                     f"{count / secs:.0f}", note))
    spread = max(per_mb.values()) / min(per_mb.values()) - 1
    rows.append(("time per MB, max spread", "", "", f"{spread * 100:.0f}% (target <= 20%)"))

    j = jsonl_run(docs, args.big_mb, args.jobs, args.jsonl_every)
    rows.append((f"JSONL stream {j['mb']:.0f} MB, jobs={args.jobs}", f"{j['mb'] / j['seconds']:.1f}",
                 f"{j['lines'] / j['seconds']:.0f}",
                 f"peak RSS parent {j['rss_kib'] / 1024:.0f} MiB, largest worker {j['worker_rss_kib'] / 1024:.0f} MiB; "
                 f"{j['cleaned']} of {j['lines']} lines cleaned"))

    t_cold, t_warm = cache_run(docs, args.jobs)
    rows.append(("cache cold", f"{mb / t_cold:.2f}", f"{n / t_cold:.0f}", f"{t_cold:.1f}s"))
    rows.append(("cache warm", f"{mb / t_warm:.1f}", f"{n / t_warm:.0f}",
                 f"{t_warm:.2f}s, {t_cold / t_warm:.0f}x faster (target >= 20x)"))

    if args.probes:
        for name, note in probes():
            rows.append((f"probe: {name}", "", "", note))

    w = [max(len(r[i]) for r in rows + [("what", "MB/s", "docs/s", "")]) for i in range(4)]
    print(f"{'what':<{w[0]}}  {'MB/s':>{w[1]}}  {'docs/s':>{w[2]}}  note")
    for r in rows:
        print(f"{r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:>{w[2]}}  {r[3]}")
    if args.profile:
        profile(docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
