"""Background warm-up of a fresh LanguageTool server (`cleanup grammar start`).

A new JVM checks text 2-3x slower than one that has already seen a few hundred KB: the
JIT compiles LanguageTool's hot paths only after they ran many times. So the warm server
is fed bundled prose (warmup.txt) right after it starts, in the background, and the
warm-up stops as soon as a real check uses the server (the last-used file is touched),
so it never competes with the user for long.

Run detached:  python -m cleanup.grammar.warmup URL BUDGET_CHARS
"""
from __future__ import annotations

import sys
import time
from itertools import count
from pathlib import Path
from typing import Callable, Iterator

from .client import CheckError, check

TEXT = Path(__file__).with_name("warmup.txt")
DEFAULT_BUDGET = 300_000  # characters; the JIT gain flattens out after a few hundred KB
PIECE = 2_000  # characters per request: short, so a real check waits little behind one

# LanguageTool caches results per sentence, and a cached sentence warms nothing. Each
# round puts a different opener and closer around every sentence, so all are new.
OPENERS = ("", "Meanwhile, ", "In 2021, ", "According to the report, ", "As expected, ", "Last year, ",
           "On the other hand, ", "For now, ", "In practice, ", "By contrast, ", "At first, ",
           "In most cases, ", "Even so, ", "Later that week, ", "To be fair, ", "In the end, ",
           "Since then, ", "Until recently, ", "In other words, ", "Not surprisingly, ",
           "Back then, ", "In theory, ", "Once again, ", "After all, ", "Every so often, ")
CLOSERS = ("", ", officials said", ", as usual", ", at least for now", ", according to one estimate",
           ", he added", ", the authors wrote", ", she explained", ", as far as we know", ", it seems")


def sentences() -> list[str]:
    return [line.strip() for line in TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]


def vary(sentence: str, opener: str, closer: str) -> str:
    if opener:
        sentence = opener + sentence[0].lower() + sentence[1:] if not sentence[1:2].isupper() else opener + sentence
    if closer and sentence.endswith("."):
        sentence = sentence[:-1] + closer + "."
    return sentence


def pieces(budget: int) -> Iterator[str]:
    """Paragraphs of distinct sentences, `budget` characters in all (cycling through the
    opener/closer combinations; 50 rounds before any sentence repeats)."""
    base, sent = sentences(), 0
    for rnd in count():
        piece: list[str] = []
        for i, s in enumerate(base):
            piece.append(vary(s, OPENERS[(rnd + i) % len(OPENERS)], CLOSERS[(7 * rnd + i) % len(CLOSERS)]))
            if sum(map(len, piece)) >= PIECE or i == len(base) - 1:
                text = " ".join(piece)
                yield text
                sent += len(text)
                piece = []
                if sent >= budget:
                    return


def warm_up(url: str, budget: int = DEFAULT_BUDGET, stop: Callable[[], bool] = lambda: False) -> int:
    """Check bundled prose until `budget` characters are done, `stop()` says so, or the
    server fails. Returns the characters checked."""
    done = 0
    for text in pieces(budget):
        if stop():
            break
        try:
            check(url, text, timeout=120)
        except CheckError:
            break  # a broken server shows up on real use; warming is only an optimisation
        done += len(text)
    return done


def used_since(path: Path, t0: float) -> Callable[[], bool]:
    """stop() for warm_up: true once `path` (the last-used file) is touched after t0."""
    def stop() -> bool:
        try:
            return path.stat().st_mtime > t0
        except OSError:
            return False
    return stop


if __name__ == "__main__":
    from .server import last_used_path

    warm_up(sys.argv[1], int(sys.argv[2]), used_since(last_used_path(), time.time()))
