"""Many documents at once: worker processes, results in input order, memory bounded.

    from cleanup.batch import clean_many
    for result in clean_many(texts, Options(grammar=False), jobs=4):
        ...                                    # one Result per text, in input order

    for tag, result in clean_stream((path, text, is_md) for ...):   # tags stay in the parent
        ...

How it works:
- Each worker process builds one Cleaner from the pickled Options (the pool's
  initializer), so rules are compiled once per worker, not once per document.
- Documents go out in chunks (a few dozen documents or about a megabyte, whichever
  comes first) and at most `jobs * 3` chunks are in flight; the input iterator is read
  only that far ahead, so a corpus of any size streams through in flat memory.
- Workers send back only what the parent lacks (cleaned text, findings, notes); the
  parent rebuilds each Result around the original it kept.
- `jobs=1` (or a single small chunk) runs in this process with one Cleaner: no pool.
- Cache (cleanup.cache.ResultCache): looked up and written by the parent only, so
  workers never contend for the sqlite file; hits skip the workers entirely.
- Grammar: one LanguageTool server for the whole batch. The parent's Cleaner connects
  its grammar stage (a configured URL, the warm server of `cleanup grammar start`, or a
  private server it starts) and the workers get that URL in Options.languagetool_url,
  so no worker starts its own Java. When the parent cannot get a server, the workers
  run with grammar off and the parent's note ("skipped: ...") is put on each result.

Beyond one machine (a Cleaner pickles as its Options and rebuilds where it lands):

Dask (tested in tests/test_scale_dask.py)::

    import dask.bag as db
    bag = db.from_sequence(texts, npartitions=64)
    results = bag.map_partitions(partition_cleaner(Options(grammar=False))).compute()

Spark: the same function works with `mapPartitions`; one Cleaner is built per
partition (and reused by later partitions in the same Python worker)::

    rdd = spark.sparkContext.parallelize(texts, 64)          # or df.rdd.map(lambda r: r.text)
    cleaned = rdd.mapPartitions(partition_cleaner(Options(grammar=False), as_dict=True))
    # as_dict=True yields Result.to_dict() (plain dicts: text, changed, findings, stages),
    # which Spark can turn into a DataFrame: spark.createDataFrame(cleaned, schema)

For grammar on a cluster, run one LanguageTool server that the executors reach
(`java -cp ... org.languagetool.server.HTTPServer --public`) and pass its URL in
Options(languagetool_url=...); each partition's Cleaner then talks to it.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import fields, replace
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .model import Result
from .options import Options
from .pipeline import Cleaner

T = TypeVar("T")

CHUNK_DOCS = 32  # documents per chunk sent to a worker
CHUNK_CHARS = 1_000_000  # or about this much text, whichever comes first
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker: enough to keep it busy, few enough to bound memory

_WORKER: Cleaner | None = None
_PER_PROCESS: dict[Options, Cleaner] = {}


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# --- worker side ---------------------------------------------------------------------------


def _init_worker(options: Options) -> None:
    global _WORKER
    _WORKER = Cleaner(options)


Payload = dict  # the Result's fields but `original`; `text` None when unchanged


def _clean_chunk(chunk: list[tuple[str, bool]]) -> list[Payload]:
    assert _WORKER is not None, "worker not initialised"
    out = []
    for (text, _), r in zip(chunk, _WORKER.clean_many(chunk)):
        payload = {f.name: getattr(r, f.name) for f in fields(r) if f.name != "original"}
        if r.text == text:
            payload["text"] = None  # the parent has it: not sent back
        out.append(payload)
    return out


def _rebuild(original: str, payload: Payload, notes_fix: Callable[[tuple], tuple] | None) -> Result:
    if payload["text"] is None:
        payload["text"] = original
    if notes_fix is not None:
        payload["notes"] = notes_fix(payload["notes"])
    return Result(original=original, **payload)


# --- the parent ----------------------------------------------------------------------------


def _grammar_for_workers(cleaner: Cleaner) -> tuple[Options, Callable[[tuple], tuple] | None]:
    """Options for the workers: the parent's grammar server shared, or grammar off."""
    stage = next((s for s in cleaner.stages if getattr(s, "name", "") == "grammar"), None)
    if stage is None:
        return cleaner.options, None
    stage.find("This is a sentence.")  # connects lazily: a configured, warm or private server
    url = getattr(stage, "url", None) or getattr(stage, "_url", None)
    if url:
        return replace(cleaner.options, grammar=True, languagetool_url=url), None
    parent_note = stage.note

    def fix(notes: tuple) -> tuple:
        return tuple(parent_note if n.stage == "grammar" else n for n in notes)

    return replace(cleaner.options, grammar=False), fix


class _Chunk:
    __slots__ = ("tags", "texts", "markdown", "results", "todo", "future")

    def __init__(self) -> None:
        self.tags: list[Any] = []
        self.texts: list[str | None] = []
        self.markdown: list[bool] = []
        self.results: list[Result | None] = []
        self.todo: list[int] = []  # positions still to clean
        self.future: Future | None = None


def _chunks(items: Iterable[tuple[T, str | None, bool]], docs: int, chars: int) -> Iterator[_Chunk]:
    chunk, size = _Chunk(), 0
    for tag, text, markdown in items:
        chunk.tags.append(tag)
        chunk.texts.append(text)
        chunk.markdown.append(bool(markdown))
        size += len(text) if text else 0
        if len(chunk.tags) >= docs or size >= chars:
            yield chunk
            chunk, size = _Chunk(), 0
    if chunk.tags:
        yield chunk


def clean_stream(
    items: Iterable[tuple[T, str | None, bool]],
    options: Options | Cleaner | None = None,
    *,
    jobs: int | None = None,
    cache=None,
    chunk_docs: int = CHUNK_DOCS,
    chunk_chars: int = CHUNK_CHARS,
    mp_context=None,
) -> Iterator[tuple[T, Result | None]]:
    """Clean (tag, text, markdown) items; yield (tag, Result) in input order.

    A text of None (an item the caller could not read) yields (tag, None) in its place.
    `options`: Options, or a Cleaner to use in this process (its options go to workers).
    `jobs`: worker processes (None: one per core; 1: this process only).
    `cache`: a cleanup.cache.ResultCache, True for the default one, or None/False.
    """
    own = not isinstance(options, Cleaner)
    cleaner = Cleaner(options) if own else options
    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    own_cache = cache is True
    if own_cache:
        from .cache import ResultCache

        cache = ResultCache.for_cleaner(cleaner)
    pool: ProcessPoolExecutor | None = None
    try:
        chunks = _chunks(items, chunk_docs, chunk_chars)
        if jobs > 1:  # a single chunk is not worth starting processes for
            head = list(islice(chunks, 2))
            if len(head) < 2:
                jobs = 1
            chunks = chain(head, chunks)
        if jobs == 1:
            for chunk in chunks:
                _lookup(chunk, cache)
                done = cleaner.clean_many([(chunk.texts[i], chunk.markdown[i]) for i in chunk.todo])
                for i, r in zip(chunk.todo, done):
                    chunk.results[i] = r
                _store(chunk, cache)
                yield from zip(chunk.tags, chunk.results)
            return
        notes_fix = None
        in_flight: deque[_Chunk] = deque()
        limit = jobs * IN_FLIGHT_PER_JOB
        for chunk in chunks:
            _lookup(chunk, cache)
            if chunk.todo:
                if pool is None:  # only now: a batch the cache answers whole starts no server
                    worker_options, notes_fix = _grammar_for_workers(cleaner)
                    pool = ProcessPoolExecutor(jobs, mp_context=mp_context, initializer=_init_worker,
                                               initargs=(worker_options,))
                chunk.future = pool.submit(_clean_chunk, [(chunk.texts[i], chunk.markdown[i]) for i in chunk.todo])
            in_flight.append(chunk)
            while len(in_flight) >= limit or (in_flight and _ready(in_flight[0])):
                yield from _finish(in_flight.popleft(), cache, notes_fix)
        while in_flight:
            yield from _finish(in_flight.popleft(), cache, notes_fix)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if cache is not None:
            if own_cache:
                cache.close()
            else:
                cache.flush()
        if own:
            cleaner.close()


def _ready(chunk: _Chunk) -> bool:
    return chunk.future is None or chunk.future.done()


def _lookup(chunk: _Chunk, cache) -> None:
    n = len(chunk.texts)
    wanted = [i for i in range(n) if chunk.texts[i] is not None]
    chunk.results = [None] * n
    if cache is not None and wanted:
        found = cache.get_many([(chunk.texts[i], chunk.markdown[i]) for i in wanted])
        for i, r in zip(wanted, found):
            chunk.results[i] = r
    chunk.todo = [i for i in wanted if chunk.results[i] is None]


def _store(chunk: _Chunk, cache) -> None:
    if cache is not None:
        for i in chunk.todo:
            cache.put(chunk.texts[i], chunk.results[i], chunk.markdown[i])


def _finish(chunk: _Chunk, cache, notes_fix) -> Iterator[tuple[Any, Result | None]]:
    if chunk.future is not None:
        for i, payload in zip(chunk.todo, chunk.future.result()):
            chunk.results[i] = _rebuild(chunk.texts[i], payload, notes_fix)
        chunk.future = None
        _store(chunk, cache)
    yield from zip(chunk.tags, chunk.results)


def clean_many(texts: Iterable[str], options: Options | Cleaner | None = None, *, markdown: bool = False,
               **kw) -> Iterator[Result]:
    """One Result per text, in input order (see clean_stream for jobs, cache, chunking)."""
    for _, result in clean_stream(((None, t, markdown) for t in texts), options, **kw):
        yield result


# --- clusters ------------------------------------------------------------------------------


def _cleaner_for(options: Options) -> Cleaner:
    cleaner = _PER_PROCESS.get(options)
    if cleaner is None:
        cleaner = _PER_PROCESS[options] = Cleaner(options)
    return cleaner


class partition_cleaner:
    """A picklable function for Dask `bag.map_partitions` or Spark `rdd.mapPartitions`:
    takes an iterable of texts (or of (text, markdown) pairs) and returns their Results
    (or `Result.to_dict()` with as_dict=True). One Cleaner per partition, kept for the
    process, so later partitions on the same worker skip the compile."""

    def __init__(self, options: Options | None = None, *, as_dict: bool = False, markdown: bool = False):
        self.options = options or Options()
        self.as_dict = as_dict
        self.markdown = markdown

    def __call__(self, partition: Iterable) -> list:
        cleaner = _cleaner_for(self.options)
        out = []
        for item in partition:
            text, markdown = item if isinstance(item, tuple) else (item, self.markdown)
            r = cleaner.clean(text, markdown=markdown)
            out.append(r.to_dict() if self.as_dict else r)
        return out
