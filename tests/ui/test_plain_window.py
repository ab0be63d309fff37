"""The plain window of the foundation: its list model is a correct Qt model and pages lazily; the window renders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from cmdesk.domain import Page
from cmdesk.models.conversation_list_model import PAGE_SIZE, ConversationListModel, ConversationRole
from cmdesk.storage import ingest
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account


def test_conversation_list_model_is_a_valid_lazy_model(qtmodeltester, database: Database) -> None:  # type: ignore[no-untyped-def]
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(PAGE_SIZE + 50)), {}))
    model = ConversationListModel(database)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE + 50 and not model.canFetchMore()
    first = model.data(model.index(0), ConversationRole)
    assert first.title == f"Title {PAGE_SIZE + 49}"
    qtmodeltester.check(model)


def test_gui_screenshots_command_renders_the_window(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "cmdesk", "gui", "--screenshots", str(shots), "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(shots / "main.png"))
    assert not image.isNull() and image.width() >= 800
