"""Grammar stage speed on real article bodies.

Run: python benchmarks/grammar_speed.py [N_DOCS] [--pipeline] [--raw] [--warm-up]

Documents: the `main_content` of the first N lines of
../shared/bench/boilerplate/wcxb-dev-articles.jsonl. Contenders, all in this run, on the
same documents, each with its own LanguageTool 6.8 server (127.0.0.1):

  plain loop, LT defaults   language_tool_python.LanguageTool("en-US", remote_server=url)
                            and tool.check(doc) per document, against a server started
                            exactly the way language-tool-python starts one (java -cp ...
                            HTTPServer --port N: JVM defaults, no --config).
  plain loop, our server    the same loop against a server started like ours
                            (server.LocalServer: JVM options and server.SERVER_PROPERTIES),
                            to separate server from client gains.
  GrammarStage.find         our stage, one document after the other (single-article latency).
  GrammarStage.find_many    our batch API: a block of documents at once, one check per core.
  find_many, old JVM        the same on a server with the JVM options before this change
                            (OLD_JVM_OPTIONS), for a before/after inside one run.

Every server is started first and warmed up on the same other articles, then the
documents go through in blocks of BLOCK, every contender taking its turn on each block
(rotating the order), so load from other processes on the machine is shared out rather
than landing on whichever contender happens to run at that moment. Each server sees each
document once (its sentence cache cannot answer from an earlier pass). Findings are
compared per document (after our policy), and the run says if any differ.

--raw adds two contenders on the raw scraped pages (the `text` field of the same lines:
article plus navigation, footers...): the plain loop on the whole page, and our whole
pipeline (Cleaner.clean_many per block: rules, boilerplate removal, then grammar), which
sends LanguageTool only what is left of the page, so it checks less text. Both on fresh
servers that never saw these articles.

--pipeline also times the user-facing batch path, cleanup.batch.clean_many (whole
pipeline: rules + grammar) with jobs=1 and jobs=2 against fresh warm servers.

--warm-up measures what `cleanup grammar start`'s background warm-up buys: two fresh
servers, one fed warmup.py's bundled text first, then both check the same first
articles; first-check and mean latency, and what the warm-up cost.
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
from cleanup.grammar import warmup  # noqa: E402
from cleanup.grammar.client import Match, check  # noqa: E402
from cleanup.grammar.policy import load_policy  # noqa: E402
from cleanup.grammar.provision import provision  # noqa: E402
from cleanup.grammar.server import JVM_OPTIONS, LocalServer  # noqa: E402
from cleanup.grammar.stage import default_workers  # noqa: E402

DOCS = ROOT.parent / "shared" / "bench" / "boilerplate" / "wcxb-dev-articles.jsonl"
WARMUP = 30  # articles each server checks before timing: the JIT needs a few hundred KB
BLOCK = 10  # documents per turn
OLD_JVM_OPTIONS = ("-Xmx1g", "-XX:+UseParallelGC")  # what LocalServer ran with before PerMethodTrapLimit=0


def load_pages(start: int, stop: int) -> list[dict]:
    with open(DOCS, encoding="utf-8") as f:
        lines = [json.loads(line) for i, line in zip(range(stop), f) if i >= start]
    return [d for d in lines if d.get("main_content")]


def load_docs(start: int, stop: int) -> list[str]:
    return [d["main_content"] for d in load_pages(start, stop)]


class DefaultsServer(LocalServer):
    """Started exactly like language-tool-python starts LanguageTool: java -cp ... HTTPServer
    --port N, with JVM defaults (no heap cap, default GC) and no --config file."""

    def command(self) -> list[str]:
        return ["java", "-cp", self.classpath, "org.languagetool.server.HTTPServer", "--port", str(self.port)]


class OldJvmServer(LocalServer):
    """Our server settings with the JVM options used before this change."""

    def command(self) -> list[str]:
        cmd = super().command()
        jvm_end = cmd.index("-Djava.awt.headless=true")
        return [cmd[0], *OLD_JVM_OPTIONS, *cmd[jvm_end:]]


@dataclass
class Contender:
    name: str
    server: LocalServer
    # check(docs) -> one list of policy findings (comparable tuples) per document
    make: Callable[[str], Callable[[list[str]], list[list[tuple]]]]
    per_doc: bool  # times single documents (latency) or only blocks
    texts: list[str] | None = None  # its own documents (raw pages); None: the shared ones
    compared: bool = True  # its findings are compared with the others'
    run: Callable[[list[str]], list[list[tuple]]] | None = None
    seconds: float = 0.0
    server_cpu: float = 0.0  # CPU seconds of its Java process during its turns: load-proof work
    jit_cpu: float = 0.0  # the part of server_cpu spent by the JVM's JIT compiler threads
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


CHECKED_CHARS: list[int] = []  # characters the whole pipeline sent to LanguageTool (raw pages)


def pipeline_runner(url: str):
    """The whole pipeline on raw pages, one Cleaner.clean_many per block (what a batch does)."""
    from cleanup import Options
    from cleanup.pipeline import Cleaner

    cleaner = Cleaner(Options(grammar=True, languagetool_url=url))

    def run(docs: list[str]) -> list[list[tuple]]:
        results = cleaner.clean_many([(d, False) for d in docs])
        assert all(any(n.stage == "grammar" and n.status == "ran" for n in r.notes) for r in results)
        CHECKED_CHARS.extend(len(r.text) for r in results)
        return [comparable(f for f in r.findings if f.rule.startswith("grammar.")) for r in results]

    return run


def start(contender: Contender, warm: list[str]) -> None:
    t0 = time.perf_counter()
    contender.server.start()
    contender.ready = time.perf_counter() - t0
    check(contender.server.url, "This is an test.", timeout=300)
    contender.first = time.perf_counter() - t0
    for doc in warm:
        check(contender.server.url, doc, timeout=300)
    contender.run = contender.make(contender.server.url)
    contender.close = getattr(contender.run, "close", contender.close)


def process_cpu(pid: int | None, stat: str = "stat") -> float:
    fields = Path(f"/proc/{pid}/{stat}").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def jit_cpu(pid: int | None) -> float:
    """CPU seconds of the JVM's compiler threads ("C1 CompilerThre", "C2 CompilerThre")."""
    total = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            if task.joinpath("comm").read_text().startswith(("C1 ", "C2 ")):
                total += process_cpu(pid, f"task/{task.name}/stat")
        except OSError:  # the thread ended meanwhile
            continue
    return total


def take_turn(c: Contender, first: int) -> None:
    assert c.run is not None and c.texts is not None
    block = c.texts[first : first + BLOCK]
    cpu0, jit0 = process_cpu(c.server.pid), jit_cpu(c.server.pid)
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
    c.jit_cpu += jit_cpu(c.server.pid) - jit0


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


def warm_up_rows(classpath: str, docs: list[str], first_n: int = 5) -> list[str]:
    """First real checks on a fresh server, with and without warmup.py's bundled text
    (both got the one-sentence rule-loading check that `cleanup grammar start` does)."""
    servers = {"no warm-up": LocalServer(classpath), "background warm-up done": LocalServer(classpath)}
    lines, times = [], {name: [] for name in servers}
    try:
        for srv in servers.values():
            srv.start()
            check(srv.url, "This is an test.", timeout=300)
        srv = servers["background warm-up done"]
        cpu0, t0 = process_cpu(srv.pid), time.perf_counter()
        chars = warmup.warm_up(srv.url)
        lines.append(f"warm-up: {chars:,} bundled characters in {time.perf_counter() - t0:.1f}s wall, "
                     f"{process_cpu(srv.pid) - cpu0:.1f}s LanguageTool CPU")
        for doc in docs[:first_n]:
            for name, srv in sorted(servers.items(), key=lambda kv: len(times[kv[0]]) % 2 == 0):
                t = time.perf_counter()
                check(srv.url, doc, timeout=300)
                times[name].append(time.perf_counter() - t)
    finally:
        for srv in servers.values():
            srv.stop()
    for name, ts in times.items():
        lines.append(f"first articles after start, {name}: first {ts[0] * 1000:.0f} ms, "
                     f"mean of {len(ts)} {statistics.mean(ts) * 1000:.0f} ms "
                     f"({', '.join(f'{t * 1000:.0f}' for t in ts)})")
    return lines


def autogroup_scheduling() -> bool:
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def contenders_for(classpath: str, docs: list[str], pages: list[dict], raw: bool) -> list[Contender]:
    workers = default_workers()
    out = [
        Contender("plain loop, LT defaults", DefaultsServer(classpath), ltp_runner, True),
        Contender("plain loop, our server", LocalServer(classpath), ltp_runner, True),
        Contender("GrammarStage.find", LocalServer(classpath), lambda u: stage_runner(u, False), True),
        Contender(f"GrammarStage.find_many x{workers}", LocalServer(classpath),
                  lambda u: stage_runner(u, True), False),
        Contender(f"find_many x{workers}, old JVM opts", OldJvmServer(classpath),
                  lambda u: stage_runner(u, True), False),
    ]
    for c in out:
        c.texts = docs
    if raw:
        pages_text = [p["text"] for p in pages]
        out += [
            Contender("RAW pages: plain loop, LT defaults", DefaultsServer(classpath), ltp_runner, True,
                      texts=pages_text, compared=False),
            Contender("RAW pages: whole pipeline (LT sees less)",
                      LocalServer(classpath), pipeline_runner, False, texts=pages_text, compared=False),
        ]
    return out


def print_table(contenders: list[Contender], n: int) -> None:
    base = contenders[0].seconds
    best_plain = min(contenders[0].seconds, contenders[1].seconds)
    head = (f"| {'contender':<36} | {'docs/s':>6} | {'chars/s':>8} | {'vs defaults':>11} | {'vs best plain':>13} "
            f"| {'median ms':>9} | {'p90 ms':>6} | {'LT cpu ms/doc':>13} | {'of it JIT':>9} | {'findings':>8} |")
    print(head)
    print("|" + "|".join("-" * (len(col)) for col in head.split("|")[1:-1]) + "|")
    raw_base = next((c.seconds for c in contenders if c.name.startswith("RAW") and c.per_doc), None)
    for c in contenders:
        chars = sum(map(len, c.texts or []))
        vs = base if c.compared else raw_base
        med = f"{statistics.median(c.latencies) * 1000:.0f}" if c.latencies else "-"
        p90 = f"{sorted(c.latencies)[int(0.9 * (len(c.latencies) - 1))] * 1000:.0f}" if c.latencies else "-"
        print(f"| {c.name:<36} | {n / c.seconds:>6.2f} | {chars / c.seconds:>8,.0f} "
              f"| {vs / c.seconds:>10.2f}x | {(f'{best_plain / c.seconds:.2f}x' if c.compared else '-'):>13} "
              f"| {med:>9} | {p90:>6} | {c.server_cpu * 1000 / n:>13.0f} | {c.jit_cpu * 1000 / n:>9.0f} "
              f"| {sum(map(len, c.findings)):>8} |")


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so `finally` stops the servers
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 40
    pages, warm = load_pages(0, n), load_docs(n, n + WARMUP)
    docs = [p["main_content"] for p in pages]
    classpath = provision()
    contenders = contenders_for(classpath, docs, pages, "--raw" in sys.argv)
    for_pipeline = [LocalServer(classpath) for _ in range(2)] if "--pipeline" in sys.argv else []
    try:
        for c in contenders:
            start(c, warm)
        for srv in for_pipeline:
            srv.start()
            for doc in warm:
                check(srv.url, doc, timeout=300)
        load0 = os.getloadavg()[0]
        for i in range(0, len(docs), BLOCK):
            turn = i // BLOCK
            for c in contenders[turn % len(contenders):] + contenders[: turn % len(contenders)]:
                take_turn(c, i)
        load1 = os.getloadavg()[0]
        pipeline = pipeline_rows(for_pipeline, docs) if for_pipeline else []
    finally:
        for c in contenders:
            c.close()
            c.server.stop()
        for srv in for_pipeline:
            srv.stop()
    warm_lines = warm_up_rows(classpath, load_docs(n + WARMUP, n + WARMUP + 5)) if "--warm-up" in sys.argv else []

    print(f"{len(docs)} articles, {sum(map(len, docs)):,} characters; LanguageTool 6.8 servers, 127.0.0.1, "
          f"ours with {' '.join(JVM_OPTIONS)}; {os.cpu_count()} cores, load average {load0:.1f} -> {load1:.1f}\n")
    print_table(contenders, len(docs))
    print()
    ref = next(c for c in contenders if c.name == "GrammarStage.find").findings
    for c in contenders:
        if c.compared:
            differing = sum(a != b for a, b in zip(c.findings, ref))
            print(f"{c.name}: {differing} of {len(docs)} documents with findings different from GrammarStage.find")
    print()
    for c in contenders:
        print(f"cold start, {c.name}: server up in {c.ready:.1f}s, first check back after {c.first:.1f}s")
    print("median/p90 = warm single-article latency (each article seen once by each server).")
    print("LT cpu ms/doc = CPU time of that contender's LanguageTool process per document: the work done,\n"
          "which other processes on the machine do not inflate the way they inflate wall-clock docs/s.")
    print("of it JIT = the part of LT cpu spent by the JVM's JIT compiler threads (C1, C2).")
    if autogroup_scheduling():
        print("Linux autogroup scheduling is on: the CPU is shared per session, and each server is its own\n"
              "session. Under load from other sessions a server gets the same share whether it runs one check\n"
              "or two at once, so find_many's concurrency only pays on otherwise idle cores (load < cores).")
    if CHECKED_CHARS:
        raw = next(c for c in contenders if c.name.startswith("RAW") and c.per_doc)
        print(f"RAW rows: the raw pages ({sum(map(len, raw.texts or [])):,} characters). The whole pipeline removes "
              f"boilerplate first and sends LanguageTool only {sum(CHECKED_CHARS):,} characters: it checks less\n"
              "text, so its speed is not the grammar checker's alone. Its findings are on the cleaned text, not\n"
              "comparable with the plain loop's. RAW 'vs defaults' = vs the plain loop on the raw pages.")
    for name, seconds in pipeline:
        print(f"user batch path, {name} (whole pipeline, rules + grammar, after the table's runs): "
              f"{len(docs) / seconds:.2f} docs/s")
    for line in warm_lines:
        print(line)


if __name__ == "__main__":
    main()
