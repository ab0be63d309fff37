"""`cmdesk sync` beside newsboat (Debian's `newsboat`, the C++ feed reader a user who only wants feeds would pick) on
the same feeds from the same loopback server: wall time and the peak RSS of each one's whole process tree, sampled
every 50 ms from outside (tests/support/processes.tree_rss). newsboat reloads with `reload-threads 2` (this
machine's two cores, as cmdesk's two parser workers); each starts on an empty cache.

Used by bench/ingest.py --newsboat; runs alone too: python bench/beside_newsboat.py [--feeds 60] [--entries 1000]
[--runs 3] (each reader that many times, alternately: the best time of each and the highest peak of each compared)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
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


def sync_environment(tree: Path, folder: Path) -> dict[str, str]:
    """What `cmdesk sync` runs with: `tree`'s code, and a keyring file of `folder`'s own."""
    return {**os.environ, "PYTHON_KEYRING_BACKEND": BACKEND, "CMDESK_TEST_KEYRING": str(folder / "keyring.json"),
            "PYTHONPATH": f"{tree / 'src'}:{tree}"}  # fmt: skip


def cmdesk_sync(folder: Path, urls: list[str], setup: object) -> Run:
    """`cmdesk sync` of these feeds, in a data folder of its own."""
    data = folder / "cmdesk"
    database = Database.open(data)
    setup(database, urls)  # type: ignore[operator]
    database.close()
    env = sync_environment(ROOT, folder)
    return sampled([sys.executable, "-m", "cmdesk", "--data-dir", str(data), "sync"], env, LIMIT)


def stored_in_cmdesk(folder: Path) -> str:
    """How many messages `cmdesk sync` stored, and how many of them it judged (language and sentiment)."""
    from ingest import stored_and_unjudged  # bench/ingest.py

    database = Database.open(folder / "cmdesk")
    try:
        stored, unjudged = stored_and_unjudged(database)
    finally:
        database.close()
    return f"{stored:,} messages stored, {stored - unjudged:,} judged"


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


def compare(folder: Path, urls: list[str], setup: object, runs: int = 1) -> None:
    """Both, one after the other (`runs` times, alternately, each on a fresh data folder and cache), and a table: on
    a machine whose speed moves from run to run, the best of each says more than one run of each."""
    if shutil.which("newsboat") is None:
        print("newsboat is not installed (Debian: apt install newsboat): cmdesk alone")
    ours: list[Run] = []
    theirs: list[Run] = []
    for number in range(runs):
        run_folder = folder / f"run-{number}"
        run_folder.mkdir()
        ours.append(cmdesk_sync(run_folder, urls, setup))
        if ours[-1].returncode:
            print(ours[-1].output[-2000:])
        print(
            f"cmdesk sync:        {ours[-1].seconds:6.1f} s   peak tree RSS {ours[-1].peak_bytes / 1_048_576:5.0f} MB"
            f"   ({stored_in_cmdesk(run_folder)})"
        )
        if shutil.which("newsboat") is None:
            continue
        theirs.append(newsboat_reload(run_folder, urls))
        stored = entries_in_newsboat(run_folder)
        print(
            f"newsboat -x reload: {theirs[-1].seconds:6.1f} s   peak tree RSS {theirs[-1].peak_bytes / 1_048_576:5.0f} "
            f"MB   ({stored:,} entries stored)"
        )
    if not theirs:
        return
    best_ours, best_theirs = min(run.seconds for run in ours), min(run.seconds for run in theirs)
    peak_ours, peak_theirs = max(run.peak_bytes for run in ours), max(run.peak_bytes for run in theirs)
    time_ratio, memory_ratio = best_ours / best_theirs, peak_ours / peak_theirs
    if runs > 1:
        median_ours = statistics.median(run.seconds for run in ours)
        median_theirs = statistics.median(run.seconds for run in theirs)
        print(
            f"best of {runs}: cmdesk {best_ours:.1f} s (median {median_ours:.1f}), newsboat {best_theirs:.1f} s "
            f"(median {median_theirs:.1f}); highest peaks {peak_ours / 1_048_576:.0f} MB and "
            f"{peak_theirs / 1_048_576:.0f} MB"
        )
    print(f"cmdesk / newsboat: time {time_ratio:.2f}× (goal ≤ 1.0), memory {memory_ratio:.1f}× (goal ≤ 2.5)")


def main() -> None:
    from ingest import served, setup_accounts  # bench/ingest.py

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=60)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=1, help="each reader this many times, alternately (best counts)")
    common.add_body_arguments(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp, served(Path(temp) / "www") as base:
        urls = common.write_feeds(Path(temp) / "www", args.feeds, args.entries, base, args.body)
        print(f"{args.feeds} feeds × {args.entries} entries")
        compare(Path(temp), urls, setup_accounts, args.runs)


if __name__ == "__main__":
    main()
