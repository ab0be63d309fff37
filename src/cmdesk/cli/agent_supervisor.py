"""The background agent's light parent process (`cmdesk agent`): it imports no SQLAlchemy, httpx or parser, and
reads in plain SQL when work is next due — an account's sync (storage/sync_due.py), a post to send or to hand to
its network's scheduler (storage/outbox_reads.py). Then it starts one sync pass in a child process
(`cmdesk agent --worker`, agent_cmd.py), which exits when the pass ends: whatever a pass allocates goes back to the
system with it, so a waiting agent costs one small process (bench/agent.py measures it).

While a cmdesk window runs on the data folder (storage/presence.py) the agent starts nothing, and a pass under way
is stopped (SIGTERM: the pass stops between transactions); when the window quits, the agent goes on.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from cmdesk.connectors import registry
from cmdesk.storage import outbox_reads, presence, sync_due
from cmdesk.storage.database import Database
from cmdesk.storage.timeutil import utcnow

log = logging.getLogger(__name__)
POLL_S = 3.0
"""How often the agent looks whether a window started or quit (a lock check: microseconds)."""
MIN_GAP = timedelta(seconds=10)
"""Between two passes at least this long, whatever says it is due (an account that keeps failing)."""
STOP_DEADLINE_S = 30.0


def next_work(data_dir: Path, now: datetime) -> datetime | None:
    """When a pass is next needed: the first account due, the first outbox entry due, or now when a post can go to
    its network's scheduler. Now when the database cannot be read here (the pass will say why)."""
    networks = registry.networks_where(lambda capabilities: capabilities.can_schedule_natively)
    database = Database.open(data_dir, migrate=False)
    try:
        with database.snapshot() as connection:
            times = list(sync_due.due_times(connection, now).values())
            sending = outbox_reads.next_send_time(connection, now, networks)
            if sending is not None:
                times.append(sending)
    except Exception as error:  # noqa: BLE001 - an older schema, a damaged file: the pass migrates or says why
        log.warning("cannot tell when work is due (%s): starting a pass", error)
        return now
    finally:
        database.close()
    return min(times) if times else None


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    try:
        async with asyncio.timeout(max(0.0, seconds)):
            await stop.wait()
    except TimeoutError:
        pass


async def _end(worker: subprocess.Popen[bytes]) -> int:
    if worker.poll() is None:
        worker.terminate()
        for _ in range(int(STOP_DEADLINE_S * 10)):
            if worker.poll() is not None:
                break
            await asyncio.sleep(0.1)
        else:
            worker.kill()
    return await asyncio.to_thread(worker.wait)


async def supervise(
    data_dir: Path,
    start_pass: Callable[[], subprocess.Popen[bytes]],
    stop: asyncio.Event,
    *,
    poll: float = POLL_S,
    clock: Callable[[], datetime] = utcnow,
) -> None:
    """Until `stop`: a pass whenever work is due and no window runs; a pass under way stops when a window starts."""
    worker: subprocess.Popen[bytes] | None = None
    last_start: datetime | None = None
    try:
        while not stop.is_set():
            if presence.holder(data_dir, presence.WINDOW) is not None:
                if worker is not None:
                    log.info("a window started: the agent stops its pass and waits")
                    await _end(worker)
                    worker = None
                await _wait(stop, poll)
                continue
            if worker is not None:
                code = worker.poll()
                if code is None:
                    await _wait(stop, poll)
                    continue
                log.log(logging.INFO if code == 0 else logging.WARNING, "pass ended (exit %s)", code)
                worker = None
            now = clock()
            due = await asyncio.to_thread(next_work, data_dir, now)
            earliest = last_start + MIN_GAP if last_start is not None else now
            if due is not None and due <= now and earliest <= now:
                log.info("no window on %s: a pass syncs and sends", data_dir)
                worker = start_pass()
                last_start = now
                continue
            wait = poll if due is None else min(poll, (max(due, earliest) - now).total_seconds())
            await _wait(stop, wait)
    finally:
        if worker is not None:
            await _end(worker)
