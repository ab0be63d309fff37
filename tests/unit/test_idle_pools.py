"""Process pools that stop when idle (connectors/idle_pools.py): the feed parsers and the judging process no
longer stay in memory between sync passes, and start again with the next task."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor

from cmdesk.connectors.feeds.connector import parser_pool
from cmdesk.connectors.idle_pools import IDLE_SECONDS, IdlePool
from cmdesk.sync.judging import judging_pool


def _processes() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


def _wait_until(condition: object, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_pool_stops_its_processes_when_idle_and_starts_again() -> None:
    made: list[ProcessPoolExecutor] = []

    def make() -> ProcessPoolExecutor:
        made.append(_processes())
        return made[-1]

    pool = IdlePool(make, idle_seconds=0.3)
    try:
        assert not pool.running, "nothing started before the first task"
        first = pool.submit(os.getpid).result(timeout=30)
        assert pool.running and _alive(first)
        assert _wait_until(lambda: not pool.running), "stopped after 0.3 s with nothing to do"
        assert _wait_until(lambda: not _alive(first)), "its process ended"
        second = pool.submit(os.getpid).result(timeout=30)
        assert second != first and len(made) == 2, "the next task started a fresh process"
    finally:
        pool.shutdown()


def test_a_long_task_is_not_stopped_under_it() -> None:
    pool = IdlePool(_processes, idle_seconds=0.2)
    try:
        pool.submit(os.getpid).result(timeout=30)
        slow = pool.submit(time.sleep, 0.8)
        time.sleep(0.4)
        assert pool.running, "busy: not stopped, though idle_seconds passed since the last task ended"
        slow.result(timeout=30)
        assert _wait_until(lambda: not pool.running)
    finally:
        pool.shutdown()


def test_a_steady_trickle_keeps_the_processes() -> None:
    pool = IdlePool(_processes, idle_seconds=0.5)
    try:
        pid = pool.submit(os.getpid).result(timeout=30)
        for _ in range(8):
            time.sleep(0.1)
            assert pool.submit(os.getpid).result(timeout=30) == pid, "one process throughout"
    finally:
        pool.shutdown()


def test_the_parsers_and_the_judge_stop_after_a_minute_idle() -> None:
    assert IDLE_SECONDS == 60.0
    for pool in (parser_pool(), judging_pool()):
        assert isinstance(pool, IdlePool) and pool._idle == IDLE_SECONDS
