"""Issue 16, defect 7: one dead feed turned the whole window "offline" ("✓ 0 sources up to date", "offline"). A source
that fails is that source's health; "offline" means the network itself is out of reach."""

from __future__ import annotations

from cmdesk.domain import Health, Network
from cmdesk.storage import syncstate, workspace
from cmdesk.ui.main_window import MainWindow


def _add(window: MainWindow, address: str, health: Health, reason: str = "") -> None:
    with window.context.database.write() as connection:
        client = workspace.find_client(connection, "Le Fournil") or workspace.add_client(connection, "Le Fournil")
        account = workspace.add_account(connection, client.id, Network.FEED, address, name=address)
        syncstate.record_health(connection, account.id, health, reason=reason)


def test_one_dead_feed_is_that_feeds_health_not_the_window_offline(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _add(window, "https://blog.lefournil.fr/feed", Health.RETRYING, "cannot resolve host blog.lefournil.fr")
    window.refresh_all()
    assert window.network_label.text() == "● online"
    assert window.sync_label.text() == "⟳ 1 source out of reach, trying again"
    assert "No server named blog.lefournil.fr was found" in window.sync_label.toolTip()
    _add(window, "https://www.youtube.com/feeds/videos.xml?channel_id=x", Health.OK)
    window.refresh_all()
    assert window.network_label.text() == "● online"
    assert window.sync_label.text() == "⟳ 1 source out of reach, trying again"


def test_every_source_on_several_servers_out_of_reach_is_offline(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _add(window, "https://blog.lefournil.fr/feed", Health.RETRYING, "network unreachable")
    _add(window, "https://forum.example.org/latest.rss", Health.RETRYING, "network unreachable")
    window.refresh_all()
    assert window.network_label.text() == "● offline"
