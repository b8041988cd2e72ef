"""Speed and scale of the rules path (grammar off), on the real bench text. One table.

    python benchmarks/speed.py [--ratio-on all|sample] [--sample-mb 0.5] [--stream-gb 1]
                               [--jsonl-every 50] [--jobs N] [--skip scale,stream,cache]
                               [--profile] [--probes]

Corpus: ../shared/bench/ — the `text` field of boilerplate/wcxb-dev-articles.jsonl (web pages)
and the `target` field of mt/mqm-ted-zhen.jsonl (MT segments). A seeded random sample of about
--sample-mb MB (whole documents, both sources mixed as they come) is the 1x corpus.

Rows:
- rules path vs ftfy: the whole bench corpus (--ratio-on all, the default: ~15 MB, 8,726
  documents; or the 1x sample) through Cleaner.clean (one process, a fresh Cleaner: what it
  compiles on the way is counted) and through ftfy.fix_text alone, interleaved document by
  document so both see the same machine load. Wall-clock and CPU time (this thread) are both
  given: other work on the machine inflates the first, hardly the second. Target: rules time
  <= 1.5x ftfy time.
- stage shares: where the rules path spends its CPU time, from the same run (each stage's
  find() timed; "pipeline" is everything between the stages: protected spans, choosing,
  applying and tracing edits, the change log), each also as a multiple of ftfy's time.
- scale 1x, 10x, 100x: N copies of the 1x corpus (each document tagged with its copy number, so
  no two texts are equal), every document cleaned, through cleanup.batch with --jobs workers
  each run in a new Python process with its own pool, as a user's run starts (nothing compiled,
  no caches warm from the rows before). Target: time per MB flat within 20%, judged on the
  cost of each added MB from one size to the next (1x->10x vs 10x->100x), where fixed costs per
  run cancel out; the raw time per MB of each run is also given. The row "warm-up of
  a new process" shows what a process compiles once (the 1x corpus twice in one process).
  The 100x run cleans 100x the sample (50 MB by default: a few minutes on two cores, which is
  why the 1x corpus is only 0.5 MB); with a 1x run this short the workers' start-up (its own
  row: fork, a Cleaner per worker) weighs on its time per MB, so the spread is also given
  with the start-up taken out.
- JSONL stream: --stream-gb of bench records generated on the fly and piped into a child
  process running cleanup.jsonl with --jobs workers; nothing is written to disk (the output is
  counted, not kept). Every --jsonl-every-th line is cleaned, the others are copied through
  (cleaning all of 1 GB takes most of an hour on two cores; memory depends on what is in flight, not on
  how many lines are cleaned). Peak RSS (VmHWM) of the child (the stream's parent) before the
  stream and at its end, and of the largest worker (read while the workers live). Target:
  under 300 MB.
- cache: the 1x corpus cold (a new process, empty cache folder) and again warm, with --jobs.
  Target: >= 20x.
--profile prints cProfile's top functions for the rules path; --probes measures growth on a
very long single line and on a document with very many findings.
"""
from __future__ import annotations

import argparse
import json
import os
import random
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
Row = tuple[str, str, str, str]  # what, MB/s, docs/s, note


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


class Clock:
    """Wall-clock and CPU (this thread) time of a block, added up over many blocks."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> "Clock":
        self._w, self._c = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall += time.perf_counter() - self._w
        self.cpu += time.thread_time() - self._c


# --- rules path vs ftfy, and where the time goes ---------------------------------------------


def rules_vs_ftfy(docs: list[str]) -> list[Row]:
    """The corpus through a fresh Cleaner and through ftfy alone, document by document, with
    each stage's find() timed too (two clock reads per call); "pipeline" is the rest."""
    cleaner = Cleaner(RULES)
    clocks: dict[str, Clock] = {}
    for stage in cleaner.stages:
        clock = clocks.setdefault(stage.name, Clock())

        def timed(text, protected=(), _find=stage.find, _clock=clock):
            with _clock:
                return _find(text, protected)

        stage.find = timed
    rules, fix = Clock(), Clock()
    for d in docs:  # interleaved: the same load for both
        with fix:
            ftfy.fix_text(d)
        with rules:
            cleaner.clean(d)
    mb, n = mb_of(docs), len(docs)
    rows = [
        ("rules path, 1 process", f"{mb / rules.wall:.2f}", f"{n / rules.wall:.0f}",
         f"{rules.wall:.1f}s wall, {rules.cpu:.1f}s CPU"),
        ("ftfy.fix_text alone", f"{mb / fix.wall:.2f}", f"{n / fix.wall:.0f}",
         f"{fix.wall:.1f}s wall, {fix.cpu:.1f}s CPU"),
        ("ratio rules / ftfy", "", "",
         f"{rules.wall / fix.wall:.2f}x wall, {rules.cpu / fix.cpu:.2f}x CPU (target <= 1.5x)"),
    ]
    parts = {name: c.cpu for name, c in clocks.items()}
    parts["pipeline (between stages)"] = rules.cpu - sum(parts.values())
    return rows + [(f"  stage {name}", "", "", f"{100 * secs / rules.cpu:4.1f}% of the rules path's CPU, "
                                              f"{secs / fix.cpu:.2f}x ftfy")
                   for name, secs in parts.items()]


# --- scale ---------------------------------------------------------------------------------


def copies(docs: list[str], n: int):
    for c in range(n):
        for d in docs:
            yield f"[{c}] {d}"


def in_fresh_process(task: str, args) -> dict:
    """Run a task of this script in a new Python process (`--child task`), as a user's run would
    start: nothing compiled yet, no warm caches from the rows before. Its answer is JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, "--sample-mb", str(args.sample_mb),
           "--jobs", str(args.jobs)]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def child_task(task: str, docs: list[str], jobs: int) -> dict:
    if task == "start":  # two tiny chunks: the pool starts, each worker builds its Cleaner
        t = time.perf_counter()
        list(clean_many(["A short line."] * 64, RULES, jobs=jobs, chunk_docs=32))
        return {"seconds": time.perf_counter() - t}
    if task == "warmup":  # one process, the 1x corpus twice: what the first pass compiles
        passes = []
        for _ in range(2):
            cleaner = Cleaner(RULES)
            t = time.perf_counter()
            for d in docs:
                cleaner.clean(d)
            passes.append(time.perf_counter() - t)
        return {"first": passes[0], "second": passes[1]}
    if task == "cache":
        return cache_times(docs, jobs)
    factor = int(task.removeprefix("scale"))
    cleaned_mb, count = 0.0, 0
    t = time.perf_counter()
    for r in clean_many(copies(docs, factor), RULES, jobs=jobs):
        cleaned_mb += len(r.original.encode()) / 1e6
        count += 1
    return {"seconds": time.perf_counter() - t, "mb": cleaned_mb, "count": count}


def scale_rows(args) -> list[Row]:
    rows, per_mb, net_mb, sizes, secs_of = [], {}, {}, {}, {}
    jobs = args.jobs
    start = in_fresh_process("start", args)["seconds"]
    rows.append((f"worker start-up, jobs={jobs}", "", "", f"{start:.2f}s (pool, Cleaners, 64 tiny docs)"))
    w = in_fresh_process("warmup", args)
    rows.append(("warm-up of a new process, 1 process", "", "",
                 f"1x corpus: first pass {w['first']:.1f}s, again with a new Cleaner {w['second']:.1f}s "
                 f"(the difference: what a process compiles once)"))
    for factor in (1, 10, 100):
        r = in_fresh_process(f"scale{factor}", args)
        secs, cleaned = r["seconds"], r["mb"]
        per_mb[factor], net_mb[factor] = secs / cleaned, max(secs - start, 1e-9) / cleaned
        sizes[factor], secs_of[factor] = cleaned, secs
        rows.append((f"scale {factor}x ({cleaned:.1f} MB, all cleaned), jobs={jobs}", f"{cleaned / secs:.2f}",
                     f"{r['count'] / secs:.0f}", f"{secs:.1f}s, {secs / cleaned:.2f} s/MB, "
                                                 f"{net_mb[factor]:.2f} s/MB without the start-up"))
    spread = max(per_mb.values()) / min(per_mb.values()) - 1
    net = max(net_mb.values()) / min(net_mb.values()) - 1
    rows.append(("time per MB, max spread", "", "",
                 f"{spread * 100:.0f}%, {net * 100:.0f}% without the start-up row"))
    # The cost of each added MB, from one size to the next: what a fixed cost (start-up, the
    # patterns a process compiles on first use) cannot blur. Linear scaling keeps it flat.
    (m1, s1), (m10, s10), (m100, s100) = ((sizes[f], secs_of[f]) for f in (1, 10, 100))
    step_a, step_b = (s10 - s1) / (m10 - m1), (s100 - s10) / (m100 - m10)
    rows.append(("time per added MB, 1x->10x / 10x->100x", "", "",
                 f"{step_a:.2f} / {step_b:.2f} s/MB: spread {abs(step_a / step_b - 1) * 100:.0f}% (target <= 20%); "
                 f"fixed cost per run {max(s1 - step_b * m1, 0):.1f}s"))
    return rows


# --- a JSONL stream of any size -------------------------------------------------------------

JSONL_CHILD = textwrap.dedent("""
    import glob, json, sys, threading, time
    sys.path.insert(0, sys.argv[3])
    from cleanup import Options
    from cleanup.jsonl import clean_jsonl

    def peak_kib(pid="self"):  # VmHWM: this process image's peak RSS (ru_maxrss would also
        try:                   # count the benchmark process this child was forked from)
            with open(f"/proc/{pid}/status") as fh:
                return next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:"))
        except (OSError, StopIteration, ValueError):
            return 0

    workers = {}
    def watch():  # the workers' peaks, read while they live (every 0.2 s)
        while True:
            for path in glob.glob("/proc/self/task/*/children"):
                for pid in open(path).read().split():
                    workers[pid] = max(workers.get(pid, 0), peak_kib(pid))
            time.sleep(0.2)
    threading.Thread(target=watch, daemon=True).start()

    class Count:  # the output, counted and dropped
        n = 0
        def write(self, data):
            self.n += len(data)

    jobs, every = int(sys.argv[1]), int(sys.argv[2])
    out = Count()
    before = peak_kib()
    t = time.perf_counter()
    stats = clean_jsonl(sys.stdin.buffer, out, "text", options=Options(grammar=False), jobs=jobs,
                        select=lambda n: n % every == 0)
    print(json.dumps({"seconds": time.perf_counter() - t, "rss_before_kib": before, "rss_kib": peak_kib(),
                      "worker_rss_kib": max(workers.values(), default=0), "workers": len(workers),
                      "lines": stats.lines, "cleaned": stats.cleaned + stats.unchanged, "out_bytes": out.n}))
""")


def stream_run(docs: list[str], gb: float, jobs: int, every: int) -> dict:
    """Pipe `gb` GB of JSONL records (the docs again and again) into the child; nothing on disk."""
    bodies = [json.dumps(d, ensure_ascii=False).encode() for d in docs]
    child = subprocess.Popen([sys.executable, "-c", JSONL_CHILD, str(jobs), str(every), str(ROOT)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    size, k = 0, 0
    try:
        while size < gb * 1e9:
            line = b'{"id": %d, "text": %s}\n' % (k, bodies[k % len(bodies)])
            child.stdin.write(line)
            size += len(line)
            k += 1
    finally:
        child.stdin.close()
    out = json.loads(child.stdout.read())
    child.wait()
    out["mb"] = size / 1e6
    return out


def stream_rows(docs: list[str], gb: float, jobs: int, every: int) -> list[Row]:
    j = stream_run(docs, gb, jobs, every)
    mib = lambda kib: f"{kib / 1024:.0f} MiB"  # noqa: E731
    return [(f"JSONL stream {j['mb'] / 1000:.2f} GB, jobs={jobs}", f"{j['mb'] / j['seconds']:.1f}",
             f"{j['lines'] / j['seconds']:.0f}",
             f"peak RSS: stream parent {mib(j['rss_kib'])} ({mib(j['rss_before_kib'])} before the stream), "
             f"largest worker {mib(j['worker_rss_kib'])} (target < 300 MB); "
             f"{j['cleaned']} of {j['lines']} lines cleaned, {j['out_bytes'] / 1e9:.2f} GB out")]


# --- cache ---------------------------------------------------------------------------------


def cache_times(docs: list[str], jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CLEANUP_CACHE_DIR"] = tmp
        try:
            t = time.perf_counter()
            cold = list(clean_many(docs, RULES, jobs=jobs, cache=True))
            t_cold = time.perf_counter() - t
            t = time.perf_counter()
            warm = list(clean_many(docs, RULES, jobs=jobs, cache=True))
            t_warm = time.perf_counter() - t
        finally:
            del os.environ["CLEANUP_CACHE_DIR"]
    assert cold == warm
    return {"cold": t_cold, "warm": t_warm}


def cache_rows(docs: list[str], args) -> list[Row]:
    mb, n = mb_of(docs), len(docs)
    c = in_fresh_process("cache", args)
    t_cold, t_warm = c["cold"], c["warm"]
    return [(f"cache cold (new process), jobs={args.jobs}", f"{mb / t_cold:.2f}", f"{n / t_cold:.0f}",
             f"{t_cold:.1f}s"),
            ("cache warm", f"{mb / t_warm:.1f}", f"{n / t_warm:.0f}",
             f"{t_warm:.2f}s, {t_cold / t_warm:.0f}x faster (target >= 20x)")]


# --- extras --------------------------------------------------------------------------------


def profile(docs: list[str], top: int = 25) -> None:
    import cProfile
    import pstats

    cleaner = Cleaner(RULES)
    pr = cProfile.Profile()
    pr.enable()
    for d in docs:
        cleaner.clean(d)
    pr.disable()
    pstats.Stats(pr).sort_stats("tottime").print_stats(top)


def probes() -> list[Row]:
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
        out.append((f"probe: {name}", "", "", f"{t1:.2f}s -> {t4:.2f}s for 4x ({t4 / max(t1, 1e-9):.1f}x; "
                                              f"{len(r1.findings)} -> {len(r4.findings)} findings)"))
    return out


def print_table(rows: list[Row]) -> None:
    w = [max(len(r[i]) for r in rows + [("what", "MB/s", "docs/s", "")]) for i in range(3)]
    print(f"{'what':<{w[0]}}  {'MB/s':>{w[1]}}  {'docs/s':>{w[2]}}  note")
    for r in rows:
        print(f"{r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:>{w[2]}}  {r[3]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample-mb", type=float, default=0.5, help="size of the 1x corpus (default 0.5 MB)")
    ap.add_argument("--ratio-on", choices=["all", "sample"], default="all",
                    help="rules vs ftfy on the whole bench corpus (default, ~15 MB) or on the 1x sample")
    ap.add_argument("--stream-gb", type=float, default=1.0, help="size of the JSONL stream (default 1 GB)")
    ap.add_argument("--jsonl-every", type=int, default=50, help="clean every n-th line of the stream")
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--skip", default="", help="comma-separated: scale, stream, cache")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)  # a task run in a fresh process (in_fresh_process)
    ap.add_argument("--probes", action="store_true")
    args = ap.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}

    corpus = load_corpus()
    docs = sample(corpus, args.sample_mb)
    if args.child:
        print(json.dumps(child_task(args.child, docs, args.jobs)))
        return 0
    print(f"1x corpus: {len(docs)} documents, {mb_of(docs):.2f} MB; jobs={args.jobs}; "
          f"load average {os.getloadavg()[0]:.1f} at the start", file=sys.stderr)
    ratio_docs = corpus if args.ratio_on == "all" else docs
    print(f"rules vs ftfy on {len(ratio_docs)} documents, {mb_of(ratio_docs):.2f} MB", file=sys.stderr)
    rows = rules_vs_ftfy(ratio_docs)
    if "scale" not in skip:
        rows += scale_rows(args)
    if "stream" not in skip:
        rows += stream_rows(docs, args.stream_gb, args.jobs, args.jsonl_every)
    if "cache" not in skip:
        rows += cache_rows(docs, args)
    if args.probes:
        rows += probes()
    print_table(rows)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine slows the wall-clock rows)",
          file=sys.stderr)
    if args.profile:
        profile(docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
