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


@pytest.fixture(autouse=True)
def _private_cache(request, tmp_path, monkeypatch):
    """Outside the grammar tests, each test gets its own cache folder: no result
    cached by an earlier test or run can hide what a test exercises, and no test
    starts the real LanguageTool by accident (it is found through this folder)."""
    if "grammar" in Path(str(request.node.fspath)).relative_to(REPO).parts:
        return
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
