"""The background warm-up of `cleanup grammar start` (cleanup/grammar/warmup.py)."""
from __future__ import annotations

import os
import time

from cleanup.grammar import warmup


def test_warm_up_text_never_repeats_a_sentence_within_the_rounds():
    # LanguageTool answers a repeated sentence from its cache, which would warm nothing.
    base = warmup.sentences()
    assert len(base) >= 40
    rounds = 50
    varied = [warmup.vary(s, warmup.OPENERS[(r + i) % len(warmup.OPENERS)],
                          warmup.CLOSERS[(7 * r + i) % len(warmup.CLOSERS)])
              for r in range(rounds) for i, s in enumerate(base)]
    assert len(set(varied)) == len(varied)


def test_pieces_stop_at_the_budget_and_stay_short():
    texts = list(warmup.pieces(50_000))
    total = sum(map(len, texts))
    assert 50_000 <= total < 50_000 + 2 * warmup.PIECE + 400
    assert all(len(t) < 2 * warmup.PIECE + 400 for t in texts)
    assert len(set(texts)) == len(texts)


def test_vary_keeps_a_readable_sentence():
    assert warmup.vary("The team won.", "Meanwhile, ", ", he added") == "Meanwhile, the team won, he added."
    assert warmup.vary("A guided tour starts.", "In 2021, ", "") == "In 2021, a guided tour starts."
    assert warmup.vary("IBM said so.", "Last year, ", "") == "Last year, IBM said so."


def test_warm_up_checks_until_the_budget(lt_url):
    done = warmup.warm_up(lt_url, budget=3_000)
    assert done >= 3_000


def test_warm_up_stops_when_a_real_check_uses_the_server(tmp_path, lt_url):
    last_used = tmp_path / "server.last-used"
    last_used.touch()
    stop = warmup.used_since(last_used, time.time() + 1)
    assert not stop()
    later = time.time() + 5
    os.utime(last_used, (later, later))  # what GrammarStage's touch() does on a real check
    assert stop()
    assert warmup.warm_up(lt_url, budget=100_000, stop=stop) == 0


def test_warm_up_gives_up_quietly_on_a_dead_server():
    assert warmup.warm_up("http://127.0.0.1:9", budget=10_000) == 0
