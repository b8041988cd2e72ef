"""Put a LanguageTool server runtime into the cache folder (`cleanup grammar setup`).

Preferred source: Maven Central via `mvn` and the bundled languagetool-pom.xml (English
only, ~80 MB). Fallback when there is no `mvn`: language-tool-python's own download
of the full LanguageTool zip. Either way a marker file records the Java classpath, and
it is written last, so an interrupted download is simply redone by the next call.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Callable

DEFAULT_VERSION = "6.8"
MIN_JAVA = 17
URL_ENV = "CLEANUP_LANGUAGETOOL_URL"
CACHE_ENV = "CLEANUP_CACHE_DIR"
POM = Path(__file__).with_name("languagetool-pom.xml")
MAVEN_TIMEOUT = 1800


class ProvisionError(RuntimeError):
    """LanguageTool cannot be obtained here; the message says what to install."""


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "cleanup"


def runtime_dir(version: str = DEFAULT_VERSION) -> Path:
    return cache_dir() / f"languagetool-{version}"


def _marker(version: str) -> Path:
    return runtime_dir(version) / "READY.json"


def configured_url() -> str | None:
    return os.environ.get(URL_ENV) or None


def installed_classpath(version: str = DEFAULT_VERSION) -> str | None:
    """The recorded classpath if a complete runtime is on disk, else None."""
    marker = _marker(version)
    if not marker.is_file():
        return None
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    cp = info.get("classpath") if isinstance(info, dict) else None
    if not isinstance(cp, str):
        return None
    # The marker is only trusted while what it points at is still there.
    check = Path(cp[:-2]) if cp.endswith("/*") else Path(cp)
    return cp if check.exists() else None


def languagetool_available() -> bool:
    """True if grammar checking can run: a server URL is configured or a runtime is provisioned."""
    return configured_url() is not None or installed_classpath() is not None


def java_major(java: str = "java") -> int | None:
    """Major version of `java` on PATH, or None if there is no java."""
    exe = shutil.which(java)
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if m is None:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8.0" means Java 8


def check_java() -> None:
    major = java_major()
    if major is None:
        raise ProvisionError(
            f"Java not found: LanguageTool needs Java {MIN_JAVA} or newer on PATH "
            "(e.g. `apt-get install openjdk-17-jre-headless`)."
        )
    if major < MIN_JAVA:
        raise ProvisionError(
            f"Java {major} found, but LanguageTool {DEFAULT_VERSION} needs Java {MIN_JAVA} or newer."
        )


def provision(version: str = DEFAULT_VERSION, log: Callable[[str], None] = lambda s: None) -> str:
    """Make sure a runtime is on disk and return its Java classpath. Idempotent."""
    cp = installed_classpath(version)
    if cp is not None:
        log(f"LanguageTool {version} already provisioned in {runtime_dir(version)}")
        return cp
    check_java()
    rd = runtime_dir(version)
    rd.mkdir(parents=True, exist_ok=True)
    mvn = shutil.which("mvn")
    if mvn is not None:
        log(f"Downloading LanguageTool {version} from Maven Central into {rd} ...")
        cp, source = _via_maven(mvn, version, rd), "maven"
    else:
        log("mvn not found; falling back to language-tool-python's download ...")
        cp, source = _via_language_tool_python(), "language-tool-python"
    tmp = _marker(version).with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": version, "source": source, "classpath": cp}), encoding="utf-8")
    tmp.replace(_marker(version))
    log(f"LanguageTool ready ({source}): {cp}")
    return cp


def _via_maven(mvn: str, version: str, rd: Path) -> str:
    pom = rd / "pom.xml"
    shutil.copyfile(POM, pom)
    partial, lib = rd / "lib.partial", rd / "lib"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [
        mvn, "-q", "-B", "-f", str(pom), f"-Dlt.version={version}",
        "dependency:copy-dependencies", f"-DoutputDirectory={partial}",
    ]
    try:
        out = subprocess.run(cmd, cwd=rd, capture_output=True, text=True, timeout=MAVEN_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as e:
        raise ProvisionError(f"mvn could not run: {e}") from e
    if out.returncode != 0:
        tail = "\n".join((out.stdout + out.stderr).strip().splitlines()[-15:])
        raise ProvisionError(f"mvn failed (exit {out.returncode}):\n{tail}")
    if not (partial / f"languagetool-server-{version}.jar").is_file():
        raise ProvisionError(f"mvn finished but languagetool-server-{version}.jar is missing in {partial}")
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    return f"{lib}/*"


def _via_language_tool_python() -> str:
    """Let language-tool-python download its LanguageTool zip, then reuse its server jar."""
    try:
        import language_tool_python
        from language_tool_python.download_lt import LocalLanguageTool

        language_tool_python.LanguageTool("en-US").close()  # downloads on first use
        local = LocalLanguageTool.get_latest_installed_version()
        if local is None:
            raise ProvisionError("language-tool-python did not install LanguageTool")
        return str(local.get_jar_path())
    except ProvisionError:
        raise
    except Exception as e:  # third-party download: any failure means "not provisioned"
        raise ProvisionError(f"no mvn on PATH and language-tool-python's download failed: {e}") from e
