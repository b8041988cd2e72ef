"""Stops the warm LanguageTool server after an idle period.

Run detached by `cleanup grammar start`:  python -m cleanup.grammar.watchdog PID IDLE_SECONDS STATE_FILE
Idle time is measured from the mtime of the last-used file, which every check touches.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .server import kill_group, last_used_path, pid_alive


def _forget(state_file: Path, pid: int) -> None:
    # Only remove the record if it still describes our server (a newer one may have replaced it).
    try:
        if json.loads(state_file.read_text(encoding="utf-8")).get("pid") == pid:
            state_file.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def watch(pid: int, idle: float, state_file: Path) -> None:
    poll = max(1.0, min(30.0, idle / 4))
    while pid_alive(pid):
        try:
            last = last_used_path().stat().st_mtime
        except OSError:
            last = 0.0
        if time.time() - last > idle:
            kill_group(pid)
            break
        time.sleep(poll)
    _forget(state_file, pid)


if __name__ == "__main__":
    watch(int(sys.argv[1]), float(sys.argv[2]), Path(sys.argv[3]))
