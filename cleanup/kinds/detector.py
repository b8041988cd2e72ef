"""Kind `detector`: a check that needs code (repetition, Title Case, quote balance).

Fields: `detector` (a name from cleanup.detectors.DETECTORS) and that
detector's own parameters. The code is fixed; thresholds and word lists stay
in the rule file.
"""
from __future__ import annotations

from . import RuleError
from ..model import Rule


def compile(rule: Rule):
    from ..detectors import DETECTORS  # detectors import kinds.common; import late to avoid a cycle

    name = rule.data.get("detector")
    factory = DETECTORS.get(name)
    if factory is None:
        raise RuleError(f"unknown detector {name!r} (known: {', '.join(sorted(DETECTORS))})")
    return factory(rule)
