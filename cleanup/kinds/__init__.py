"""Rule kinds: the few kinds of rule that live in code. Rules themselves are data.

Each kind module has `compile(rule) -> matcher`. A text matcher has
`find(text) -> Iterator[Finding]` (offsets in `text`); the block kind's
matcher judges whole lines for the boilerplate stage instead.
"""
from __future__ import annotations


class RuleError(ValueError):
    """A rule whose fields do not make a working rule (reported with its id)."""


from . import block, casing, detector, pattern, substitute  # noqa: E402  (they import RuleError)

KINDS = {m.__name__.rsplit(".", 1)[1]: m for m in (block, casing, detector, pattern, substitute)}
