"""Where the engine has messages judged (language and sentiment): a pulled page in the judging processes before it
is written, so each message is written once, with its verdict (a feed's page of 1,000 entries used to be written
unjudged, read back, judged and written again: that second write was ~9 % of `cmdesk sync`'s writer thread, and
a pass judged at most 20,000 of them, leaving the rest of a large first sync unjudged); small pages as they are
written; and the backlog of messages written unjudged (a database from before sentiment existed, a page whose
judging took past its deadline), a batch per write."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import BrokenExecutor, Executor
from typing import Any

from cmdesk.analysis.learning import Corrections
from cmdesk.domain import Item, Page
from cmdesk.storage import ingest, listening
from cmdesk.storage.database import Database
from cmdesk.storage.ingest import Verdict
from cmdesk.storage.listening import text_of
from cmdesk.sync.judging import Parcel, judge_many

log = logging.getLogger(__name__)
OnWriter = Callable[..., Awaitable[Any]]

JUDGING_DEADLINE = 60.0
"""Seconds a batch's judging may take (1,000 entries take ~0.2 s); past it the page is written unjudged and the
backlog judge takes its messages up, so a stuck judging process never holds a page back for good."""
BACKLOG_BATCH = 500
BACKLOG_BATCHES = 40
"""Messages written unjudged are judged 500 to a write (~0.2 s of the writer: the window's own writes wait no
longer), at most 20,000 a pass (~8 s): a million-message database from before sentiment is judged over its first
passes."""
JUDGING_LOOKS_AGAIN = 0.5
"""Seconds between two looks for messages to judge while pages are still being pulled."""


class JudgingStopped(Exception):
    """The judging processes stopped (one was killed): judge on the writer thread from now on."""


class Judges:
    def __init__(
        self, database: Database, on_writer: OnWriter, judging: Executor | None, *, small_pages_here: bool
    ) -> None:
        """`on_writer`: runs a function on the engine's writer thread. `judging`: the judging processes (None:
        every message is judged on the writer thread). `small_pages_here`: small pages are judged as they are
        written even with `judging` (`cmdesk sync`: a sync of a few new toots never starts the processes)."""
        self._database = database
        self._on_writer = on_writer
        self.judging = judging
        self._small_pages_here = small_pages_here
        self._model: tuple[str, Corrections | Parcel] | None = None
        """The model key as last read, and what goes to the judging processes for it."""

    @property
    def inline(self) -> bool:
        """Whether a small page is judged as it is written (storage/ingest.JUDGED_INLINE)."""
        return self.judging is None or self._small_pages_here

    async def before_writing(self, page: Page) -> list[Verdict] | None:
        """The page's verdicts from the judging processes; None when the page is judged as it is written (a small
        one, or no judging processes) or left to the backlog (its judging took past the deadline)."""
        if self.judging is None or not page.items:
            return None
        if self._small_pages_here and len(page.items) <= ingest.JUDGED_INLINE:
            return None
        model = self._sent(*await self._on_writer(self._learning))
        try:
            return await judge_page(self.judging, model, page.items)
        except JudgingStopped:
            self._stopped()
            return None

    async def backlog(self, batches: int = BACKLOG_BATCHES, *, while_pulling: asyncio.Event | None = None) -> int:
        """Judge messages written unjudged, a batch per write so the writer stays free for pages; at most `batches`
        batches a pass. `while_pulling`: look again every JUDGING_LOOKS_AGAIN s until it is set (a page whose
        judging took too long is taken up during the pass). The pass's share is counted in messages, not looks."""
        judged = 0
        while judged < batches * BACKLOG_BATCH:
            done = await self._batch()
            judged += done
            if done < BACKLOG_BATCH:
                if while_pulling is None or while_pulling.is_set():
                    break
                try:
                    async with asyncio.timeout(JUDGING_LOOKS_AGAIN):
                        await while_pulling.wait()
                except TimeoutError:
                    pass
        return judged

    async def _batch(self) -> int:
        if self.judging is None:
            return int(await self._on_writer(self._judge_here))
        found = await self._on_writer(self._unjudged)
        if not found:
            return 0
        model = self._sent(*await self._on_writer(self._learning))
        texts = [(text, language) for _id, _conversation, text, language, _account, _direction in found]
        try:
            verdicts = await judge_texts(self.judging, model, texts)
        except JudgingStopped:
            self._stopped()
            return int(await self._on_writer(self._judge_here))
        if verdicts is None:  # the judging process is stuck: the next pass tries again
            return 0
        return int(await self._on_writer(self._store, found, verdicts))

    def _sent(self, key: str, corrections: list[tuple[str, str]] | None) -> Corrections | Parcel:
        """What goes to the judging processes: no corrections, the empty model; else a parcel of them, made again
        only when a correction changed them (`corrections` None: the key read last is still the data folder's)."""
        if corrections is not None or self._model is None:
            found = tuple(corrections or ())
            self._model = (key, Parcel(key, found) if found else Corrections())
        return self._model[1]

    def _stopped(self) -> None:
        log.warning("the judging process stopped; messages are judged on the writer thread from now on")
        self.judging = None

    def _judge_here(self) -> int:
        with self._database.write() as connection:
            return listening.backfill(connection, BACKLOG_BATCH)

    def _unjudged(self) -> list[tuple[Any, ...]]:
        with self._database.read() as connection:
            return listening.unjudged(connection, BACKLOG_BATCH)

    def _learning(self) -> tuple[str, list[tuple[str, str]] | None]:
        """The data folder's model key, and its corrections when they changed since the last parcel (reading them
        scans the corrected messages: once per correction, not once per page)."""
        with self._database.read() as connection:
            key = listening.model_key(connection)
            if self._model is not None and key == self._model[0]:
                return key, None
            return key, listening.corrections(connection)

    def _store(self, found: list[tuple[Any, ...]], verdicts: list[Verdict]) -> int:
        with self._database.write() as connection:
            return listening.judged(connection, found, verdicts)


async def judge_page(executor: Executor, model: Corrections | Parcel, items: Sequence[Item]) -> list[Verdict] | None:
    """The verdict of each item, in order (judge_texts)."""
    return await judge_texts(executor, model, [(text_of(item.title, item.text), "") for item in items])


async def judge_texts(
    executor: Executor,
    model: Corrections | Parcel,
    texts: Sequence[tuple[str, str]],
    *,
    deadline: float | None = None,
) -> list[Verdict] | None:
    """The verdict of each (text, language known or ""), in order, judged by the processes of `executor` (both
    halves at once: a pool of two judges them on both cores); None when they took longer than `deadline`
    (JUDGING_DEADLINE by default). Raises JudgingStopped when the processes are gone."""
    deadline = JUDGING_DEADLINE if deadline is None else deadline
    if not texts:
        return []
    loop = asyncio.get_running_loop()
    half = (len(texts) + 1) // 2
    try:
        async with asyncio.timeout(deadline):
            halves = await asyncio.gather(
                *(
                    loop.run_in_executor(executor, judge_many, model, texts[start : start + half])
                    for start in range(0, len(texts), half)
                )
            )
    except TimeoutError:
        log.warning("judging %d messages took over %.0f s; cmdesk stopped waiting", len(texts), deadline)
        return None
    except BrokenExecutor as error:
        raise JudgingStopped(str(error)) from error
    return [verdict for part in halves for verdict in part]
