"""HTML input (the optional extra `cleanup[html]`): extract the article with trafilatura, then clean it.

    import cleanup
    r = cleanup.clean_html(page_html, grammar=False)   # an HtmlResult (a Result)
    r.original            # the extracted article, as markdown
    r.text                # after the usual pipeline
    r.metadata            # {"title": ..., "author": ..., "date": ..., "sitename": ..., "url": ...}
    r.notes[0]            # StageNote("extract", "ran", "trafilatura 2.3.1 (markdown, favor_recall, ...)")

Why these trafilatura settings:
- Markdown output. Headings, list items and table rows keep their markers, and the
  pipeline's markdown mode protects headings and tables from the line classifier. From
  trafilatura's plain-text output the boilerplate stage removes the article's title
  and table separators, which read as short or symbol-only lines.
- favor_recall. trafilatura's removals are invisible (no rule id, no diff); ours are
  findings. When it is unsure it keeps text, and our boilerplate stage, which prefers
  keeping a borderline sentence, decides with a reason in the report.
- No comments, links, images: reader comments are not the article; link targets and
  image references are noise in the text.
- Tables kept (as markdown tables).
- Emphasis tags unwrapped before extraction (see _load).

Extraction runs where the document is read (the parent process of a batch); only the
cleaning goes to worker processes. It takes a few milliseconds per page, well under the
cleaning itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO, Any

from .jsonl import FieldText, JsonlStats, clean_jsonl, meta
from .model import Result, StageNote

INSTALL_HINT = "HTML input needs the optional extra 'html' (trafilatura): pip install 'cleanup[html]'"

# Passed to trafilatura.extract_with_metadata; see the module docstring for the choices.
SETTINGS: dict[str, Any] = {
    "output_format": "markdown",
    "favor_recall": True,
    "include_comments": False,
    "include_tables": True,
    "include_links": False,
    "include_images": False,
    "deduplicate": False,
}
METADATA_FIELDS = ("title", "author", "date", "sitename", "url", "description", "language")

# trafilatura puts the metadata in a YAML header in front of the text; it is kept apart
# (HtmlResult.metadata), so the text is the article alone. One `key: value` line each.
_HEADER = re.compile(r"\A---\n(?:[^\n]*\n)*?---\n")


class MissingExtra(ImportError):
    """trafilatura is not installed. str(error) is the one-line hint to install the extra."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def _trafilatura():
    """The trafilatura module, or None when the extra is not installed."""
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura


def available() -> bool:
    return _trafilatura() is not None


@dataclass(frozen=True)
class Extracted:
    """The article trafilatura found in a page (text None: it found none)."""

    text: str | None
    metadata: dict[str, str]
    note: StageNote


@dataclass(frozen=True)
class HtmlResult(Result):
    """A Result whose original is the text extracted from HTML; `metadata` is what
    trafilatura read from the page (title, author, date, sitename, url, description)."""

    metadata: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "metadata": dict(self.metadata)}


def settings_label(version: str) -> str:
    flags = [SETTINGS["output_format"]]
    flags += [k for k in ("favor_recall", "favor_precision") if SETTINGS.get(k)]
    flags += [("" if SETTINGS[k] else "no ") + k.removeprefix("include_") for k in
              ("include_tables", "include_comments", "include_links", "include_images")]
    return f"trafilatura {version} ({', '.join(flags)})"


def extract(html: str | bytes, url: str | None = None) -> Extracted:
    """The article in `html` (bytes: trafilatura finds the encoding from the page).
    Raises MissingExtra when trafilatura is not installed."""
    trafilatura = _trafilatura()
    if trafilatura is None:
        raise MissingExtra()
    label = settings_label(trafilatura.__version__)
    tree = _load(trafilatura, html) if html and html.strip() else None
    doc = trafilatura.extract_with_metadata(tree, url=url, **SETTINGS) if tree is not None else None
    text = _HEADER.sub("", doc.text, count=1).strip() if doc is not None and doc.text else ""
    if not text:
        return Extracted(None, {}, StageNote("extract", "failed", f"no article text found by {label}"))
    metadata = {k: str(v) for k in METADATA_FIELDS if (v := getattr(doc, k, None))}
    return Extracted(text + "\n", metadata, StageNote("extract", "ran", f"extracted by {label}"))


def _load(trafilatura, html: str | bytes):
    """The page as an lxml tree with emphasis unwrapped, or None when it is not HTML.

    Emphasis (<b>, <strong>, <i>, <em>, <u>) would come out as `**READ MORE:**`, which the
    line rules (written for text) do not recognise; its words are kept. A fragment
    (`<p>…</p>`, as JSONL fields often hold) is read as the body of a page."""
    from lxml import etree

    tree = trafilatura.load_html(html)
    if tree is None:
        wrapped = (b"<html><body>%s</body></html>" % html) if isinstance(html, bytes) \
            else f"<html><body>{html}</body></html>"
        tree = trafilatura.load_html(wrapped)
    if tree is not None:
        etree.strip_tags(tree, *_EMPHASIS)
    return tree


_EMPHASIS = ("b", "strong", "i", "em", "u")


def attach(result: Result, extracted: Extracted) -> HtmlResult:
    """The pipeline's Result for extracted text, with the extraction note first and the metadata."""
    fields_ = {f: getattr(result, f) for f in ("original", "text", "findings", "changes")}
    return HtmlResult(**fields_, notes=(extracted.note, *result.notes), metadata=extracted.metadata)


def empty_result(extracted: Extracted) -> HtmlResult:
    """What a page without article text gives: no text, the reason in the note."""
    return HtmlResult("", "", (), (extracted.note,), (), metadata=extracted.metadata)


def clean_html(html: str | bytes, cleaner, url: str | None = None) -> HtmlResult:
    """Extract the article from `html`, then clean it (as markdown) with `cleaner` (a Cleaner)."""
    extracted = extract(html, url)
    if extracted.text is None:
        return empty_result(extracted)
    return attach(cleaner.clean(extracted.text, markdown=True), extracted)


def with_metadata(meta: dict[str, Any], extracted: Extracted) -> dict[str, Any]:
    """A JSONL line's `cleanup` object with what the extraction said."""
    return {**meta, "extracted": {"by": extracted.note.detail.removeprefix("extracted by "), **extracted.metadata}}


# --- JSONL: one HTML field per line --------------------------------------------------------


class PageField(FieldText):
    """A JSONL record whose `field` holds a page's HTML: the article is extracted, cleaned and
    written to `to_field` (the HTML stays as it was); the `cleanup` object gets an `extracted`
    object (what extracted it, title, author, date...). A page without article text is skipped."""

    def __init__(self, field: str = "html", to_field: str = "text") -> None:
        super().__init__(field, markdown=True)
        self.to_field = to_field

    def take(self, record: dict) -> tuple[str | None, Any, str | None]:
        url = record.get("url") if isinstance(record.get("url"), str) else None
        extracted = extract(record[self.field], url)
        if extracted.text is None:
            return None, None, extracted.note.detail
        return extracted.text, extracted, None

    def put(self, record: dict, result: Result, extracted: Extracted, meta_key: str) -> dict[str, Any]:
        result = attach(result, extracted)
        m = meta(result)
        record[self.to_field] = result.text
        record[meta_key] = with_metadata(m, extracted)
        return m


def clean_html_jsonl(src: IO, dst: IO, field: str = "html", *, to_field: str = "text", **kwargs) -> JsonlStats:
    """cleanup.jsonl.clean_jsonl for records whose `field` holds a page's HTML (see PageField)."""
    return clean_jsonl(src, dst, field, source=PageField(field, to_field), **kwargs)
