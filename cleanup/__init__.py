"""cleanup: repairs scraped and machine-translated article text.

    import cleanup
    r = cleanup.clean(text)      # a Result: r.text, r.findings, r.diff()
    with cleanup.Cleaner(grammar=False) as c:
        for doc in docs:
            c.clean(doc)
    r = cleanup.clean_html(page)  # with the extra cleanup[html]: the article extracted, then cleaned
"""
from __future__ import annotations

from .model import Finding, Result
from .options import Options
from .pipeline import Cleaner

__all__ = ["clean", "clean_html", "Cleaner", "Options", "Result", "Finding"]

_shared: dict[Options, Cleaner] = {}


def _cleaner(options: dict) -> Cleaner:
    """A Cleaner per distinct set of options is kept, so repeated calls stay fast."""
    key = Options(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    cleaner = _shared.get(key)
    if cleaner is None:
        cleaner = _shared[key] = Cleaner(key)
    return cleaner


def clean(text: str, **options) -> Result:
    """Clean one text. Options are those of cleanup.Options (e.g. grammar=False)."""
    return _cleaner(options).clean(text)


def clean_html(html: str | bytes, url: str | None = None, **options) -> Result:
    """Extract the article from a page's HTML (trafilatura, as markdown), then clean it.

    Returns a cleanup.htmlinput.HtmlResult: a Result whose `original` is the extracted
    text, with `metadata` (title, author, date...) and an "extract" note saying what
    extracted it. Needs the extra: pip install 'cleanup[html]' (else MissingExtra, an
    ImportError). Options: as for clean()."""
    from .htmlinput import clean_html as _clean_html

    return _clean_html(html, _cleaner(options), url)
