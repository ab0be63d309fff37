"""Crash safety of ingest: `cmdesk sync` killed with SIGKILL at random instants, then run again to completion.

Every trial must end with each entry stored exactly once, the search index consistent with the messages, and the
cursor in step (a final sync finds nothing new). This exercises the real process, SQLite's WAL recovery and the
one-transaction-per-page rule, not a simulation.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.feedserver import FeedServer, Route

FEEDS = 4
ENTRIES = 1500
TRIALS = 8


def big_feed(base: str, feed: int) -> bytes:
    items = "".join(
        f"<item><guid>f{feed}-e{n}</guid><title>Entry {n}</title><link>{base}/{feed}/{n}</link>"
        f"<description>Message {n} of feed {feed}, levain et croissants.</description></item>"
        for n in range(ENTRIES)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'.encode()
    )


def run(data: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {key: value for key, value in os.environ.items() if key != "CMDESK_DATA_DIR"}
    return subprocess.Popen(
        [sys.executable, "-m", "cmdesk", *args, "--data-dir", str(data)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def stored(data: Path) -> int:
    try:
        with sqlite3.connect(f"file:{data / 'cmdesk.sqlite3'}?mode=ro", uri=True, timeout=0.2) as db:
            return int(db.execute("SELECT count(*) FROM messages").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], deadline: float = 60) -> bool:
    """SIGKILL the process (and its parser workers) as soon as `ready()` holds; False if it finished first."""
    limit = time.monotonic() + deadline
    while time.monotonic() < limit and process.poll() is None:
        if ready():
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(60)
            return True
        time.sleep(0.005)
    process.wait(60)
    return False


def crash_then_finish(data: Path, urls: list[str], total: int, rng: random.Random) -> bool:
    """Kill a first sync once a random number of entries is stored, a second after a random pause, then let a
    third finish. True when the first kill landed mid-ingest."""
    for url in urls:
        assert run(data, "account", "add", "feed", url, "--no-check").wait(60) == 0
    target = rng.randint(1, total - 1)
    landed = kill_when(run(data, "sync"), lambda: stored(data) >= target) and stored(data) < total
    started, pause = time.monotonic(), rng.uniform(0.05, 1.5)
    kill_when(run(data, "sync"), lambda: time.monotonic() - started > pause)
    finishing = run(data, "sync")
    assert finishing.wait(120) == 0, finishing.stderr.read() if finishing.stderr else ""
    return landed


def test_kill_during_sync_loses_and_doubles_nothing(tmp_path: Path, feed_server: FeedServer) -> None:
    rng = random.Random(2026)
    total = FEEDS * ENTRIES
    urls = [feed_server.add(f"/feed/{n}", Route(big_feed(feed_server.base, n))) for n in range(FEEDS)]
    mid_ingest_kills = 0
    for trial in range(TRIALS):
        data = tmp_path / f"trial-{trial}"
        mid_ingest_kills += crash_then_finish(data, urls, total, rng)
        with sqlite3.connect(data / "cmdesk.sqlite3") as db:
            count, distinct = db.execute(
                "SELECT count(*), count(DISTINCT account_id || remote_id) FROM messages"
            ).fetchone()
            assert (count, distinct) == (total, total), f"trial {trial}"
            assert db.execute("SELECT count(*) FROM conversations").fetchone() == (total,)
            assert db.execute("SELECT sum(message_count) FROM conversations").fetchone() == (total,)
            db.execute("INSERT INTO message_fts(message_fts) VALUES ('integrity-check')")
            matches = db.execute("SELECT count(*) FROM message_fts WHERE message_fts MATCH 'croissants'").fetchone()
            assert matches == (total,)
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert mid_ingest_kills >= TRIALS // 2, f"only {mid_ingest_kills} kills landed mid-ingest"
