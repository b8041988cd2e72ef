"""Grammar stage speed on real article bodies.

Run: python benchmarks/grammar_speed.py [N_DOCS] [--pipeline]

Documents: the `main_content` of the first N lines of
../shared/bench/boilerplate/wcxb-dev-articles.jsonl. Contenders, all in this run, on the
same documents, each with its own LanguageTool 6.8 server (-Xmx1g, 127.0.0.1):

  plain loop, LT defaults   language_tool_python.LanguageTool("en-US", remote_server=url)
                            and tool.check(doc) per document, against a server started the
                            way language-tool-python starts one (no --config: LT defaults).
  plain loop, our server    the same loop against a server with our settings
                            (server.SERVER_PROPERTIES), to separate server from client gains.
  GrammarStage.find, suggestions on
                            our stage one by one, against a server that still computes
                            spelling suggestions (our settings before maxSpellingSuggestions=-1).
  GrammarStage.find         our stage, one document after the other (single-article latency).
  GrammarStage.find_many    our batch API: a block of documents at once, one check per core.

Every server is started first and warmed up on the same other articles, then the
documents go through in blocks of BLOCK, every contender taking its turn on each block
(rotating the order), so load from other processes on the machine is shared out rather
than landing on whichever contender happens to run at that moment. Findings are compared
per document (after our policy), and the run says if any differ.

--pipeline also times the user-facing batch path, cleanup.batch.clean_many (whole
pipeline: rules + grammar) with jobs=1 and jobs=2 against the same warm server.
"""
from __future__ import annotations

import json
import os
import signal
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import language_tool_python  # noqa: E402

from cleanup.grammar import GrammarStage  # noqa: E402
from cleanup.grammar.client import Match, check  # noqa: E402
from cleanup.grammar.policy import load_policy  # noqa: E402
from cleanup.grammar.provision import cache_dir, provision  # noqa: E402
from cleanup.grammar.server import SERVER_PROPERTIES, LocalServer  # noqa: E402
from cleanup.grammar.stage import default_workers  # noqa: E402

DOCS = ROOT.parent / "shared" / "bench" / "boilerplate" / "wcxb-dev-articles.jsonl"
WARMUP = 30  # articles each server checks before timing: the JIT needs a few hundred KB
BLOCK = 10  # documents per turn


def load_docs(start: int, stop: int) -> list[str]:
    with open(DOCS, encoding="utf-8") as f:
        lines = [json.loads(line) for i, line in zip(range(stop), f) if i >= start]
    return [d["main_content"] for d in lines if d.get("main_content")]


class DefaultsServer(LocalServer):
    """Started like language-tool-python starts LanguageTool: no --config file."""

    def command(self) -> list[str]:
        cmd = super().command()
        return cmd[: cmd.index("--config")]


class SuggestionsServer(LocalServer):
    """Our settings, except that spelling suggestions are computed (LanguageTool's default)."""

    def command(self) -> list[str]:
        cmd = super().command()
        cfg = Path(cmd[-1]).with_name(f"server-{self.port}-suggestions.properties")
        cfg.write_text("".join(line for line in SERVER_PROPERTIES.splitlines(keepends=True)
                               if not line.startswith("maxSpellingSuggestions")), encoding="utf-8")
        cmd[-1] = str(cfg)
        return cmd

    def stop(self) -> None:
        super().stop()
        (cache_dir() / f"server-{self.port}-suggestions.properties").unlink(missing_ok=True)


@dataclass
class Contender:
    name: str
    server: LocalServer
    # check(docs) -> one list of policy findings (comparable tuples) per document
    make: Callable[[str], Callable[[list[str]], list[list[tuple]]]]
    per_doc: bool  # times single documents (latency) or only blocks
    run: Callable[[list[str]], list[list[tuple]]] | None = None
    seconds: float = 0.0
    server_cpu: float = 0.0  # CPU seconds of its Java process during its turns: load-proof work
    latencies: list[float] = field(default_factory=list)
    findings: list[list[tuple]] = field(default_factory=list)
    ready: float = 0.0
    first: float = 0.0
    close: Callable[[], None] = lambda: None


POLICY = load_policy()


def comparable(findings) -> list[tuple]:
    return sorted((f.rule, f.start, f.end, f.replacement, unicodedata.normalize("NFKC", f.message))
                  for f in findings)


def ltp_runner(url: str):
    tool = language_tool_python.LanguageTool("en-US", remote_server=url)

    def run(docs: list[str]) -> list[list[tuple]]:
        out = []
        for doc in docs:
            matches = [Match(m.offset, m.offset + m.error_length, m.rule_id, m.category, m.message,
                             tuple(m.replacements)) for m in tool.check(doc)]
            findings = (POLICY.to_finding(m, doc) for m in matches)
            out.append(comparable(f for f in findings if f is not None))
        return out

    run.close = tool.close  # type: ignore[attr-defined]
    return run


def stage_runner(url: str, batch: bool):
    stage = GrammarStage(url=url)

    def run(docs: list[str]) -> list[list[tuple]]:
        if batch:
            return [comparable(fs) for fs in stage.find_many([(d, ()) for d in docs])]
        return [comparable(stage.find(d)) for d in docs]

    run.close = stage.close  # type: ignore[attr-defined]
    return run


def start(contender: Contender, warmup: list[str]) -> None:
    t0 = time.perf_counter()
    contender.server.start()
    contender.ready = time.perf_counter() - t0
    check(contender.server.url, "This is an test.", timeout=300)
    contender.first = time.perf_counter() - t0
    for doc in warmup:
        check(contender.server.url, doc, timeout=300)
    contender.run = contender.make(contender.server.url)
    contender.close = getattr(contender.run, "close", contender.close)


def process_cpu(pid: int | None) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def take_turn(c: Contender, block: list[str]) -> None:
    assert c.run is not None
    cpu0 = process_cpu(c.server.pid)
    if c.per_doc:
        for doc in block:
            t = time.perf_counter()
            c.findings += c.run([doc])
            c.latencies.append(time.perf_counter() - t)
            c.seconds += c.latencies[-1]
    else:
        t = time.perf_counter()
        c.findings += c.run(block)
        c.seconds += time.perf_counter() - t
    c.server_cpu += process_cpu(c.server.pid) - cpu0


def pipeline_rows(servers: list[LocalServer], docs: list[str]) -> list[tuple[str, float]]:
    """The user-facing batch path with jobs=1 and jobs=2, each on its own warmed server
    (a server that already saw the documents would answer from its sentence cache)."""
    from cleanup import Options
    from cleanup.batch import clean_many

    rows = []
    for jobs, srv in zip((1, 2), servers):
        opts = Options(grammar=True, languagetool_url=srv.url)
        t = time.perf_counter()
        # chunk_docs=BLOCK so that jobs=2 gets several chunks from 40 documents
        results = list(clean_many(docs, opts, jobs=jobs, chunk_docs=BLOCK))
        rows.append((f"clean_many jobs={jobs}", time.perf_counter() - t))
        assert all(any(n.stage == "grammar" and n.status == "ran" for n in r.notes) for r in results)
    return rows


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so `finally` stops the servers
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 40
    docs, warmup = load_docs(0, n), load_docs(n, n + WARMUP)
    chars = sum(map(len, docs))
    classpath = provision()
    contenders = [
        Contender("plain loop, LT defaults", DefaultsServer(classpath), ltp_runner, True),
        Contender("plain loop, our server", LocalServer(classpath), ltp_runner, True),
        Contender("GrammarStage.find, sugg. on", SuggestionsServer(classpath),
                  lambda u: stage_runner(u, False), True),
        Contender("GrammarStage.find", LocalServer(classpath), lambda u: stage_runner(u, False), True),
        Contender(f"GrammarStage.find_many x{default_workers()}", LocalServer(classpath),
                  lambda u: stage_runner(u, True), False),
    ]
    for_pipeline = [LocalServer(classpath) for _ in range(2)] if "--pipeline" in sys.argv else []
    try:
        for c in contenders:
            start(c, warmup)
        for srv in for_pipeline:
            srv.start()
            for doc in warmup:
                check(srv.url, doc, timeout=300)
        load0 = os.getloadavg()[0]
        for i in range(0, len(docs), BLOCK):
            turn = i // BLOCK
            for c in contenders[turn % len(contenders):] + contenders[: turn % len(contenders)]:
                take_turn(c, docs[i : i + BLOCK])
        load1 = os.getloadavg()[0]
        pipeline = pipeline_rows(for_pipeline, docs) if for_pipeline else []
    finally:
        for c in contenders:
            c.close()
            c.server.stop()
        for srv in for_pipeline:
            srv.stop()

    print(f"{len(docs)} articles, {chars:,} characters; LanguageTool 6.8 servers, -Xmx1g, 127.0.0.1; "
          f"{os.cpu_count()} cores, load average {load0:.1f} -> {load1:.1f}\n")
    base = contenders[0].seconds
    best_plain = min(contenders[0].seconds, contenders[1].seconds)
    head = (f"| {'contender':<26} | {'docs/s':>6} | {'chars/s':>8} | {'vs defaults':>11} | {'vs best plain':>13} "
            f"| {'median ms':>9} | {'p90 ms':>6} | {'LT cpu ms/doc':>13} | {'findings':>8} |")
    print(head)
    print("|" + "|".join("-" * (len(col)) for col in head.split("|")[1:-1]) + "|")
    for c in contenders:
        med = f"{statistics.median(c.latencies) * 1000:.0f}" if c.latencies else "-"
        p90 = f"{sorted(c.latencies)[int(0.9 * (len(c.latencies) - 1))] * 1000:.0f}" if c.latencies else "-"
        print(f"| {c.name:<26} | {len(docs) / c.seconds:>6.2f} | {chars / c.seconds:>8,.0f} "
              f"| {base / c.seconds:>10.2f}x | {best_plain / c.seconds:>12.2f}x | {med:>9} | {p90:>6} "
              f"| {c.server_cpu * 1000 / len(docs):>13.0f} "
              f"| {sum(map(len, c.findings)):>8} |")
    print()
    ref = contenders[3].findings
    for c in contenders:
        differing = sum(a != b for a, b in zip(c.findings, ref))
        print(f"{c.name}: {differing} of {len(docs)} documents with findings different from GrammarStage.find")
    print()
    for c in contenders:
        print(f"cold start, {c.name}: server up in {c.ready:.1f}s, first check back after {c.first:.1f}s")
    print("median/p90 = warm single-article latency (each article seen once by each server).")
    print("LT cpu ms/doc = CPU time of that contender's LanguageTool process per document: the work done,\n"
          "which other processes on the machine do not inflate the way they inflate wall-clock docs/s.")
    for name, seconds in pipeline:
        print(f"user batch path, {name} (whole pipeline, rules + grammar, after the table's runs): "
              f"{len(docs) / seconds:.2f} docs/s")


if __name__ == "__main__":
    main()
