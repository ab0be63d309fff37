"""Issue 15, finding 11: rolling copies of the database (one a day, the last three), the damage message naming the
newest, and `cmdesk restore` putting it back with the damaged file kept aside."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from cmdesk.launcher import main
from cmdesk.storage import backups, workspace
from cmdesk.storage.database import DB_FILENAME, Database
from tests.conftest import sample
from tests.support.feedserver import FeedServer, Route


def test_one_copy_a_day_the_last_three_kept_each_private(tmp_path: Path) -> None:
    database = Database.open(tmp_path)
    with database.write() as connection:
        workspace.add_client(connection, "Le Fournil")
    database.close()
    path = tmp_path / DB_FILENAME
    start = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert backups.due(path, start)
    for day in range(5):
        when = start + timedelta(days=day)
        made = backups.make_if_due(path, when)
        assert made is not None
        os.utime(made, (when.timestamp(), when.timestamp()))
        assert backups.make_if_due(path, when + timedelta(hours=3)) is None, "one a day"
    copies = backups.listing(path)
    assert [c.name for c in copies] == [f"cmdesk-2026120{d}-080000.sqlite3" for d in (3, 4, 5)]
    assert all(c.stat().st_mode & 0o777 == 0o600 for c in copies)
    copy = Database.open(tmp_path / "check")
    copy.close()
    (tmp_path / "check" / DB_FILENAME).write_bytes(copies[-1].read_bytes())
    reopened = Database.open(tmp_path / "check")
    with reopened.read() as connection:
        assert [c.name for c in workspace.list_clients(connection)] == ["Le Fournil"], "a copy is a whole database"
    reopened.close()


def test_cmdesk_sync_keeps_the_days_copy_beside_its_pass(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.add("/feed/", Route(sample("wordpress.rss").replace(b"{base}", feed_server.base.encode())))
    data = tmp_path / "data"
    assert _cmdesk(data, "client", "add", "Le Fournil").returncode == 0
    added = _cmdesk(data, "account", "add", "feed", feed_server.url("/feed/"), "--client", "Le Fournil")
    assert added.returncode == 0, added.stderr

    synced = _cmdesk(data, "sync")
    assert synced.returncode == 0, synced.stderr
    progress, _, said = synced.stdout.partition("kept today's copy of the database: ")
    assert "Le blog: 2 new" in progress, "said once the pass is over"
    copy = Path(said.strip())
    assert copy.parent == backups.folder_of(data / DB_FILENAME) and copy.is_file()
    (tmp_path / "check").mkdir()
    (tmp_path / "check" / DB_FILENAME).write_bytes(copy.read_bytes())
    taken = Database.open(tmp_path / "check")
    with taken.read() as connection:
        assert [c.name for c in workspace.list_clients(connection)] == ["Le Fournil"], "a whole database"
        assert ["Le blog" in a.name for a in workspace.list_accounts(connection)] == [True]
    taken.close()
    again = _cmdesk(data, "sync")
    assert again.returncode == 0 and "today's copy" not in again.stdout, "one a day"


def _cmdesk(data: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a process of its own (a damaged file is met as a user meets it: a fresh start)."""
    return subprocess.run(
        [sys.executable, "-m", "cmdesk", *arguments, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_damaged_database_is_restored_from_the_newest_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _cmdesk(data, "client", "add", "Le Fournil").returncode == 0
    assert _cmdesk(data, "backup").returncode == 0
    path = data / DB_FILENAME
    path.write_bytes(b"this is not a database any more" * 100)
    damaged = _cmdesk(data, "client", "list")
    assert damaged.returncode == 1 and "Traceback" not in damaged.stderr
    assert "damaged" in damaged.stderr and "cmdesk restore" in damaged.stderr
    assert str(backups.newest(path)) in damaged.stderr
    restored = _cmdesk(data, "restore")
    assert restored.returncode == 0 and "kept as" in restored.stdout
    listed = _cmdesk(data, "client", "list")
    assert listed.returncode == 0 and "Le Fournil" in listed.stdout
    aside = [p for p in data.glob(f"{DB_FILENAME}.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database"), "the damaged one is kept"


def test_restore_without_a_copy_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restore", "--data-dir", str(tmp_path)]) == 1
    assert "no copy of the database" in capsys.readouterr().err
