"""Issue 15, finding 11: damage is found (`cmdesk check`: SQLite's quick_check and FTS5's own check), said clearly
wherever it is met (a search over a damaged page, a window that cannot open its database), and repaired without
losing what is readable: the search index rebuilt from the messages, or the readable rows salvaged into a new file
with the damaged one kept aside."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from cmdesk.storage import backups, health
from cmdesk.storage.database import DB_FILENAME
from tests.support.damage import damage_messages, damage_search_index, workspace_of


def _cmdesk(data: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cmdesk", *arguments, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **environment},
    )


def _count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM messages").fetchone()[0])
    finally:
        connection.close()


def test_a_search_over_a_damaged_index_says_so_and_the_index_is_rebuilt_losing_nothing(tmp_path: Path) -> None:
    path = workspace_of(tmp_path)
    assert damage_search_index(path) > 0
    searched = _cmdesk(tmp_path, "search", "éclair", "--limit", "500")
    assert searched.returncode == 1 and "Traceback" not in searched.stderr, searched.stderr
    assert "damaged" in searched.stderr and "`cmdesk check` says what is damaged" in searched.stderr
    checked = _cmdesk(tmp_path, "check")
    assert checked.returncode == 1 and "search index is damaged" in checked.stdout, checked.stdout
    rebuilt = _cmdesk(tmp_path, "check", "--rebuild-search")
    assert rebuilt.returncode == 0 and "the database is whole" in rebuilt.stdout, rebuilt.stdout + rebuilt.stderr
    searched = _cmdesk(tmp_path, "search", "éclair", "--limit", "500")
    assert searched.returncode == 0 and searched.stdout.count("[éclair]") >= 500, searched.stderr
    assert _count(path) == 3000


def test_a_damaged_table_is_salvaged_keeping_every_readable_message_and_the_damaged_file(tmp_path: Path) -> None:
    path = workspace_of(tmp_path)
    original = path.read_bytes()
    damage_messages(path)
    checked = _cmdesk(tmp_path, "check")
    assert checked.returncode == 1 and "the database is damaged" in checked.stdout
    assert "cmdesk salvage" in checked.stdout
    salvaged = _cmdesk(tmp_path, "salvage")
    assert salvaged.returncode == 0, salvaged.stderr
    assert "kept as" in salvaged.stdout
    kept = _count(path)
    assert 2900 <= kept < 3000, f"{kept} messages salvaged; two damaged pages hold a few of them"
    assert health.check(path).ok
    assert health.report_counts_differences(path) == 0, "the reports count only the messages kept"
    assert path.stat().st_mode & 0o777 == 0o600
    aside = [p for p in tmp_path.glob(f"{DB_FILENAME}.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and len(aside[0].read_bytes()) == len(original), "the damaged file is kept whole"
    listed = _cmdesk(tmp_path, "inbox", "--limit", "5")
    assert listed.returncode == 0 and "Title" in listed.stdout


def test_a_salvage_that_cannot_read_the_tables_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = workspace_of(tmp_path, messages=300)
    with open(path, "r+b") as file:
        file.seek(0)
        file.write(os.urandom(4096))
    before = path.read_bytes()
    salvaged = _cmdesk(tmp_path, "salvage")
    assert salvaged.returncode == 1 and "Traceback" not in salvaged.stderr
    assert "cannot salvage" in salvaged.stderr
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.salvaged*"))


def test_the_window_on_a_database_it_cannot_open_shows_the_repair_window_and_never_blocks(tmp_path: Path) -> None:
    path = workspace_of(tmp_path, messages=300)
    with open(path, "r+b") as file:
        file.write(b"garbage" * 20)
    shots = tmp_path / "shots"
    shown = _cmdesk(tmp_path, "gui", "--screenshots", str(shots), QT_QPA_PLATFORM="offscreen")
    assert shown.returncode == 1, shown.stderr
    assert (shots / "repair.png").is_file(), "the repair window is captured; no modal dialog waited for a click"
    assert "damaged" in shown.stderr


def test_a_damaged_database_is_never_kept_as_a_copy_to_restore(tmp_path: Path) -> None:
    path = workspace_of(tmp_path, messages=600)
    assert _cmdesk(tmp_path, "backup").returncode == 0
    good = backups.listing(path)
    damage_messages(path)
    refused = _cmdesk(tmp_path, "backup")
    assert refused.returncode == 1 and "database is damaged" in refused.stderr and "no copy kept" in refused.stderr
    assert backups.listing(path) == good, "the good copy stays the one to restore"
    assert not list((tmp_path / "backups").glob("*.part"))


def test_report_counts_that_disagree_with_the_messages_are_found_and_counted_again(tmp_path: Path) -> None:
    path = workspace_of(tmp_path, messages=600)
    assert _cmdesk(tmp_path, "check").returncode == 0
    connection = sqlite3.connect(path)
    connection.execute("UPDATE message_hours SET messages = messages + 5")  # as a bug or a stray write would
    connection.commit()
    connection.close()
    checked = _cmdesk(tmp_path, "check")
    assert checked.returncode == 1 and "--rebuild-counts" in checked.stdout, checked.stdout
    rebuilt = _cmdesk(tmp_path, "check", "--rebuild-counts")
    assert rebuilt.returncode == 0 and "the database is whole" in rebuilt.stdout, rebuilt.stdout + rebuilt.stderr
    assert health.report_counts_differences(path) == 0 and _count(path) == 600


def test_the_sidebars_kept_counts_are_checked_against_a_full_count_by_cmdesk_doctor(tmp_path: Path) -> None:
    """Issue 23: the counts the sidebar reads are kept by triggers; `cmdesk doctor` compares them with a count of
    the conversations themselves and counts them again when asked."""
    path = workspace_of(tmp_path, messages=600)
    healthy = _cmdesk(tmp_path, "doctor")
    assert healthy.returncode == 0 and "the database is whole" in healthy.stdout, healthy.stdout + healthy.stderr
    connection = sqlite3.connect(path)
    assert connection.execute("UPDATE conversation_counts SET conversations = conversations + 1").rowcount > 0
    connection.commit()
    connection.close()
    found = _cmdesk(tmp_path, "doctor")
    assert found.returncode == 1 and "views per status and kind" in found.stdout, found.stdout
    assert "--rebuild-counts" in found.stdout
    repaired = _cmdesk(tmp_path, "doctor", "--rebuild-counts")
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert health.report_counts_differences(path) == 0
