"""Streaming JSONL: read a line, clean one field, write the line. Memory stays flat.

    with open("in.jsonl", "rb") as src, open("out.jsonl", "wb") as dst:
        stats = clean_jsonl(src, dst, field="text", options=Options(grammar=False), jobs=4)

Each output line is the input object with `field` replaced by the cleaned text and a
`cleanup` object added (its name: `meta_key`):

    {"id": 7, "text": "OpenAI said", "cleanup": {"changed": true, "edits": 1, "to_review": 0,
     "findings": [{"start": 0, "end": 6, "line": 1, "column": 1, "found": "Openai", ...}]}}

Finding offsets index the *original* field text (as in Result). A line that is not a
JSON object, or lacks a string `field`, is written back unchanged (a blank line is
dropped) and counted in the stats with its line number; it never stops the stream.
Lines are read one at a time and at most a few chunks of documents are in flight
(cleanup.batch), so a file of any size streams in bounded memory; output keeps the
input order. Keys keep their order; non-ASCII is written as is (UTF-8).
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field as dc_field
from typing import IO, Any, Iterable, Iterator

from .batch import clean_stream
from .model import Result

MAX_ERRORS_KEPT = 100
_BREAK = re.compile("\n")


@dataclass
class JsonlStats:
    lines: int = 0
    cleaned: int = 0
    unchanged: int = 0
    skipped: int = 0  # lines written back as they were: not an object, or no string field
    passed: int = 0  # lines not selected (`select`), copied through
    edits: int = 0
    to_review: int = 0
    errors: list[str] = dc_field(default_factory=list)  # "line N: reason", the first MAX_ERRORS_KEPT

    def summary(self) -> str:
        return (f"{self.lines} lines: {self.cleaned} cleaned, {self.unchanged} unchanged, {self.skipped} skipped, "
                f"{self.edits} edits, {self.to_review} findings to review")


def finding_dicts(result: Result) -> list[dict[str, Any]]:
    """Finding.to_dict(original) for all findings, in O(n log n): to_dict counts line
    breaks from the start of the text for each finding, quadratic on long documents."""
    text = result.original
    breaks = [m.start() for m in _BREAK.finditer(text)] if result.findings else []
    out = []
    for f in result.findings:
        before = bisect.bisect_left(breaks, f.start)  # line breaks before start
        line_start = breaks[before - 1] + 1 if before else 0
        out.append({"start": f.start, "end": f.end, "rule": f.rule, "category": f.category, "message": f.message,
                    "replacement": f.replacement, "confidence": f.confidence, "applied": f.applied,
                    "found": text[f.start : f.end], "line": before + 1, "column": f.start - line_start + 1})
    return out


def meta(result: Result) -> dict[str, Any]:
    edits = sum(1 for f in result.findings if f.applied)
    d: dict[str, Any] = {"changed": result.changed, "edits": edits, "to_review": len(result.findings) - edits,
                         "findings": finding_dicts(result)}
    problems = [{"stage": n.stage, "status": n.status, "detail": n.detail} for n in result.notes
                if n.status not in ("ran", "off")]
    if problems:
        d["stages"] = problems
    return d


class FieldText:
    """Where a record's text comes from and where the cleaned text goes. This one cleans
    `field` in place; cleanup.htmlinput has one that extracts a page's article first."""

    def __init__(self, field: str = "text", markdown: bool = False) -> None:
        self.field, self.markdown = field, markdown

    def take(self, record: dict) -> tuple[str | None, Any, str | None]:
        """(text to clean, context for `put`, or an error saying why the line is skipped)."""
        return record[self.field], None, None

    def put(self, record: dict, result: Result, context: Any, meta_key: str) -> dict[str, Any]:
        """Write the result into `record`; return its `meta` (for the stats)."""
        m = meta(result)
        record[self.field] = result.text
        record[meta_key] = m
        return m


def _parse(lines: Iterable[bytes | str], source: FieldText, stats: JsonlStats,
           select=None) -> Iterator[tuple[Any, str | None, bool]]:
    """(tag, text, markdown) items for clean_stream; tag = (record or raw line, context, error)."""
    field = source.field
    for n, raw in enumerate(lines, 1):
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", "surrogateescape")
        if not raw.strip():
            continue
        stats.lines += 1
        if select is not None and not select(n):
            yield (raw, None, None), None, False  # passed through as it is
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            yield (raw, None, f"line {n}: not JSON: {exc}"), None, False
            continue
        if not isinstance(record, dict):
            yield (raw, None, f"line {n}: not a JSON object"), None, False
        elif not isinstance(record.get(field), str):
            yield (raw, None, f"line {n}: no string field {field!r}"), None, False
        else:
            text, context, error = source.take(record)
            if error is not None:
                yield (raw, None, f"line {n}: {error}"), None, False
            else:
                yield (record, context, None), text, source.markdown


def clean_jsonl(
    src: IO,
    dst: IO,
    field: str = "text",
    *,
    options=None,
    jobs: int | None = 1,
    cache=None,
    meta_key: str = "cleanup",
    markdown: bool = False,
    on_error=None,
    select=None,
    source: FieldText | None = None,
    **batch,
) -> JsonlStats:
    """Stream JSONL from `src` (binary or text file, or any iterable of lines) to `dst`
    (binary or text). `options`, `jobs`, `cache`: as in cleanup.batch.clean_stream.
    `on_error(message)` is called for each skipped line (besides the stats).
    `select(line_number)`: when given, only the lines it accepts are cleaned; the others
    are copied through unchanged (sampling, sharding). `source`: where the text comes from
    and goes to (default: `field` itself, cleaned in place)."""
    stats = JsonlStats()
    binary_out = not hasattr(dst, "encoding")
    source = source or FieldText(field, markdown)
    items = _parse(src, source, stats, select)
    for (record, context, error), result in clean_stream(items, options, jobs=jobs, cache=cache, **batch):
        if result is None and error is None:
            stats.passed += 1
            line = record.rstrip("\r\n") + "\n"
        elif result is None:
            stats.skipped += 1
            if len(stats.errors) < MAX_ERRORS_KEPT:
                stats.errors.append(error)
            if on_error is not None:
                on_error(error)
            line = record.rstrip("\r\n") + "\n"
        else:
            m = source.put(record, result, context, meta_key)
            stats.cleaned += result.changed
            stats.unchanged += not result.changed
            stats.edits += m["edits"]
            stats.to_review += m["to_review"]
            line = json.dumps(record, ensure_ascii=False) + "\n"
        dst.write(line.encode("utf-8", "surrogateescape") if binary_out else line)
    return stats
