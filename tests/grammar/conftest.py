"""One real LanguageTool server for the whole session.

If LanguageTool cannot be provisioned these tests FAIL (CI runs
`python -m cleanup.grammar setup` first); they never skip.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleanup.grammar import provision, server


@pytest.fixture(scope="session")
def lt_classpath() -> str:
    try:
        return provision.provision()
    except provision.ProvisionError as e:
        pytest.fail(f"LanguageTool could not be provisioned: {e}")


@pytest.fixture(scope="session")
def lt_url(lt_classpath: str):
    url = provision.configured_url()
    if url:
        yield url
        return
    srv = server.LocalServer(lt_classpath)
    try:
        url = srv.start()
    except server.ServerError as e:
        pytest.fail(f"LanguageTool server did not start: {e}")
    yield url
    srv.stop()


@pytest.fixture
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lt_classpath: str) -> Path:
    """A fresh cache folder (no warm-server state) that still points at the real runtime."""
    cache = tmp_path / "cache"
    rd = cache / f"languagetool-{provision.DEFAULT_VERSION}"
    rd.mkdir(parents=True)
    (rd / "READY.json").write_text(json.dumps({"classpath": lt_classpath, "source": "test"}))
    monkeypatch.setenv(provision.CACHE_ENV, str(cache))
    monkeypatch.delenv(provision.URL_ENV, raising=False)
    return cache


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder with nothing installed."""
    monkeypatch.setenv(provision.CACHE_ENV, str(tmp_path / "empty"))
    monkeypatch.delenv(provision.URL_ENV, raising=False)
    return tmp_path / "empty"
