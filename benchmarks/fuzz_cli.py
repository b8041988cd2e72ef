"""Fuzz the whole command line: `python -m cleanup fix --no-grammar DIR` on random files.

    PYTHONPATH=. python benchmarks/fuzz_cli.py [--seconds 60] [--seed N] [--batch 30] [--keep DIR]

Each round writes a folder of random files (random bytes, random unicode, article-like
text built from words, brand names in odd casing, "|" link rows, quotes, mojibake, URLs,
CRLF / CR / mixed line endings, BOMs, UTF-16, markdown) and runs the real command on it
in a child process. Checked for every round:

- the command ends (a hang is a failure) with exit code 0, 1 or 2, and 2 exactly when
  some file could not be decoded (binary, invalid UTF-8, …), with one `error:` line each;
- no "Traceback" on stderr;
- every file is its original bytes (undecodable files, files with nothing to clean) or
  exactly `cleanup.clean(original, grammar=False).text` in its own encoding;
- no temporary file is left behind.

Prints a table of counts (files per generator and outcome, exit codes, problems) and
exits 1 when any check failed; failing rounds are copied to --keep (default: a temporary
folder, printed). The seed is printed so a failure can be replayed.
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleanup import Cleaner  # noqa: E402
from cleanup.fileio import TEMP_SUFFIX, decode, encode  # noqa: E402
from cleanup.files import is_markdown  # noqa: E402

RUN_TIMEOUT = 120  # seconds for one round of ~30 small files: generous; more is a hang

WORDS = ("the market said that its new model would grow again this year while chips stayed scarce and "
         "analysts in China expect prices to rise I we you they it is was be an a of to in on for with").split()
BRANDS = ["OpenAI", "DeepSeek", "Nvidia", "ChatGPT", "YouTube", "LinkedIn", "iPhone", "High-Flyer", "TikTok",
          "GitHub", "PayPal", "McDonald's", "eBay", "Huawei", "Alibaba", "xAI"]
BOILERPLATE = ["Home | News | Sport | Weather", "Subscribe to our newsletter", "Share this article",
               "Read more:", "Photo: Reuters", "Advertisement", "Related stories", "Follow us on Twitter",
               "Copyright © 2024 Example Media. All rights reserved.", "Click here to subscribe"]
ODD = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "(", ")", "[", "]", "—", "–", "-", "…", "...", ",", ".",
       "!", "?", ";", ":", "&amp;", "&nbsp;", "Ã©", "â€™", "â€œ", "Ã¼", "\u00a0", "\u200b", "\u3000", "，", "。",
       "！", "（", "）", "ＡＩ", "http://example.com/openai?x=1", "www.deepseek.com", "@openai", "#nvidia",
       "`code`", "**bold**", "_it_", "<b>", "</b>", "<!-- cleanup: ignore -->", "cleanup: ignore", "\t", "  ",
       "🙂", "👍🏽", "e\u0301", "ﬁ", "Ⅻ", "٣", "שלום", "مرحبا", "\ufeff", "\u2028", "\x85", "\x0c"]
NEWLINES = ["\n", "\n", "\n", "\r\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]


def odd_case(rng: random.Random, word: str) -> str:
    mode = rng.random()
    if mode < 0.3:
        return word.lower()
    if mode < 0.45:
        return word.upper()
    if mode < 0.6:
        return word.capitalize()
    return "".join(c.swapcase() if rng.random() < 0.4 else c for c in word)


def sentence(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(3, 25)):
        r = rng.random()
        if r < 0.65:
            parts.append(rng.choice(WORDS))
        elif r < 0.8:
            parts.append(odd_case(rng, rng.choice(BRANDS)))
        elif r < 0.9:
            parts.append(rng.choice(ODD))
        else:
            parts.append(parts[-1] if parts else "the")  # a doubled word
    s = " ".join(parts)
    if rng.random() < 0.7:
        s = s[:1].upper() + s[1:] + rng.choice([".", ".", "!", "?", "", "…"])
    if rng.random() < 0.1:
        s = s.title()  # Title Case mid-sentence
    if rng.random() < 0.1:
        s = rng.choice(["“", '"', "'"]) + s + rng.choice(["”", '"', "'", ""])
    return s


def article(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(0, 14)):
        r = rng.random()
        if r < 0.55:
            lines.append(" ".join(sentence(rng) for _ in range(rng.randint(1, 4))))
        elif r < 0.7:
            lines.append(rng.choice(BOILERPLATE))
        elif r < 0.8:
            lines.append(" | ".join(odd_case(rng, rng.choice(BRANDS + WORDS)) for _ in range(rng.randint(2, 7))))
        elif r < 0.88:
            lines.append("")
        elif r < 0.94:
            lines.append(rng.choice(["# ", "## ", "- ", "* ", "> ", "1. ", "| a | b |", "```", "---"]) + sentence(rng))
        else:
            lines.append(sentence(rng).upper())
    if rng.random() < 0.5:  # one newline style, or a mix
        nl = rng.choice(NEWLINES)
        text = nl.join(lines)
    else:
        text = "".join(line + rng.choice(NEWLINES) for line in lines)
    if rng.random() < 0.5:
        text += rng.choice(NEWLINES)
    return text


_RANGES = [(0x20, 0x7E), (0x00, 0x1F), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF),
           (0x590, 0x6FF), (0x2000, 0x206F), (0x2100, 0x22FF), (0x3000, 0x30FF), (0x4E00, 0x4FFF),
           (0xFE00, 0xFFFF), (0xFF00, 0xFFEF), (0x1F300, 0x1FAFF), (0x10000, 0x10FFFF)]


def random_unicode(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(0, 400)):
        lo, hi = rng.choice(_RANGES)
        c = chr(rng.randint(lo, hi))
        if "\ud800" <= c <= "\udfff":
            continue
        out.append(c)
        if rng.random() < 0.08:
            out.append(rng.choice(NEWLINES))
    return "".join(out)


def random_bytes(rng: random.Random) -> bytes:
    n = rng.randint(0, 2000)
    if rng.random() < 0.5:  # mostly printable with a few bad bytes: the near misses
        data = bytearray(article(rng).encode("utf-8", "surrogatepass"))
        for _ in range(rng.randint(1, 4)):
            if data:
                data[rng.randrange(len(data))] = rng.randint(0x80, 0xFF)
        return bytes(data)
    return bytes(rng.getrandbits(8) for _ in range(n))


def to_bytes(rng: random.Random, text: str) -> bytes:
    r = rng.random()
    if r < 0.75:
        return text.encode("utf-8")
    if r < 0.85:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if r < 0.93:
        return b"\xff\xfe" + text.encode("utf-16-le")
    return b"\xfe\xff" + text.encode("utf-16-be")


GENERATORS = {
    "article": lambda rng: to_bytes(rng, article(rng)),
    "unicode": lambda rng: to_bytes(rng, random_unicode(rng)),
    "mixed": lambda rng: to_bytes(rng, article(rng) + random_unicode(rng)[:80] + article(rng)),
    "bytes": random_bytes,
}
WEIGHTS = {"article": 6, "unicode": 2, "mixed": 2, "bytes": 1}


def file_name(rng: random.Random, i: int) -> str:
    stem = rng.choice(["doc", "Doc with spaces", "ünïcødé", "-dash", "a.b", "文章"])
    return f"{i:03}-{stem}{'.md' if rng.random() < 0.25 else '.txt'}"


def source_fingerprint() -> tuple:
    """Sizes and times of the code and rule files: the child processes read them afresh,
    so expectations computed here must be rebuilt when someone edits them mid-run."""
    files = [*sorted((REPO / "cleanup").rglob("*.py")), *sorted((REPO / "rules").rglob("*"))]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.is_file())


class Fuzzer:
    def __init__(self, seed: int, batch: int, keep: Path):
        self.rng = random.Random(seed)
        self.seed, self.batch, self.keep = seed, batch, keep
        self.cleaner = Cleaner(grammar=False)
        self.fingerprint = source_fingerprint()
        self.reloads = 0
        self.files: collections.Counter[tuple[str, str]] = collections.Counter()
        self.exits: collections.Counter[int] = collections.Counter()
        self.problems: collections.Counter[str] = collections.Counter()
        self.examples: list[str] = []
        self.rounds = 0

    def expected(self, path: Path, data: bytes) -> bytes | None:
        """The bytes `fix` must leave: None when the file cannot be decoded (then: unchanged)."""
        decoded = decode(data, None)
        if decoded.text is None:
            return None
        result = self.cleaner.clean(decoded.text, markdown=is_markdown(path))
        return encode(result.text, decoded.encoding) if result.changed else data

    def problem(self, kind: str, detail: str, folder: Path) -> None:
        self.problems[kind] += 1
        if len(self.examples) < 20:
            kept = self.keep / f"round-{self.rounds:04}"
            if not kept.exists():
                shutil.copytree(folder.parent / "originals", kept)
            self.examples.append(f"{kind}: {detail} (inputs in {kept})")

    def round(self, work: Path) -> None:
        self.rounds += 1
        if source_fingerprint() != self.fingerprint:  # in a live tree: start afresh
            self.reload()
        folder, originals = work / "docs", work / "originals"
        for d in (folder, originals):
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
        cases: dict[str, tuple[str, bytes, bytes | None]] = {}
        names = list(GENERATORS)
        decodable_only = self.rounds % 2 == 0  # half the rounds must exit 0: no undecodable file in them
        for i in range(self.batch):
            name = file_name(self.rng, i)
            for _ in range(20):
                gen = self.rng.choices(names, weights=[WEIGHTS[n] for n in names])[0]
                data = GENERATORS[gen](self.rng)
                if not decodable_only or decode(data, None).text is not None:
                    break
            else:
                gen, data = "article", article(self.rng).encode()
            (folder / name).write_bytes(data)
            (originals / name).write_bytes(data)
            cases[name] = (gen, data, self.expected(folder / name, data))
        if source_fingerprint() != self.fingerprint:  # edited while this round was made: skip it
            self.rounds -= 1
            return
        try:
            proc = subprocess.run([sys.executable, "-m", "cleanup", "fix", "--no-grammar", "-q", str(folder)],
                                  cwd=work, env={**os.environ, "PYTHONPATH": str(REPO)},
                                  capture_output=True, text=True, errors="replace", timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.exits[-1] += 1
            self.problem("hang", f"no exit within {RUN_TIMEOUT}s", folder)
            return
        if source_fingerprint() != self.fingerprint:  # edited while the command ran: not comparable
            self.rounds -= 1
            return
        self.exits[proc.returncode] += 1
        refused = [n for n, (_, _, exp) in cases.items() if exp is None]
        if proc.returncode not in (0, 1, 2):
            self.problem("exit-code", f"exit {proc.returncode}", folder)
        elif proc.returncode != (2 if refused else 0):
            self.problem("exit-code", f"exit {proc.returncode} with {len(refused)} undecodable files", folder)
        if "Traceback" in proc.stderr:
            self.problem("traceback", proc.stderr.strip().splitlines()[-1][:200], folder)
        errors = [l for l in proc.stderr.splitlines() if l.startswith("error:")]
        if len(errors) != len(refused):
            self.problem("error-lines", f"{len(errors)} error lines for {len(refused)} undecodable files", folder)
        for name, (gen, data, exp) in cases.items():
            now = (folder / name).read_bytes()
            if exp is None:
                outcome = "refused"
                if now != data:
                    self.problem("refused-file-changed", name, folder)
            elif now == exp:
                outcome = "unchanged" if exp == data else "cleaned"
            elif now == data:
                outcome = "not-cleaned"
                self.problem("not-cleaned", name, folder)
            else:
                outcome = "wrong"
                self.problem("neither-original-nor-clean", name, folder)
            self.files[(gen, outcome)] += 1
        leftovers = [p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]
        if leftovers:
            self.problem("temp-file-left", ", ".join(leftovers), folder)

    def reload(self) -> None:
        """Rebuild the expectations' Cleaner from the edited sources (a fresh interpreter
        state for the cleanup package, as the child processes have)."""
        for name in [m for m in sys.modules if m == "cleanup" or m.startswith("cleanup.")]:
            del sys.modules[name]
        import cleanup
        global decode, encode, is_markdown
        from cleanup.fileio import decode, encode
        from cleanup.files import is_markdown
        self.cleaner = cleanup.Cleaner(grammar=False)
        self.fingerprint = source_fingerprint()
        self.reloads += 1

    def table(self) -> str:
        outcomes = ["cleaned", "unchanged", "refused", "not-cleaned", "wrong"]
        rows = [f"{'generator':<10}" + "".join(f"{o:>13}" for o in outcomes) + f"{'total':>8}"]
        for gen in GENERATORS:
            counts = [self.files[(gen, o)] for o in outcomes]
            rows.append(f"{gen:<10}" + "".join(f"{c:>13}" for c in counts) + f"{sum(counts):>8}")
        total = [sum(self.files[(g, o)] for g in GENERATORS) for o in outcomes]
        rows.append(f"{'all':<10}" + "".join(f"{c:>13}" for c in total) + f"{sum(total):>8}")
        rows.append("")
        if self.reloads:
            rows.append(f"source files changed during the run: expectations rebuilt {self.reloads} times")
        rows.append(f"rounds: {self.rounds}; exit codes: "
                    + (", ".join(f"{'hang' if k == -1 else k}: {v}" for k, v in sorted(self.exits.items())) or "-"))
        rows.append("problems: " + (", ".join(f"{k}: {v}" for k, v in sorted(self.problems.items())) or "none"))
        rows.extend(f"  {e}" for e in self.examples)
        rows.append(f"seed: {self.seed}")
        return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    ap.add_argument("--batch", type=int, default=30, help="files per command run (default 30)")
    ap.add_argument("--keep", type=Path, default=None, help="folder for the inputs of failing rounds")
    args = ap.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 2**32
    keep = args.keep or Path(tempfile.mkdtemp(prefix="cleanup-fuzz-failures-"))
    fuzzer = Fuzzer(seed, args.batch, keep)
    deadline = time.monotonic() + args.seconds
    with tempfile.TemporaryDirectory(prefix="cleanup-fuzz-") as tmp:
        while True:
            fuzzer.round(Path(tmp))
            if time.monotonic() >= deadline:
                break
    print(fuzzer.table())
    if not fuzzer.problems and args.keep is None:
        shutil.rmtree(keep, ignore_errors=True)
    return 1 if fuzzer.problems else 0


if __name__ == "__main__":
    sys.exit(main())
