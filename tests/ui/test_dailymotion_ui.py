"""A Dailymotion channel in the window: its address pasted in "Add a source" is found as the channel (not a feed),
its videos come in through a sync with their views and likes under each, and the reply box says why nothing can be
answered from cmdesk."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from cmdesk.storage import workspace
from cmdesk.ui.add_source_dialog import AddSourceDialog
from cmdesk.ui.main_window import MainWindow
from tests.support.dailymotion_fake import USER, DailymotionFake
from tests.support.window_steps import sync_and_show_first


@pytest.fixture
def fake() -> Iterator[DailymotionFake]:
    server = DailymotionFake().start()
    server.video("x8abcde", "Une nuit au fournil", 1_763_703_000, views=12873, likes=1)
    yield server
    server.stop()


def test_a_pasted_channel_address_adds_the_channel_and_its_videos_show_their_figures(
    qtbot,
    window: MainWindow,
    fake: DailymotionFake,
    loop: asyncio.AbstractEventLoop,  # type: ignore[no-untyped-def]
) -> None:
    dialog = AddSourceDialog(window.context, window, api_base=fake.base)
    qtbot.addWidget(dialog)
    dialog.url.setText("dailymotion.com/lefournil")
    dialog.client.setEditText("Boulangerie Le Fournil")
    loop.run_until_complete(dialog.check())
    said = dialog.status.text()
    assert "Dailymotion channel “Boulangerie Le Fournil”: 3 videos, 1,204 followers" in said, said
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.added_account_id is not None)
    with window.context.database.read() as connection:
        accounts = workspace.list_accounts(connection)
    assert [(a.network, a.address, a.name) for a in accounts] == [("dailymotion", USER["url"], USER["screenname"])]

    sync_and_show_first(qtbot, window, loop)
    shown = window.thread.browser.toPlainText()
    assert "Une nuit au fournil" in shown and "12,873 views · 1 like" in shown, shown
    assert not window.thread.reply.isEnabled() and "no comments" in window.thread.reason.text()
