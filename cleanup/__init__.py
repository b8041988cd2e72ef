"""cleanup: repairs scraped and machine-translated article text.

    import cleanup
    r = cleanup.clean(text)      # a Result: r.text, r.findings, r.diff()
    with cleanup.Cleaner(grammar=False) as c:
        for doc in docs:
            c.clean(doc)
"""
from __future__ import annotations

from .model import Finding, Result
from .options import Options
from .pipeline import Cleaner

__all__ = ["clean", "Cleaner", "Options", "Result", "Finding"]

_shared: dict[Options, Cleaner] = {}


def clean(text: str, **options) -> Result:
    """Clean one text. Options are those of cleanup.Options (e.g. grammar=False).

    A Cleaner per distinct set of options is kept, so repeated calls stay fast."""
    key = Options(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    cleaner = _shared.get(key)
    if cleaner is None:
        cleaner = _shared[key] = Cleaner(key)
    return cleaner.clean(text)
