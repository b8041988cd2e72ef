"""The command-line fuzzer (benchmarks/fuzz_cli.py) for ~10 seconds: random files through
`python -m cleanup fix --no-grammar DIR`; exit codes 0/1/2 as documented, no traceback,
every file its original or exactly what cleanup.clean(original, grammar=False) makes of it.

CLEANUP_FUZZ_SECONDS changes the budget; CLEANUP_FUZZ_SEED replays a run."""
from __future__ import annotations

import importlib.util
import os
import re
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def load_fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_cli", REPO / "benchmarks" / "fuzz_cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fuzz_the_command_line(tmp_path: Path, capsys):
    fuzz = load_fuzzer()
    seconds = os.environ.get("CLEANUP_FUZZ_SECONDS", "10")
    seed = os.environ.get("CLEANUP_FUZZ_SEED", str(random.randrange(2**32)))
    code = fuzz.main(["--seconds", seconds, "--seed", seed, "--batch", "25", "--keep", str(tmp_path / "failures")])
    table = capsys.readouterr().out
    print(table)  # shown with -s, or on failure
    assert code == 0, table
    assert "rounds: " in table and "problems: none" in table
    counts = {line.split()[0]: line.split()[1:] for line in table.splitlines() if line.startswith("all ")}
    assert int(counts["all"][-1]) > 0  # some files were fuzzed


def test_the_generators_make_what_they_promise():
    fuzz = load_fuzzer()
    rng = random.Random(3)
    texts = [fuzz.article(rng) for _ in range(300)]
    joined = "".join(texts)
    assert "\r\n" in joined and " | " in joined and "“" in joined
    forms = set(re.findall(r"(?i)openai", joined))
    assert len(forms) > 3 and "OpenAI" in forms  # brand names in odd casing
    assert any(fuzz.decode(fuzz.random_bytes(rng), None).text is None for _ in range(50))
    assert any(ord(c) > 0xFFFF for _ in range(20) for c in fuzz.random_unicode(rng))
