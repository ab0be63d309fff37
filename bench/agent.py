"""The background agent's cost (issue 15, finding 14; goal: idle memory < 100 MB): `cmdesk agent` on a data folder
of --feeds feeds × --entries entries served on loopback. Prints, from outside the process (its whole process tree's
RSS, sampled every 50 ms): the peak while its first pass syncs everything, the RSS once that pass has ended (the
agent waits in its light parent process), and how long a pass takes to stop when a window starts.

Usage: python bench/agent.py [--feeds 60] [--entries 500]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from ingest import served, setup_accounts

from cmdesk.storage import presence
from cmdesk.storage.database import DB_FILENAME, Database
from tests.support.processes import descendants, tree_rss


def messages(data: Path) -> int:
    connection = sqlite3.connect(f"file:{data / DB_FILENAME}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM messages").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        connection.close()


def wait_for(check, timeout: float, sample) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while not check():
        sample()
        if time.monotonic() - started > timeout:
            raise SystemExit("gave up waiting")
        time.sleep(0.05)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=60)
    parser.add_argument("--entries", type=int, default=500)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with served(root / "www") as base:
            urls = common.write_feeds(root / "www", options.feeds, options.entries, base)
            data = root / "data"
            database = Database.open(data)
            setup_accounts(database, urls)
            database.close()
            expected = options.feeds * options.entries
            agent = subprocess.Popen(
                [sys.executable, "-m", "cmdesk", "agent", "--data-dir", str(data)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": str(common.ROOT / "src")},
            )
            peak = 0

            def sample() -> None:
                nonlocal peak
                peak = max(peak, tree_rss(agent.pid))

            try:
                synced = wait_for(lambda: messages(data) >= expected, 600, sample)
                wait_for(lambda: not descendants(agent.pid), 120, sample)  # the pass has ended
                idle = [tree_rss(agent.pid) for _ in range(20) if time.sleep(0.1) is None]
                window = presence.Presence(data, presence.WINDOW)
                waiting = [tree_rss(agent.pid) for _ in range(20) if time.sleep(0.1) is None]
                window.release()
            finally:
                agent.terminate()
                agent.wait(30)
    mb = 1_048_576
    print(f"agent: {options.feeds} feeds x {options.entries} entries = {expected:,} messages")
    print(f"  first sync of everything: {synced:.1f} s, process tree peak {peak / mb:.0f} MB")
    print(f"  idle after the pass (the light parent alone): {max(idle) / mb:.0f} MB  (goal < 100 MB)")
    print(f"  waiting while a window runs: {max(waiting) / mb:.0f} MB")


if __name__ == "__main__":
    main()
