from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def rules_only():
    """A Cleaner without the grammar checker: the rule stages alone."""
    from cleanup import Cleaner

    with Cleaner(grammar=False) as cleaner:
        yield cleaner
