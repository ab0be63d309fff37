"""`cmdesk sync` beside newsboat (Debian's `newsboat`, the C++ feed reader a user who only wants feeds would pick) on
the same feeds from the same loopback server: wall time and the peak RSS of each one's whole process tree, sampled
every 50 ms from outside (tests/support/processes.tree_rss). newsboat reloads with `reload-threads 2` (this
machine's two cores, as cmdesk's two parser workers); each starts on an empty cache.

Used by bench/ingest.py --newsboat; runs alone too: python bench/beside_newsboat.py [--feeds 60] [--entries 1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import common

from cmdesk.storage.database import Database
from tests.support.file_keyring import BACKEND
from tests.support.processes import Run, sampled

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 600.0
"""Seconds either reader may take before it is killed."""


def cmdesk_sync(folder: Path, urls: list[str], setup: object) -> Run:
    """`cmdesk sync` of these feeds, in a data folder of its own."""
    data = folder / "cmdesk"
    database = Database.open(data)
    setup(database, urls)  # type: ignore[operator]
    database.close()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(folder / "keyring.json"),
           "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}  # fmt: skip
    return sampled([sys.executable, "-m", "cmdesk", "--data-dir", str(data), "sync"], env, LIMIT)


def newsboat_reload(folder: Path, urls: list[str]) -> Run:
    """`newsboat -x reload` of these feeds, on an empty cache, with two reload threads."""
    home = folder / "newsboat"
    home.mkdir()
    (home / "urls").write_text("".join(f"{url}\n" for url in urls))
    (home / "config").write_text("reload-threads 2\n")
    command = ["newsboat", "-x", "reload", "-u", str(home / "urls"), "-c", str(home / "cache.db"),
               "-C", str(home / "config")]  # fmt: skip
    return sampled(command, {**os.environ, "HOME": str(home)}, LIMIT)


def entries_in_newsboat(folder: Path) -> int:
    import sqlite3

    with sqlite3.connect(folder / "newsboat" / "cache.db") as connection:
        return int(connection.execute("SELECT count(*) FROM rss_item").fetchone()[0])


def compare(folder: Path, urls: list[str], setup: object) -> None:
    """Both, one after the other, and a table."""
    if shutil.which("newsboat") is None:
        print("newsboat is not installed (Debian: apt install newsboat): cmdesk alone")
    ours = cmdesk_sync(folder, urls, setup)
    if ours.returncode:
        print(ours.output[-2000:])
    print(f"cmdesk sync:        {ours.seconds:6.1f} s   peak tree RSS {ours.peak_bytes / 1_048_576:5.0f} MB")
    if shutil.which("newsboat") is None:
        return
    theirs = newsboat_reload(folder, urls)
    stored = entries_in_newsboat(folder)
    print(
        f"newsboat -x reload: {theirs.seconds:6.1f} s   peak tree RSS {theirs.peak_bytes / 1_048_576:5.0f} MB   "
        f"({stored:,} entries stored)"
    )
    print(
        f"cmdesk / newsboat: time {ours.seconds / theirs.seconds:.2f}× (goal ≤ 1.0), "
        f"memory {ours.peak_bytes / theirs.peak_bytes:.1f}× (goal ≤ 2.5)"
    )


def main() -> None:
    from ingest import served, setup_accounts  # bench/ingest.py

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=60)
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, served(Path(temp) / "www") as base:
        for feed in range(args.feeds):
            (Path(temp) / "www" / f"{feed}.xml").write_bytes(common.rss_feed(feed, args.entries, base))
        print(f"{args.feeds} feeds × {args.entries} entries")
        compare(Path(temp), [f"{base}/{feed}.xml" for feed in range(args.feeds)], setup_accounts)


if __name__ == "__main__":
    main()
