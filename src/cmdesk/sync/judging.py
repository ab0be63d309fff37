"""Judging messages (their language and sentiment) in a child process: in the window, the rules' Python loops on
the writer thread took the GIL from the event loop (stalls of 60–130 ms while a 100,000-entry feed history was
judged); in a process of its own they run on the other core and the loop never waits. One worker, started on first
use ("spawn", safe beside Qt), dies with its parent; it loads the language model and lexicons once."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from cmdesk.analysis.learning import Corrections
from cmdesk.connectors.idle_pools import IdlePool


def _start(parent: int) -> None:
    from cmdesk.analysis.language import language_of
    from cmdesk.analysis.sentiment import sentiment_of
    from cmdesk.connectors.child_processes import die_with_parent

    die_with_parent(parent)
    try:
        # Background work: on a 2-core laptop the window's own threads come first (measured: with the judge at
        # the same priority, the event loop was descheduled for 50–80 ms at times during a large sync).
        os.nice(10)
    except OSError:  # not allowed here: judging still works, at the same priority
        pass
    language_of("bonjour à tous")  # the model and the lexicons load now, not with the first batch
    sentiment_of("merci", "fr")
    sentiment_of("thanks", "en")


@dataclass(frozen=True, slots=True)
class Parcel:
    """A model learnt from corrections, on its way to the judging processes: pickled once in the parent (`key`
    names it), unpickled once in each process, which keeps it for the next batches. Sent as it is, a model learnt
    from 300 corrections (1.2 MB) was pickled and unpickled again for every batch: 30–60 ms each way, more than
    judging a Mastodon page."""

    key: str
    data: bytes

    @classmethod
    def of(cls, model: Corrections) -> Parcel:
        return cls(os.urandom(8).hex(), pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))


_unpacked: dict[str, Corrections] = {}
"""In a judging process: the last model it was sent, by its parcel's key."""


def _model_of(model: Corrections | Parcel) -> Corrections:
    if isinstance(model, Corrections):
        return model
    found = _unpacked.get(model.key)
    if found is None:
        _unpacked.clear()
        found = _unpacked[model.key] = pickle.loads(model.data)
    return found


def judge_many(model: Corrections | Parcel, texts: Sequence[tuple[str, str]]) -> list[tuple[str, float, str]]:
    """(label, score, language) of each (text, language known or "")."""
    model = _model_of(model)
    verdicts = []
    for text, language in texts:
        verdict = model.judge(text, language)
        verdicts.append((verdict.label, verdict.score, verdict.language))
    return verdicts


def _judging_process() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start, initargs=(os.getpid(),)
    )


_pool = IdlePool(_judging_process)
"""The judging process, started by the first batch and stopped when a minute has passed without one (its language
model is loaded again at the next pass: connectors/idle_pools.py)."""


def judging_pool() -> IdlePool:
    return _pool


def shutdown() -> None:
    """Stop the judging process now (the window's quit); a later batch would start it again."""
    _pool.shutdown(wait=False, cancel_futures=True)
