"""Issue 15, finding 5: after a kill -9 of `cmdesk sync`, its feed parser workers and multiprocessing's resource
tracker lived on (111 of them, 40 MB each, after 40 kills). Children die with the parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cmdesk.storage.database import Database
from tests.support.factories import make_account
from tests.support.feedserver import FeedServer, Route
from tests.support.processes import alive, descendants

RSS = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>Blog</title>"
    b"<item><guid>1</guid><title>Le pain du mois</title></item></channel></rss>"
)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc (Linux)")
def test_parser_workers_die_with_a_killed_sync(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.routes["/fast.xml"] = Route(body=RSS)
    feed_server.routes["/drip.xml"] = Route(body=RSS + b" " * 400, drip=0.25)
    data = tmp_path / "data"
    database = Database.open(data)
    make_account(database, address=feed_server.url("/fast.xml"))
    make_account(database, address=feed_server.url("/drip.xml"))
    database.close()
    sync = subprocess.Popen(
        [sys.executable, "-m", "cmdesk", "sync", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(children) < 2:
            time.sleep(0.2)
            children = descendants(sync.pid)
        assert len(children) >= 2, "the fast feed was parsed: the parser workers are running"
        os.kill(sync.pid, signal.SIGKILL)
        sync.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(child) for child in children):
            time.sleep(0.2)
        assert [child for child in children if alive(child)] == [], "orphans left behind"
    finally:  # a failing run must not leave its orphans to the next tests
        for child in children | descendants(sync.pid) | {sync.pid}:
            try:
                os.kill(child, signal.SIGKILL)
            except OSError:
                pass
