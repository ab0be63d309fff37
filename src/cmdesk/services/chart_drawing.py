"""Drawing the window's report charts in a child process. matplotlib is Python through and through: drawing a
month's three charts (250 ms) on the window's reading thread took the GIL from the event loop, which stalled for
65–110 ms each time a period was chosen (bench/report.py); in a process of its own it draws on the other core and the
window waits for nothing. One worker, started on first use ("spawn", safe beside Qt), dies with its parent and
imports matplotlib once; the window itself never imports it. If the worker cannot be started or dies, the charts are
drawn here instead, so they are never missing."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from dataclasses import replace

from cmdesk.domain.reporting import ReportData
from cmdesk.reports.screen_charts import WIDTH_PIXELS, RenderedChart, render

log = logging.getLogger(__name__)

_pool: ProcessPoolExecutor | None = None
_lock = threading.Lock()


def _start(parent: int) -> None:
    from cmdesk.connectors.child_processes import die_with_parent

    die_with_parent(parent)
    import matplotlib.backends.backend_agg  # noqa: F401 - imported now, not with the first chart


def _drawing_pool() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(os.getpid(),),
            )
        return _pool


def draw(
    data: ReportData, language: str, numbers: Sequence[int] | None = None, width: int = WIDTH_PIXELS
) -> list[RenderedChart]:
    """The report's charts (those `numbers`, else all; `width` pixels wide) drawn in the worker; waits for them
    (call it off the window's thread: waiting does not hold the GIL)."""
    global _pool
    try:
        return _drawing_pool().submit(render, _counts_only(data), language, numbers, width).result()
    except (BrokenExecutor, OSError) as error:
        log.warning("charts drawn in the window's process: the drawing worker failed (%s)", error)
        with _lock:
            _pool = None
        return render(data, language, numbers, width)


def _counts_only(data: ReportData) -> ReportData:
    """What the charts need of a report (its counts), without its lines: nothing large crosses to the worker."""
    return replace(data, lines=(), top_terms=(), top_contacts=(), posts=(), alerts=())


def shutdown() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None


__all__ = ["draw", "shutdown"]
