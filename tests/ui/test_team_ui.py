"""Team mode in the window, against a real PostgreSQL: the list shows who has a conversation, Mine and Unassigned
are views of the sidebar, Assign… (A) takes a conversation, and one a teammate took first is refused with their
name. The window only reads its SQLite copy; the team is reached on worker threads."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from cmdesk.app.context import AppContext
from cmdesk.domain import Kind, Page
from cmdesk.domain.team import PresenceState
from cmdesk.models.conversation_list_model import ConversationRole
from cmdesk.services import team
from cmdesk.services.team_presence import TeamPresence
from cmdesk.storage import ingest
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.team_join_dialog import TeamJoinDialog
from tests.support.factories import item
from tests.support.postgres_server import PostgresServer, binaries, running_postgres
from tests.support.team_laptops import Laptop, anna_and_bruno, workspace_of_comments

pytestmark = pytest.mark.skipif(binaries() is None, reason="PostgreSQL is not installed (./dev installs it)")


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


def test_assigning_from_the_window(
    qtbot,
    tmp_path: Path,
    postgres: PostgresServer,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    anna, bruno = anna_and_bruno(tmp_path, postgres.database())
    assert not team.assign(anna.database, anna.keyring, anna.conversation("item-1").id, "Anna").refused
    bruno.database.close()

    context = AppContext(bruno.folder, bruno.database, bruno.keyring)
    window = MainWindow(context, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert context.team is not None
        context.team.start_presence()
        loop.run_until_complete(context.team.replay())
        window.refresh_all()
        keys = [view.key for view in window._views]
        assert keys[:4] == ["open", "to_answer", "mine", "unassigned"], keys

        def row_of(remote_id: str) -> int:
            found = (r for r in range(window.model.rowCount()) if window.model.index(r, 0).data(ConversationRole))
            return next(r for r in found if window.model.index(r, 0).data(ConversationRole).remote_id == remote_id)

        rows = {name: row_of(name) for name in ("item-1", "item-2")}
        qtbot.waitUntil(lambda: window.model.index(row_of("item-1"), 0).data(ConversationRole).assignee == "Anna")

        # Bruno takes item-2 from the Assign menu (A): the menu lists the team, himself as "Me".
        window.list.setCurrentIndex(window.model.index(rows["item-2"], 0))
        window.assign_menu()
        menu = next(m for m in window.findChildren(QMenu) if m.isVisible())
        names = [action.text() for action in menu.actions() if action.text()]
        assert names == ["Anna", "Me (Bruno)", "Nobody"], names
        next(action for action in menu.actions() if action.text() == "Me (Bruno)").trigger()
        menu.close()
        second = window.model.index(rows["item-2"], 0).data(ConversationRole).id
        qtbot.waitUntil(lambda: "Assigned to Bruno" in window.statusBar().currentMessage(), timeout=15_000)
        assert bruno.conversation("item-2").assignee == "Bruno"
        os.makedirs("/tmp/shots", exist_ok=True)

        # Anna takes item-3 while Bruno's copy still shows it free; his try is refused with her name, and the row
        # and the thread then say who has it.
        assert not team.assign(anna.database, anna.keyring, anna.conversation("item-3").id, "Anna").refused
        third = window.model.index(row_of("item-3"), 0)
        window.list.setCurrentIndex(third)
        window.assign_to(third.data(ConversationRole).id, "Bruno")
        qtbot.waitUntil(lambda: "already taken by Anna" in window.statusBar().currentMessage(), timeout=15_000)
        qtbot.waitUntil(lambda: window.model.index(row_of("item-3"), 0).data(ConversationRole).assignee == "Anna")
        qtbot.waitUntil(lambda: "Assigned to Anna" in window.thread.browser.toPlainText())
        window.grab().save("/tmp/shots/team-window.png")
        anna.replay()
        assert anna.conversation("item-2").assignee == "Bruno", "Anna's laptop hears of Bruno's"
        window.sidebar.choose_view("mine")
        qtbot.waitUntil(lambda: window.model.rowCount() == 1)
        assert window.model.index(0, 0).data(ConversationRole).id == second
        window.sidebar.choose_view("unassigned")
        qtbot.waitUntil(lambda: window.model.rowCount() == 2)
        window.sidebar.choose_view("open")

        # Presence: Anna's window is writing in item-4; Bruno's list and thread say so, and Anna's laptop can see
        # that Bruno's window shows it.
        qtbot.waitUntil(lambda: window.model.rowCount() == 5)
        with bruno.database.read() as connection:
            uid = connection.exec_driver_sql("SELECT uid FROM accounts").scalar()
        link = team.current_link(anna.database)
        assert link is not None
        annas = TeamPresence(link, anna.keyring)
        try:
            annas.say(uid, "item-4", PresenceState.REPLYING)
            qtbot.waitUntil(
                lambda: context.team.who(uid, "item-4") == [("Anna", PresenceState.REPLYING)], timeout=15_000
            )
            window.list.setCurrentIndex(window.model.index(row_of("item-4"), 0))
            qtbot.waitUntil(lambda: "Anna is writing a reply here" in window.thread.browser.toPlainText())
            window.grab().save("/tmp/shots/team-presence.png")
            qtbot.waitUntil(
                lambda: [(p.person, p.conversation) for p in annas.now_present()] == [("Bruno", "item-4")],
                timeout=15_000,
            )
        finally:
            annas.close()

        # A message Anna's laptop pulled reaches Bruno's window through the team: the list shows it as after a
        # sync, the selected conversation staying selected.
        selected = window.list.currentIndex().data(ConversationRole).id
        account_id = anna.conversation("item-1").account_id
        ingest.commit_page(anna.database, account_id, Page((item(9, kind=Kind.COMMENT, text="Livrez-vous ?"),), {}))
        anna.replay()
        loop.run_until_complete(context.team.replay())
        qtbot.waitUntil(lambda: window.model.rowCount() == 6)
        assert window.model.index(0, 0).data(ConversationRole).remote_id == "item-9"
        assert window.list.currentIndex().data(ConversationRole).id == selected

        # The team database out of reach: the status bar says so; work goes on.
        with bruno.database.write() as connection:
            address = connection.exec_driver_sql("SELECT value FROM meta WHERE key = 'team.url'").scalar()
            moved = re.sub(r":\d+/", ":9/", address)
            connection.exec_driver_sql("UPDATE meta SET value = ? WHERE key = 'team.url'", (moved,))
        loop.run_until_complete(context.team.replay())
        qtbot.waitUntil(lambda: "team database out of reach" in window.network_label.text())
    finally:
        loop.run_until_complete(context.aclose())


def test_joining_a_team_from_sources(qtbot, tmp_path: Path, postgres: PostgresServer, loop) -> None:  # type: ignore[no-untyped-def]
    shared = postgres.database()
    anna = Laptop(tmp_path / "anna", "anna-laptop", "Anna")
    workspace_of_comments(anna)
    context = AppContext(anna.folder, anna.database, anna.keyring)
    window = MainWindow(context, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    restarts: list[bool] = []
    window.restart_app = lambda: restarts.append(True)  # type: ignore[method-assign]
    try:
        window.show_sources()
        strip = window.sources.team_strip
        assert "This computer works alone." in strip.summary.text()
        assert strip.join_button.isVisible() and not strip.leave_button.isVisible()
        os.makedirs("/tmp/shots", exist_ok=True)
        window.grab().save("/tmp/shots/team-sources-alone.png")

        # A wrong password: the dialog comes back saying so, what was typed kept but the password.
        dialog = window.join_team()
        dialog.address.setText(shared.url)
        dialog.password.setText("not-it")
        dialog.laptop.setText("anna-laptop")
        dialog.person.setText("Anna")
        dialog.join_button.click()
        again = next(d for d in window.findChildren(TeamJoinDialog) if d.isVisible() and d is not dialog)
        assert "refused the password" in again.status.text() and again.address.text() == shared.url
        assert again.password.text() == "" and again.person.text() == "Anna"
        again.grab().save("/tmp/shots/team-join-refused.png")
        assert team.current_link(anna.database) is None

        again.password.setText(shared.password)
        again.join_button.click()
        box = window.started_again_box
        assert box is not None and "now the team's" in box.text()
        link = team.current_link(anna.database)
        assert link is not None and (link.laptop, link.person) == ("anna-laptop", "Anna")
        assert anna.keyring.get(link.address.secret_key) is not None, "the password went to the keyring"
        box.done(0)
        assert restarts == [True], "cmdesk starts again to work as part of the team"
    finally:
        loop.run_until_complete(context.aclose())

    # Started again: Sources says who and where, and that nothing waits.
    context = AppContext(anna.folder, anna.database, anna.keyring)
    window = MainWindow(context, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    try:
        loop.run_until_complete(context.team.replay())  # type: ignore[union-attr]
        window.show_sources()
        text = window.sources.team_strip.summary.text()
        assert "Anna on anna-laptop, in a team" in text and shared.url in text
        assert "every change has reached the team" in text and "team database reachable" in text
        assert window.sources.team_strip.leave_button.isVisible()
        window.grab().save("/tmp/shots/team-sources-joined.png")
    finally:
        loop.run_until_complete(context.aclose())
