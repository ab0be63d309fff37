"""Judging messages (their language and sentiment) in a child process: in the window, the rules' Python loops on
the writer thread took the GIL from the event loop (stalls of 60–130 ms while a 100,000-entry feed history was
judged); in a process of its own they run on the other core and the loop never waits. One worker, started on first
use ("spawn", safe beside Qt), dies with its parent; it loads the language model and lexicons once."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from cmdesk.analysis.learning import Corrections, learnt_once
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
    """What a model is learnt from (the user's corrections), on its way to the judging processes: each process
    learns it once, keeps it under `key` (it changes with every correction) and judges every later batch with it.
    The parent neither learns it (300 corrections took ~2 s of the writer thread, in the window's process) nor
    pickles it (1.2 MB for 300 corrections, unpickled again in the process for every batch)."""

    key: str
    corrections: tuple[tuple[str, str], ...]


def _model_of(model: Corrections | Parcel) -> Corrections:
    if isinstance(model, Corrections):
        return model
    return learnt_once(model.key, lambda: model.corrections)


def judge_many(model: Corrections | Parcel, texts: Sequence[tuple[str, str]]) -> list[tuple[str, float, str]]:
    """(label, score, language) of each (text, language known or "")."""
    return [(verdict.label, verdict.score, verdict.language) for verdict in _model_of(model).judge_all(texts)]


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
