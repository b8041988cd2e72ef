"""Grammar stage speed on real article bodies.  Run: python benchmarks/grammar_speed.py [N_DOCS]

Measures, in one run and on the same documents (the `main_content` of the first N lines
of ../shared/bench/boilerplate/wcxb-dev-articles.jsonl):
  * cold start: java launch until /v2/languages answers, and until the first check returns;
  * documents/second through GrammarStage (warm server, our urllib client + policy);
  * documents/second through a plain language-tool-python loop, tool.check(doc) per doc.
Each contender gets its own freshly started server, warmed up on 10 other articles
(lines N+1..N+10), so neither LanguageTool's sentence cache nor a cold JIT favours
whichever runs second.
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import language_tool_python  # noqa: E402

from cleanup.grammar import GrammarStage  # noqa: E402
from cleanup.grammar.client import check  # noqa: E402
from cleanup.grammar.provision import provision  # noqa: E402
from cleanup.grammar.server import LocalServer  # noqa: E402

DOCS = ROOT.parent / "shared" / "bench" / "boilerplate" / "wcxb-dev-articles.jsonl"


def load_docs(start: int, stop: int) -> list[str]:
    with open(DOCS, encoding="utf-8") as f:
        lines = [json.loads(line) for i, line in zip(range(stop), f) if i >= start]
    return [d["main_content"] for d in lines if d.get("main_content")]


def started_server(classpath: str, warmup: list[str]) -> tuple[LocalServer, float, float]:
    """A running server, seconds until it answered, seconds until the first check returned.

    Then it checks `warmup` (other articles) so the JIT is hot, as in a warm server."""
    t0 = time.perf_counter()
    srv = LocalServer(classpath)
    srv.start()
    ready = time.perf_counter() - t0
    check(srv.url, "This is an test.", timeout=300)
    first = time.perf_counter() - t0
    for doc in warmup:
        check(srv.url, doc, timeout=300)
    return srv, ready, first


def timed(check, docs: list[str]) -> tuple[float, list[float], int]:
    """Total seconds, seconds per document and matches found, checking each document in turn."""
    times, found = [], 0
    t0 = time.perf_counter()
    for doc in docs:
        t = time.perf_counter()
        found += len(check(doc))
        times.append(time.perf_counter() - t)
    return time.perf_counter() - t0, times, found


def run_stage(url: str, docs: list[str]) -> tuple[float, list[float], int]:
    with GrammarStage(url=url) as stage:
        result = timed(stage.find, docs)
        assert stage.note.status == "ran", stage.note
    return result


def run_ltp(url: str, docs: list[str]) -> tuple[float, list[float], int]:
    tool = language_tool_python.LanguageTool("en-US", remote_server=url)
    try:
        return timed(tool.check, docs)
    finally:
        tool.close()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    docs, warmup = load_docs(0, n), load_docs(n, n + 10)
    chars = sum(map(len, docs))
    classpath = provision()
    rows = []
    for name, runner in (("language-tool-python loop", run_ltp), ("GrammarStage (warm server)", run_stage)):
        srv, ready, first = started_server(classpath, warmup)
        try:
            total, times, found = runner(srv.url, docs)
        finally:
            srv.stop()
        rows.append((name, ready, first, total, times, found))

    print(f"{len(docs)} articles, {chars:,} characters, LanguageTool server -Xmx1g on 127.0.0.1\n")
    head = f"{'contender':<28} {'docs/s':>7} {'chars/s':>9} {'median ms':>10} {'p90 ms':>8} {'matches':>8}"
    print(head)
    print("-" * len(head))
    for name, _, _, total, times, found in rows:
        p90 = sorted(times)[int(0.9 * (len(times) - 1))]
        print(f"{name:<28} {len(docs) / total:>7.2f} {chars / total:>9,.0f} "
              f"{statistics.median(times) * 1000:>10.0f} {p90 * 1000:>8.0f} {found:>8}")
    print()
    for name, ready, first, *_ in rows:
        print(f"cold start for {name}: server up in {ready:.1f}s, first check back after {first:.1f}s")
    print("median/p90 = warm single-article latency (each article seen once).")


if __name__ == "__main__":
    main()
