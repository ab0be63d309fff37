"""The idle window's memory (issue 23): `cmdesk gui` started on the demo workspace and on the 1,000,000-message
database, left alone until its background start (engine, judging and parser processes, the first syncs) is over,
then the RSS of its main process and of its whole process tree sampled every 50 ms for a few seconds, from outside
(tests/support/processes). The window runs on Qt's offscreen platform, so no display is needed.

Usage: python bench/idle.py [--db /tmp/cmdesk-bench-1m] [--settle 20] [--sample 5]
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

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

from tests.support.file_keyring import BACKEND
from tests.support.processes import PAGE, descendants

ROOT = Path(__file__).resolve().parents[1]


def rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0


def idle_memory(data_dir: Path, settle: float, sample: float, *extra: str) -> tuple[float, float, int]:
    """(main process MB, whole tree MB, processes), the medians over the sample, after `settle` seconds."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": BACKEND,
           "CMDESK_TEST_KEYRING": str(data_dir / "keyring.json"), "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}  # fmt: skip
    command = [sys.executable, "-m", "cmdesk", "gui", "--data-dir", str(data_dir), *extra]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(settle)
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
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    middle = len(mains) // 2
    return sorted(mains)[middle] / 1_048_576, sorted(trees)[middle] / 1_048_576, max(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/cmdesk-bench-1m"))
    parser.add_argument("--settle", type=float, default=20.0, help="seconds left alone before sampling")
    parser.add_argument("--sample", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        main_mb, tree_mb, count = idle_memory(Path(temp), args.settle, args.sample, "--demo-if-empty")
    print(f"idle window, demo workspace: main process {main_mb:5.0f} MB, tree {tree_mb:5.0f} MB ({count} processes)")
    if not (args.db / "cmdesk.sqlite3").exists():
        print(f"no database at {args.db}: build it with python bench/query.py --db {args.db}")
        return
    main_mb, tree_mb, count = idle_memory(args.db, args.settle, args.sample)
    print(f"idle window, 1M messages:    main process {main_mb:5.0f} MB, tree {tree_mb:5.0f} MB ({count} processes)")


if __name__ == "__main__":
    main()
