"""The idle window's memory (issue 23): `cmdesk gui` started on the demo workspace and on the 1,000,000-message
database, left alone until its background start (engine, judging and parser processes, the first syncs) is over,
then the RSS of its main process and of its whole process tree sampled every 50 ms for a few seconds, from outside
(tests/support/processes). The window runs on Qt's offscreen platform, so no display is needed.

Then a third case: the window on a workspace of 20 feeds × 1,000 entries served on loopback, once its first sync
has written them all, and a minute later, when its parser and judging processes have had nothing to do.

Usage: python bench/idle.py [--db /tmp/cmdesk-bench-1m] [--settle 20] [--sample 5] [--feeds 20]
(the 1M database is built by bench/query.py the first time; without it only the demo is measured)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common  # first: it puts src/ and the project root on sys.path

from tests.support.file_keyring import BACKEND
from tests.support.processes import PAGE, descendants

ROOT = Path(__file__).resolve().parents[1]


def rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0


def start_window(data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": BACKEND,
           "CMDESK_TEST_KEYRING": str(data_dir / "keyring.json"), "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}  # fmt: skip
    command = [sys.executable, "-m", "cmdesk", "gui", "--data-dir", str(data_dir), *extra]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def sampled_memory(process: subprocess.Popen[str], sample: float) -> tuple[float, float, int]:
    """(main process MB, whole tree MB, processes), the medians over `sample` seconds."""
    if process.poll() is not None:
        raise SystemExit(f"cmdesk gui stopped: {process.stderr.read() if process.stderr else ''}")
    mains, trees, counts = [], [], []
    ends = time.monotonic() + sample
    while time.monotonic() < ends:
        members = {process.pid} | descendants(process.pid)
        mains.append(rss(process.pid))
        trees.append(sum(rss(member) for member in members))
        counts.append(len(members))
        time.sleep(0.05)
    middle = len(mains) // 2
    return sorted(mains)[middle] / 1_048_576, sorted(trees)[middle] / 1_048_576, max(counts)


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def idle_memory(data_dir: Path, settle: float, sample: float, *extra: str) -> tuple[float, float, int]:
    """(main process MB, whole tree MB, processes), the medians over the sample, after `settle` seconds."""
    process = start_window(data_dir, *extra)
    try:
        time.sleep(settle)
        return sampled_memory(process, sample)
    finally:
        stop(process)


def messages_in(data_dir: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{data_dir / 'cmdesk.sqlite3'}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM messages").fetchone()[0])
    except sqlite3.Error:
        return 0


def after_feeds(feeds: int, sample: float) -> None:
    """The window on a workspace of `feeds` feeds × 1,000 entries served on loopback: its memory once the first
    sync has written them all, and again when the parser and judging processes have had a minute with nothing to
    do (connectors/idle_pools.py)."""
    from ingest import served, setup_accounts  # bench/ingest.py

    from cmdesk.connectors.idle_pools import IDLE_SECONDS
    from cmdesk.storage.database import Database

    with tempfile.TemporaryDirectory() as temp, served(Path(temp) / "www") as base:
        urls = common.write_feeds(Path(temp) / "www", feeds, 1000, base)
        data = Path(temp) / "data"
        database = Database.open(data)
        setup_accounts(database, urls)
        database.close()
        process = start_window(data)
        try:
            started = time.monotonic()
            while messages_in(data) < feeds * 1000:
                if time.monotonic() - started > 600:
                    raise SystemExit(f"the window stored {messages_in(data)} of {feeds * 1000} entries in 10 minutes")
                time.sleep(0.5)
            synced = time.monotonic() - started
            time.sleep(5)  # the pass's judging and bad-buzz look end
            main_mb, tree_mb, count = sampled_memory(process, sample)
            print(
                f"window after syncing {feeds} feeds ({synced:.0f} s): main {main_mb:5.0f} MB, tree {tree_mb:5.0f} MB "
                f"({count} processes)"
            )
            time.sleep(IDLE_SECONDS + 5)
            main_mb, tree_mb, count = sampled_memory(process, sample)
            print(
                f"the same, {IDLE_SECONDS:.0f} s idle later:        main {main_mb:5.0f} MB, tree {tree_mb:5.0f} MB "
                f"({count} processes)"
            )
        finally:
            stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/cmdesk-bench-1m"))
    parser.add_argument("--settle", type=float, default=20.0, help="seconds left alone before sampling")
    parser.add_argument("--sample", type=float, default=5.0)
    parser.add_argument("--feeds", type=int, default=20, help="feeds × 1,000 entries the third case syncs (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        main_mb, tree_mb, count = idle_memory(Path(temp), args.settle, args.sample, "--demo-if-empty")
    print(f"idle window, demo workspace: main process {main_mb:5.0f} MB, tree {tree_mb:5.0f} MB ({count} processes)")
    if not (args.db / "cmdesk.sqlite3").exists():
        print(f"no database at {args.db}: build it with python bench/query.py --db {args.db}")
        return
    main_mb, tree_mb, count = idle_memory(args.db, args.settle, args.sample)
    print(f"idle window, 1M messages:    main process {main_mb:5.0f} MB, tree {tree_mb:5.0f} MB ({count} processes)")
    if args.feeds:
        after_feeds(args.feeds, args.sample)


if __name__ == "__main__":
    main()
