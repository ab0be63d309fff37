"""The composer against a loopback Mastodon API: accounts grouped by client, counters as Mastodon counts, an
account's own text, a post published with Ctrl+Enter (through the outbox), a scheduled one, a draft that survives
a crash, and publishing refused with the reason (too long, demo account)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QSettings, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument

from cmdesk.app.context import AppContext
from cmdesk.credentials import MemoryCredentialStore
from cmdesk.demo import load_demo
from cmdesk.domain import Network, Secret
from cmdesk.domain.counting import mastodon_length
from cmdesk.storage import outbox, workspace
from cmdesk.storage.database import Database
from cmdesk.storage.outbox import OutboxState
from cmdesk.ui import publishing
from cmdesk.ui.composer_pane import ComposerPane
from cmdesk.ui.main_window import MainWindow
from tests.support.mastodon_fake import TOKEN, MastodonFake


@pytest.fixture
def desk(qtbot, tmp_path: Path, loop: asyncio.AbstractEventLoop, fake: MastodonFake) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    credentials = MemoryCredentialStore()
    data = tmp_path / "data"
    context = AppContext(data, Database.open(data), credentials)
    with context.database.write() as connection:
        for client_name, handle in (("Le Fournil", "fournil"), ("Iris Fleurs", "iris")):
            client = workspace.add_client(connection, client_name)
            added = workspace.add_account(
                connection,
                client.id,
                Network.MASTODON,
                f"{fake.base}/@{handle}",
                name=f"@{handle}",
                settings={"me": "109"},
            )
            credentials.set(added.uid, Secret(TOKEN))
        workspace.add_account(connection, client.id, Network.FEED, "https://iris.example/feed", name="Blog d'Iris")
    context.start_sync = lambda: None  # type: ignore[method-assign]
    window = MainWindow(context, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    yield window
    loop.run_until_complete(context.aclose())


def targets(composer: ComposerPane) -> dict[str, list[str]]:
    return composer.target_model.shown()


def test_an_account_s_count_stays_on_one_line(qtbot, desk: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The counters wrap between accounts, never inside one ("Boulangerie Le Fournil 142 /" then "8000")."""
    qtbot.keyClick(desk.list, Qt.Key.Key_C)
    composer = desk.composer
    assert composer is not None
    chosen = [account.id for account in composer._accounts.values() if account.name in ("@fournil", "@iris")]
    composer.set_chosen(chosen)
    qtbot.keyClicks(composer.editor, "Galettes des rois")
    document = QTextDocument()
    document.setHtml(composer.counters.text())
    both = QFontMetrics(document.defaultFont()).horizontalAdvance("@fournil 17 / 500 · @iris 17")
    document.setTextWidth(both)  # wider than one account's count, narrower than both: the lines must break
    document.size()  # laid out now
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            text = block.text()[line.textStart() : line.textStart() + line.textLength()]
            lines.append(text.replace("\xa0", " ").strip())
        block = block.next()
    assert len(lines) >= 2, lines
    for name in ("@fournil", "@iris"):
        assert any(f"{name} 17 / 500" in line for line in lines), lines


def test_compose_count_vary_and_publish_with_ctrl_enter(  # type: ignore[no-untyped-def]
    qtbot, desk: MainWindow, fake: MastodonFake, loop: asyncio.AbstractEventLoop
) -> None:
    qtbot.keyClick(desk.list, Qt.Key.Key_C)
    composer = desk.composer
    assert composer is not None and desk.pages.currentWidget() is composer
    assert targets(composer) == {"Iris Fleurs": ["@iris"], "Le Fournil": ["@fournil"]}, "feeds cannot publish"
    assert composer.editor.hasFocus()
    assert not composer.publish_button.isEnabled()

    ids = {account.name: account.id for account in composer._accounts.values()}
    composer.set_chosen([ids["@fournil"], ids["@iris"]])
    qtbot.keyClicks(composer.editor, "Galettes des rois : https://lefournil.fr/commandes/galettes-des-rois-2027")
    assert "@fournil</b> 43 / 500" in composer.counters.text(), "20 characters and a URL counted 23"
    variant = composer.add_variant(ids["@iris"])
    variant.setPlainText("Couronnes de fleurs pour l'Épiphanie 🌸")
    assert "@iris</b> ✎ 38 / 500" in composer.counters.text(), composer.counters.text()
    assert composer.publish_button.isEnabled() and composer.publish_button.text() == "Publish"

    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Queued" in composer.status.text())
    assert composer.editor.toPlainText() == "" and composer.tabs.count() == 1
    assert not (desk.context.data_dir / publishing.DRAFT_FILE).exists(), "the draft went with the publication"
    loop.run_until_complete(desk.context.engine.outbox.send_due())
    assert sorted(s["content"] for s in fake.statuses.values()) == [
        "<p>Couronnes de fleurs pour l'Épiphanie 🌸</p>",
        "<p>Galettes des rois : https://lefournil.fr/commandes/galettes-des-rois-2027</p>",
    ]
    with desk.context.database.read() as connection:
        entries = outbox.listing(connection)
    assert {e.state for e in entries} == {OutboxState.SENT} and len({e.post.group for e in entries}) == 1


def test_schedule_refuse_and_a_draft_that_survives_a_crash(  # type: ignore[no-untyped-def]
    qtbot, desk: MainWindow, fake: MastodonFake
) -> None:
    desk.show_composer()
    composer = desk.composer
    assert composer is not None
    fournil = next(a.id for a in composer._accounts.values() if a.name == "@fournil")
    composer.set_chosen([fournil])
    composer.editor.setPlainText("Le Fournil " * 46)
    assert "506 / 500" in composer.counters.text() and not composer.publish_button.isEnabled()
    assert "Too long for @fournil: 506 / 500." in composer.status.text()

    composer.editor.setPlainText("Fermé le 25 décembre, ouvert le 26 dès 7 h.")
    composer.content_warning.setText("Horaires des fêtes")
    moment = datetime.now().replace(second=0, microsecond=0) + timedelta(days=2)
    composer.at_time.setDateTime(QDateTime(moment))
    assert composer.at.isChecked() and composer.publish_button.text() == "Schedule"
    composer.weekly.setChecked(True)
    composer.save_draft()  # what the timer does half a second after typing

    crashed = ComposerPane(desk.context)  # the app started again after a crash
    qtbot.addWidget(crashed)
    assert crashed.editor.toPlainText() == "Fermé le 25 décembre, ouvert le 26 dès 7 h."
    assert (
        crashed.content_warning.text() == "Horaires des fêtes" and crashed.at.isChecked() and crashed.weekly.isChecked()
    )
    assert crashed.chosen() == [fournil] and "restored" in crashed.status.text()

    crashed.publish()
    qtbot.waitUntil(lambda: "Scheduled for" in crashed.status.text())
    with desk.context.database.read() as connection:
        (entry,) = outbox.listing(connection)
    assert entry.state is OutboxState.SCHEDULED and entry.post.repeat == "weekly"
    assert entry.scheduled_at is not None and entry.scheduled_at.astimezone().replace(tzinfo=None) == moment
    assert fake.statuses == {}


def test_demo_accounts_publish_inside_cmdesk_and_say_so(  # type: ignore[no-untyped-def]
    qtbot, context: AppContext
) -> None:
    """Issue 16, defect 2: publishing was refused in the demo; now the post plays out in cmdesk, as the note says."""
    load_demo(context.database)
    composer = ComposerPane(context)
    qtbot.addWidget(composer)
    mastodon = [key for key, account in composer._accounts.items() if account.network == "mastodon"]
    composer.set_chosen(mastodon[:1])
    composer.editor.setPlainText("Bonjour !")
    assert composer.publish_button.isEnabled()
    assert "the post stays in cmdesk, marked sent" in composer.status.text()


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(40)


def test_images_with_their_descriptions_go_out_with_the_post(  # type: ignore[no-untyped-def]
    qtbot, desk: MainWindow, fake: MastodonFake, loop: asyncio.AbstractEventLoop, tmp_path: Path
) -> None:
    desk.show_composer()
    composer = desk.composer
    assert composer is not None
    fournil = next(a.id for a in composer._accounts.values() if a.name == "@fournil")
    composer.set_chosen([fournil])
    composer.editor.setPlainText("La vitrine de l'Épiphanie")
    picture = tmp_path / "vitrine.png"
    picture.write_bytes(PNG)
    alt = composer.add_image(str(picture))
    assert "an image has no description" in composer.counters.text()
    alt.setText("La vitrine, des couronnes dorées sur les galettes")
    assert "no description" not in composer.counters.text()
    for _ in range(4):
        composer.add_image(str(picture), "encore")
    assert not composer.publish_button.isEnabled() and "At most 4 images per post." in composer.status.text()
    for _path, _alt, row in composer._media[1:]:
        composer.remove_image(row)
    composer.save_draft()
    assert publishing.load_draft(desk.context.data_dir).media == [  # type: ignore[union-attr]
        {"path": str(picture), "description": "La vitrine, des couronnes dorées sur les galettes"}
    ]

    composer.publish()
    qtbot.waitUntil(lambda: "Queued" in composer.status.text())
    picture.unlink()  # the copy kept with the post is what goes out
    loop.run_until_complete(desk.context.engine.outbox.send_due())
    (status,) = fake.statuses.values()
    assert [m["description"] for m in status["media_attachments"]] == [
        "La vitrine, des couronnes dorées sur les galettes"
    ]
    assert fake.media[status["media_attachments"][0]["id"]]["_bytes"] == PNG


def test_the_preview_shows_each_account_as_its_network_will(  # type: ignore[no-untyped-def]
    qtbot, desk: MainWindow
) -> None:
    desk.show_composer()
    composer = desk.composer
    assert composer is not None
    ids = {account.name: account.id for account in composer._accounts.values()}
    composer.set_chosen([ids["@fournil"], ids["@iris"]])
    composer.editor.setPlainText("Galettes <b>maison</b> #boulangerie @marie@piaille.fr https://lefournil.fr/galettes")
    composer.content_warning.setText("Gourmandise")
    composer.add_variant(ids["@iris"], "Couronnes de l'Épiphanie")
    shown = composer.preview_html()
    assert "<b>@fournil</b>" in shown and "<b>@iris</b>" in shown
    assert shown.count("· Mastodon") == 2, "issue 16, defect 13: each card names its network"
    assert "&lt;b&gt;maison&lt;/b&gt;" in shown, "the text is shown as text, never as HTML"
    assert '<a href="#">#boulangerie</a>' in shown and '<a href="#">@marie@piaille.fr</a>' in shown
    assert '<a href="#">https://lefournil.fr/galettes</a>' in shown
    assert "⚠ Gourmandise" in shown and "Couronnes de l'Épiphanie</p>" in shown, "an apostrophe is no hashtag"
    counted = mastodon_length(composer.editor.toPlainText(), "Gourmandise")
    assert counted == 43 + 23 + 11 and f"{counted} / 500" in shown, "the length as Mastodon counts it"
