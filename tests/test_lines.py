"""Whole-line removal keeps paragraphs well formed, whatever lines go."""
from __future__ import annotations

import random

import pytest

from cleanup.edits import apply_edits
from cleanup.lines import removal_findings, split_lines
from cleanup.model import Finding


def remove(text: str, indices) -> str:
    lines = split_lines(text)
    found = removal_findings(text, lines, {i: Finding(0, 0, "r", "c", "m", "") for i in indices})
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), "removals must not overlap"
    return apply_edits(text, found)


@pytest.mark.parametrize("text, gone, expected", [
    ("A\n\nB\n\nC", {2}, "A\n\nC"),
    ("A\n\nB\n\nC", {4}, "A\n\nB"),
    ("A\n\nB\n\nC\n", {2, 4}, "A\n"),
    ("A\n\nB\nC\n\nD\n", {3}, "A\n\nB\n\nD\n"),
    ("X\n\nA\n\nB\n", {0}, "A\n\nB\n"),
    ("A\r\n\r\nB\r\n", {2}, "A\r\n"),
    ("B\n", {0}, ""),
])
def test_examples(text, gone, expected):
    assert remove(text, gone) == expected


def test_random_documents_keep_their_kept_lines_and_no_stray_blank_lines():
    rng = random.Random(7)
    for _ in range(3000):
        parts = ["L0"] + [rng.choice([f"L{j}", "", ""]) for j in range(1, rng.randint(1, 8))]
        text = "\n".join(parts) + rng.choice(["", "\n"])
        lines = text.splitlines()
        candidates = [i for i, line in enumerate(lines) if line]
        gone = set(rng.sample(candidates, rng.randint(0, len(candidates))))
        got = remove(text, gone)
        kept = [line for i, line in enumerate(lines) if line and i not in gone]
        assert [line for line in got.split("\n") if line] == kept
        assert "\n\n\n" not in got or "\n\n\n" in text
        assert not (kept and got.endswith("\n\n") and not text.endswith("\n\n"))
        assert not (kept and got.startswith("\n") and not text.startswith("\n"))


def test_a_long_removed_tail_is_linear():
    """60,000 removed menu lines at the end: the tail pass looks each next line up once."""
    text = "Body sentence here.\n" + "\n".join(f"menu {i}" for i in range(60_000)) + "\n"
    assert remove(text, range(1, 60_001)) == "Body sentence here.\n"
