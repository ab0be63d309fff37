"""Starting the window for real (`python -m cmdesk gui`), in a process of its own, offscreen.

- The first screen is painted before SQLAlchemy, SQLModel, httpx, keyring, the connectors or asyncio are imported:
  those cost more than the whole start-up budget of issue 3 (bench/ui.py measures the time; this test keeps the
  structure that makes it possible, which a timed test could not check reliably on a shared machine). Nor are the
  Reports pane's read models (domain/reporting.py), Qt's network module (app/single_instance.py) or the dialogs
  the user opens later (LATER).
- What waited for the first paint then happens: a snooze that expired while cmdesk was closed wakes up, the
  conversation shown at start is marked read, and the sync engine starts and fetches a real feed over HTTP.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

from cmdesk.demo import load_demo
from cmdesk.domain import Status
from cmdesk.storage import triage
from cmdesk.storage.database import Database
from cmdesk.storage.timeutil import utcnow
from cmdesk.ui.main_window.constants import START_WRITES_LATEST_MS
from tests.support.factories import make_account
from tests.support.feedserver import FeedServer, Route

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "httpx", "keyring", "feedparser", "asyncio", "qasync")
LATER = (
    "cmdesk.domain.reporting",
    "PySide6.QtNetwork",
    "cmdesk.ui.command_palette",
    "cmdesk.ui.preferences_dialog",
    "cmdesk.ui.person_card",
    "uuid",
    "cmdesk.ui.welcome_page",
)
"""Modules the first screen does not need either: the Reports pane's read models, Qt's network module (the window
listens for later launches after its first paint), the dialogs a menu or a click opens, uuid (it imports
platform; the ids cmdesk makes are 16 random bytes), and the first-run page on a workspace that has sources."""

SPY = textwrap.dedent(
    """
    import importlib.abc, sys, threading, traceback

    HEAVY = {heavy!r}
    LATER = {later!r}
    seen = []

    class Spy(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            top = name if name in LATER else name.split(".")[0]
            if (top in HEAVY or top in LATER) and not any(top == s[0] for s in seen):
                seen.append((top, threading.current_thread().name, "".join(traceback.format_stack(limit=6))))
            return None

    sys.meta_path.insert(0, Spy())
    from cmdesk.launcher import main
    status = main(sys.argv[1:])
    for name, thread, stack in seen:
        print(f"IMPORTED {{name}} on {{thread}}:\\n{{stack}}")
    sys.exit(status)
    """
).format(heavy=HEAVY, later=LATER)


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _expired_snooze(database: Database) -> int:
    with database.write() as connection:
        conversation = connection.exec_driver_sql("SELECT id FROM conversations ORDER BY id LIMIT 1").scalar()
        assert conversation is not None
        triage.set_status(connection, [conversation], Status.SNOOZED, utcnow() - timedelta(minutes=5))
    return int(conversation)


def test_the_first_screen_is_painted_before_the_heavy_imports(tmp_path: Path) -> None:
    data = tmp_path / "data"
    database = Database.open(data)
    load_demo(database)
    _expired_snooze(database)
    database.close()
    for _attempt in range(3):
        done = subprocess.run(
            [sys.executable, "-c", SPY, "gui", "--startup-time", "--data-dir", str(data)],
            capture_output=True,
            text=True,
            timeout=120,
            env=_env(),
        )
        assert done.returncode == 0, done.stderr
        assert "cmdesk: first screen" in done.stdout, done.stdout
        phases = re.search(
            r"phases \(ms\): before the window's code \d+, set-up \d+, window's imports \d+, "
            r"window built \d+, first paint (\d+)",
            done.stdout,
        )
        assert phases, done.stdout
        # A window not painted within START_WRITES_LATEST_MS runs its start writes anyway, and they import what
        # they need (by design): a machine busy enough to paint that late (CI: 2,252 ms once, beside the server
        # tests) says nothing about the order — that start is measured again.
        if "IMPORTED" not in done.stdout or int(phases[1]) < START_WRITES_LATEST_MS:
            break
    assert "IMPORTED" not in done.stdout, done.stdout


def test_after_the_first_paint_snoozes_wake_and_the_engine_syncs(tmp_path: Path) -> None:
    feeds = FeedServer().start()
    try:
        url = feeds.add(
            "/blog.xml",
            Route(
                b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Blog du Fournil</title>
                <item><guid>galette-1</guid><title>La galette arrive</title>
                <description>Frangipane maison.</description>
                <pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>"""
            ),
        )
        data = tmp_path / "data"
        database = Database.open(data)
        load_demo(database)
        snoozed = _expired_snooze(database)
        make_account(database, client="Boulangerie Le Fournil", address=url)
        with database.write() as connection:
            shown = connection.exec_driver_sql(
                "SELECT id FROM conversations WHERE status IN ('open', 'pending') "
                "ORDER BY last_activity_at DESC, id DESC LIMIT 1"
            ).scalar()
            connection.exec_driver_sql("UPDATE conversations SET unread = 1 WHERE id = ?", (shown,))
        database.close()
        app = subprocess.Popen(
            [sys.executable, "-m", "cmdesk", "gui", "--data-dir", str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
        )
        try:
            path = data / "cmdesk.sqlite3"
            deadline = time.monotonic() + 60
            status, synced, unread = "", 0, 1
            while time.monotonic() < deadline and app.poll() is None:
                connection = sqlite3.connect(path)
                try:
                    status = connection.execute("SELECT status FROM conversations WHERE id = ?", (snoozed,)).fetchone()[
                        0
                    ]
                    unread = connection.execute("SELECT unread FROM conversations WHERE id = ?", (shown,)).fetchone()[0]
                    synced = connection.execute(
                        "SELECT count(*) FROM messages WHERE remote_id = 'galette-1'"
                    ).fetchone()[0]
                finally:
                    connection.close()
                if status == "open" and synced and not unread:
                    break
                time.sleep(0.2)
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            assert status == "open", "the snooze that expired while cmdesk was closed woke up"
            assert unread == 0, "the conversation shown at start was marked read"
            assert synced == 1, "the engine started after the first paint and fetched the feed"
            assert feeds.hits("/blog.xml")
        finally:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=30)
    finally:
        feeds.stop()
