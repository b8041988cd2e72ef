"""Ask a LanguageTool server to check one text; return matches in Python string offsets.

Plain urllib against /v2/check rather than language_tool_python.LanguageTool(remote_server=):
we need a per-request timeout, the `data` parameter (markup annotation, which
language_tool_python does not send), the raw UTF-16 offsets to convert ourselves, and
no extra /v2/languages round trip per client.
"""
from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Sequence


class CheckError(RuntimeError):
    """A check did not produce a usable answer. `kind`: connection, timeout, http or garbage."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


@dataclass(frozen=True)
class Match:
    start: int  # Python str indices into the checked text
    end: int
    rule_id: str
    category_id: str
    message: str
    replacements: tuple[str, ...]


def base_url(url: str) -> str:
    """Accept http://host:port, .../v2 or .../v2/ and return http://host:port[/prefix]."""
    url = url.rstrip("/")
    return url[: -len("/v2")] if url.endswith("/v2") else url


def utf16_map(text: str) -> list[int] | None:
    """Python index for every UTF-16 offset (len = UTF-16 length + 1); None if they coincide."""
    if not text or max(text) <= "\uffff":
        return None
    out: list[int] = []
    for i, ch in enumerate(text):
        out.append(i)
        if ord(ch) > 0xFFFF:
            out.append(i)  # the low surrogate: never a real boundary, rounds to the char
    out.append(len(text))
    return out


def normalize_spans(spans: Sequence[tuple[int, int]], n: int) -> list[tuple[int, int]]:
    """Clip to [0, n], drop empty ones, sort and merge overlapping/adjacent spans."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted((max(0, s), min(n, e)) for s, e in spans):
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def annotation(text: str, spans: list[tuple[int, int]]) -> list[dict[str, str]]:
    """LanguageTool `data` annotation: prose as text, protected spans as markup.

    Markup is read as a neutral stand-in so the prose around it still parses: a paragraph
    break for blocks (code, front matter), a single word for inline spans (URLs, code)."""
    parts: list[dict[str, str]] = []
    pos = 0
    for s, e in spans:
        if pos < s:
            parts.append({"text": text[pos:s]})
        seg = text[s:e]
        parts.append({"markup": seg, "interpretAs": "\n\n" if "\n" in seg else "X"})
        pos = e
    if pos < len(text):
        parts.append({"text": text[pos:]})
    return parts


# What LanguageTool sends instead of spelling suggestions when the server is told not to
# compute them (maxSpellingSuggestions, see server.py): never a real replacement.
SUGGESTION_PLACEHOLDERS = frozenset({"(suggestion limit reached)"})

# A LanguageTool answer is a few kilobytes per kilobyte of text; this is plenty.
MAX_ANSWER_BYTES = 64 * 1024 * 1024


def read_body(response, deadline: float, limit: int = MAX_ANSWER_BYTES) -> bytes:
    """The whole body of `response` by `deadline` (time.monotonic()). urllib's timeout
    bounds each read, not the answer: a server sending a byte now and then would hold a
    run for ever. Raises CheckError (timeout, or garbage when larger than `limit`)."""
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise CheckError("timeout", "the answer did not arrive in time")
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise CheckError("garbage", f"answer larger than {limit} bytes")
        chunks.append(chunk)


def check(
    url: str,
    text: str,
    protected: Sequence[tuple[int, int]] = (),
    language: str = "en-US",
    timeout: float = 30.0,
    disabled_rules: Sequence[str] = (),
) -> list[Match]:
    """Check `text`; raise CheckError on any failure. No match overlaps a protected span."""
    spans = normalize_spans(protected, len(text))
    params = {"language": language}
    if spans:
        params["data"] = json.dumps({"annotation": annotation(text, spans)}, ensure_ascii=False)
    else:
        params["text"] = text
    if disabled_rules:
        params["disabledRules"] = ",".join(disabled_rules)
    body = urllib.parse.urlencode(params).encode("utf-8")
    req = urllib.request.Request(base_url(url) + "/v2/check", data=body, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = read_body(r, time.monotonic() + timeout)
    except urllib.error.HTTPError as e:
        detail = e.read()[:200].decode("utf-8", "replace").strip()
        raise CheckError("http", f"HTTP {e.code}: {detail}") from e
    except (socket.timeout, TimeoutError) as e:
        raise CheckError("timeout", f"no answer within {timeout:.0f}s") from e
    except urllib.error.URLError as e:
        kind = "timeout" if isinstance(e.reason, (socket.timeout, TimeoutError)) else "connection"
        raise CheckError(kind, str(e.reason)) from e
    except (OSError, ValueError) as e:  # connection reset mid-read, malformed URL
        raise CheckError("connection", str(e)) from e
    try:
        data = json.loads(raw)
    except ValueError as e:
        raise CheckError("garbage", f"response is not JSON: {raw[:80]!r}") from e
    return parse_matches(data, text, spans)


def parse_matches(data: Any, text: str, spans: list[tuple[int, int]] = ()) -> list[Match]:
    """Turn a /v2/check JSON answer into Matches; malformed single matches are skipped."""
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise CheckError("garbage", "response has no 'matches' list")
    umap = utf16_map(text)
    n16 = len(umap) - 1 if umap else len(text)
    out: list[Match] = []
    for m in data["matches"]:
        try:
            off, length = int(m["offset"]), int(m["length"])
            rule = m["rule"]
            rule_id, cat = str(rule["id"]), str(rule.get("category", {}).get("id", "MISC"))
            reps = tuple(str(r["value"]) for r in m.get("replacements", ())
                         if "value" in r and r["value"] not in SUGGESTION_PLACEHOLDERS)
            message = str(m.get("message", ""))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if off < 0 or length < 0 or off + length > n16:
            continue
        start, end = _to_py(umap, off, off + length)
        if _near_protected(text, spans, start, end):
            continue
        out.append(Match(start, end, rule_id, cat, message, reps))
    return out


def _to_py(umap: list[int] | None, s16: int, e16: int) -> tuple[int, int]:
    if umap is None:
        return s16, e16
    start, end = umap[s16], umap[e16]
    if 0 < e16 < len(umap) - 1 and umap[e16] == umap[e16 - 1]:
        end += 1  # an end inside a surrogate pair rounds up to include the character
    return start, end


def _near_protected(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True if [start, end) overlaps or touches a protected span (whitespace between counts
    as touching): rules there read the stand-in, not the real content, e.g. 'an <url>'."""
    for s, e in spans:
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        while e < len(text) and text[e] in " \t":
            e += 1
        if start <= e and end >= s:
            return True
    return False
