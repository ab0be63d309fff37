"""The inbox list model: reads blocks on demand, lands on the right rows from either end, passes qtmodeltester."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage
from sqlalchemy import text

from cmdesk.domain import Page
from cmdesk.models.conversation_list_model import BLOCK, ConversationListModel, ConversationRole
from cmdesk.storage import ingest
from cmdesk.storage.database import Database
from cmdesk.storage.queries import ConversationFilter
from cmdesk.storage.sqlite_reader import SqliteReader
from tests.support.factories import item, make_account

TOTAL = BLOCK * 5 + 37


def test_blocks_from_both_ends_agree_with_the_query_order(qtmodeltester, database: Database) -> None:  # type: ignore[no-untyped-def]
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(TOTAL)), {}))
    with database.read() as connection:
        expected = (
            connection.execute(text("SELECT id FROM conversations ORDER BY last_activity_at DESC, id DESC"))
            .scalars()
            .all()
        )
    for order in ([TOTAL - 1, 0, TOTAL // 2], list(range(TOTAL)), list(reversed(range(TOTAL)))):
        model = ConversationListModel(SqliteReader(database))
        assert model.rowCount() == TOTAL
        seen = {number: model.index(number).data(ConversationRole).id for number in order}
        assert all(seen[number] == expected[number] for number in order)
    qtmodeltester.check(ConversationListModel(SqliteReader(database)))


def test_filters_and_row_lookup(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(30)), {}))
    model = ConversationListModel(SqliteReader(database), ConversationFilter(statuses=("done",)))
    assert model.rowCount() == 0
    model.set_view(ConversationFilter())
    last = model.index(29).data(ConversationRole)
    assert model.row_of(last.id) == 29 and model.row_of(-5) == -1


def test_rows_read_elsewhere_are_shown_only_for_the_view_still_shown(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(TOTAL)), {}))
    reader = SqliteReader(database)
    everything = ConversationFilter()
    model = ConversationListModel(reader, everything)
    first = reader.conversation_page(everything, limit=BLOCK)
    assert not model.show_read(ConversationFilter(statuses=("done",)), first[:3], 3), "another view's rows"
    assert model.rowCount() == TOTAL
    assert model.show_read(everything, first[:BLOCK], TOTAL + 7)
    assert model.rowCount() == TOTAL + 7 and model.row(0) == first[0], "the count read with them, the rows as read"
    assert [model.row(n).id for n in range(BLOCK + 3)][BLOCK:] == [  # type: ignore[union-attr]
        row.id for row in reader.conversation_page(everything, after=first[-1].key, limit=3)
    ], "the rows beyond come from the database, after the last row read"
    model.set_search("item")
    assert not model.show_read(everything, first, TOTAL), "a search shown since"


def test_gui_screenshots_command_renders_the_window(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    data = tmp_path / "data"
    assert subprocess.run([sys.executable, "-m", "cmdesk", "demo", "--data-dir", str(data)]).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "cmdesk", "gui", "--screenshots", str(shots), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    names = sorted(path.name for path in shots.glob("*.png"))
    assert names == sorted(
        f"{name}.png"
        for name in (
            "main",
            "sidebar",
            "conversations",
            "compose",
            "calendar",
            "outbox",
            "thread",
            "search",
            "preview",
            "sources",
            "welcome",
            "add-source",
            "add-youtube",
            "add-meta",
            "add-bluesky",
            "add-x",
            "add-reddit",
            "add-wordpress",
            "add-discourse",
            "preferences",
            "palette",
            "new-label",
            "crisis",
            "listen",
            "client-settings",
            "overdue",
            "overdue-1024x700",
            "reports",
            "reports-1024x700",
            "main-1024x700",
            "search-1024x700",
            "compose-1024x700",
            "calendar-1024x700",
            "outbox-1024x700",
            "sources-1024x700",
            "welcome-1024x700",
            "add-mastodon",
            "add-email",
        )
    )
    image = QImage(str(shots / "main.png"))
    assert not image.isNull() and image.width() >= 800


def test_locate_finds_a_row_that_is_not_loaded(database: Database) -> None:
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(TOTAL)), {}))
    reference = ConversationListModel(SqliteReader(database))
    target = reference.index(TOTAL - 3).data(ConversationRole)
    model = ConversationListModel(SqliteReader(database))
    assert model.row_of(target.id) == -1
    assert model.locate(target, within=TOTAL) == TOTAL - 3
    assert ConversationListModel(SqliteReader(database)).locate(target, within=100) == -1


def test_a_view_shown_before_it_is_counted_grows_when_the_count_comes(qtmodeltester, database: Database) -> None:  # type: ignore[no-untyped-def]
    account = make_account(database)
    ingest.commit_page(database, account.id, Page(tuple(item(n) for n in range(TOTAL)), {}))
    asked: list[tuple[ConversationFilter, object]] = []
    model = ConversationListModel(SqliteReader(database), load=False)
    assert model.rowCount() == 0
    model.set_view(ConversationFilter(), count_soon=lambda view, then: asked.append((view, then)))
    assert model.rowCount() == BLOCK, "the first block at once, not counted yet"
    first = model.index(0).data(ConversationRole)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, start, end: inserted.append((start, end)))
    ((view, then),) = asked
    assert view == ConversationFilter()
    then(TOTAL)  # type: ignore[operator]
    assert model.rowCount() == TOTAL and inserted == [(BLOCK, TOTAL - 1)]
    assert model.index(0).data(ConversationRole) == first
    assert model.index(TOTAL - 1).data(ConversationRole) is not None
    qtmodeltester.check(model)

    model.set_view(ConversationFilter(), count_soon=lambda view, then: asked.append((view, then)))
    stale = asked[-1][1]
    model.set_view(ConversationFilter(statuses=("open",)))
    stale(TOTAL)  # type: ignore[operator]
    assert model.rowCount() == TOTAL and inserted == [(BLOCK, TOTAL - 1)], "a count for an older view is dropped"

    small = ConversationListModel(SqliteReader(database), ConversationFilter(account_ids=(999,)), load=False)
    small.set_view(ConversationFilter(account_ids=(999,)), count_soon=lambda view, then: asked.append((view, then)))
    assert small.rowCount() == 0 and len(asked) == 2, "a first block shorter than a block is the whole view"
