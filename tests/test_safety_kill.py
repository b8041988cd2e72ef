"""No data loss: `cleanup fix` killed (SIGKILL) at random moments leaves every file either
as it was or fully cleaned, and no temporary file that looks like an article.

Temporary files are `.NAME.PID.RANDOM.cleanup-tmp`. Decision: one left by a killed run is
never picked up as an article (discovery ignores `*.cleanup-tmp`), and the next write of
NAME removes those whose process is gone.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import cleanup
from cleanup.files import discover

REPO = Path(__file__).resolve().parent.parent
N_FILES = 200
KILLS = 6

BRANDS = ["Openai", "Deepseek", "Nvidia", "Chatgpt", "Youtube", "Linkedin"]
WORDS = "the market said that its new model would grow again this year while chips stayed scarce".split()


def article(rng: random.Random, i: int) -> str:
    paras = []
    for _ in range(rng.randint(2, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 40))]
        words.insert(rng.randrange(len(words)), rng.choice(BRANDS))
        paras.append(" ".join(words).capitalize() + ".")
    if i % 3 == 0:
        paras.insert(1, "Home | News | Sport | Weather")
    nl = "\r\n" if i % 4 == 0 else "\n"
    return (nl + nl).join(paras) + nl


def run_fix(folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleanup", "fix", "--no-grammar", "-q", str(folder)],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid  # reaped: no such process now (reuse within the test is vanishingly unlikely)


def check_files(folder: Path, originals: dict[str, bytes], iterates: dict[str, set[bytes]]) -> int:
    done = 0
    for name, before in originals.items():
        now = (folder / name).read_bytes()
        assert now in iterates[name], f"{name} is neither the original nor a cleaned text"
        done += now != before
    return done


def test_sigkill_at_random_moments_never_loses_a_file(tmp_path: Path):
    rng = random.Random(7)
    folder = tmp_path / "articles"
    folder.mkdir()
    originals, cleaned, iterates = {}, {}, {}
    for i in range(N_FILES):
        text = article(rng, i)
        name = f"{i:03}.txt"
        (folder / name).write_bytes(text.encode())
        originals[name] = text.encode()
        cleaned[name] = cleanup.clean(text, grammar=False).text.encode()
        # A file a killed run already cleaned is cleaned again by the next run. Cleaning is
        # not yet idempotent for every text (see test_properties: needs patch pipeline-rounds),
        # so a later run may legitimately produce clean(clean(text)).
        again = cleanup.clean(cleaned[name].decode(), grammar=False).text.encode()
        iterates[name] = {originals[name], cleaned[name], again,
                          cleanup.clean(again.decode(), grammar=False).text.encode()}
    assert sum(cleaned[n] != originals[n] for n in originals) > N_FILES // 2

    started = time.monotonic()
    progress = []
    for k in range(KILLS):
        proc = run_fix(folder)
        time.sleep(rng.uniform(0.4, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        progress.append(check_files(folder, originals, iterates))
    # a stale temp file as a SIGKILL between write and rename leaves it
    # (for a file the final run still has to write: that write sweeps it)
    pending = [n for n in originals if cleaned[n] != originals[n]]
    victim = next((n for n in pending if (folder / n).read_bytes() == originals[n]), pending[-1])
    (folder / victim).write_bytes(originals[victim])
    stale = folder / f".{victim}.{dead_pid()}.abcd1234.cleanup-tmp"
    stale.write_bytes(b"half an artic")
    assert stale not in set(discover([str(folder)]))

    final = run_fix(folder)
    _, err = final.communicate(timeout=300)
    assert final.returncode == 0, err.decode()
    assert check_files(folder, originals, iterates) == sum(cleaned[n] != originals[n] for n in originals)
    leftovers = [p.name for p in folder.iterdir() if p.name not in originals]
    assert leftovers == [], leftovers
    assert time.monotonic() - started < 600
    print("files cleaned after each kill:", progress)
