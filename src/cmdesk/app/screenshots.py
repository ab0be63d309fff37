"""`cmdesk gui --screenshots DIR`: render the window and each pane to PNG files, for reviews and docs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from cmdesk.services.triage import LABEL_COLOURS
from cmdesk.ui.add_source_dialog import AddSourceDialog
from cmdesk.ui.bluesky_dialog import BlueskySignInDialog
from cmdesk.ui.client_settings_dialog import ClientSettingsDialog
from cmdesk.ui.discourse_dialog import DiscourseSignInDialog
from cmdesk.ui.email_dialog import EmailAccountDialog
from cmdesk.ui.label_dialog import NewLabelDialog
from cmdesk.ui.listen_dialog import ListenDialog
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.mastodon_dialog import MastodonSignInDialog
from cmdesk.ui.meta_dialog import MetaSignInDialog
from cmdesk.ui.preferences_dialog import PreferencesDialog
from cmdesk.ui.reddit_dialog import RedditSignInDialog
from cmdesk.ui.wordpress_dialog import WordPressSignInDialog
from cmdesk.ui.x_dialog import XSignInDialog
from cmdesk.ui.youtube_dialog import YouTubeSignInDialog


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))


SIZES = ((1440, 900, ""), (1024, 700, "-1024x700"))
"""The window's sizes: a laptop's full screen, and the smallest the window is meant for (names get the suffix)."""


def capture(window: MainWindow, target: Path) -> list[Path]:
    """Every pane at each size, then the dialogs, in the language and the appearance cmdesk started with (set them
    in the data folder's settings.ini, `language` and `appearance`, to render the others)."""
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        path = target / f"{name}.png"
        _save(widget, path)
        written.append(path)

    for width, height, suffix in SIZES:
        window.resize(width, height)
        window.fit_toolbar(width)  # a hidden window gets its resize event only when grabbed: too late to lay out
        _panes(window, save, suffix, parts=not suffix)
    _dialogs(window, save)
    return written


def _settle_reads(window: MainWindow, done: Callable[[], bool] = lambda: True) -> None:
    """Wait (a few seconds at most) for the reading thread to bring what the page asked for (and, for a page that
    reads in steps, until `done` says the last is shown)."""
    import time

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not (window.context.reads.idle() and done()):
        QApplication.processEvents()
        time.sleep(0.02)
    QApplication.processEvents()


def _panes(window: MainWindow, save: Callable[[QWidget, str], None], suffix: str, *, parts: bool) -> None:
    save(window, "main" + suffix)
    if window.pages.currentWidget() is window.splitter:
        if parts:
            save(window.sidebar, "sidebar")
            save(window.list.parentWidget(), "conversations")
            save(window.thread, "thread")
        window.search.setText("levain")
        window.run_search()
        save(window, "search" + suffix)
        window.search.clear()
        window.sidebar.choose_view("overdue")
        save(window, "overdue" + suffix)
        window.sidebar.choose_view("open")
    previous = window.pages.currentIndex()
    window.show_composer()
    composer = window.composer
    assert composer is not None
    if not composer.editor.toPlainText():
        # An example, never saved: the user's own draft (if any) is shown as it is instead.
        composer.set_chosen(list(composer._accounts)[:2])
        composer.content_warning.setText("")
        composer.editor.setPlainText(
            "🥐 Nouveau ce week-end : la galette des rois à la frangipane maison ! Commandez en boutique ou sur "
            "https://lefournil.fr/galettes — #boulangerie #Lyon"
        )
        composer._update()
        save(window, "compose" + suffix)
        if parts:
            preview = composer.show_preview()
            save(preview, "preview")
            preview.close()
        composer._save_timer.stop()
        composer.discard()
    else:
        save(window, "compose" + suffix)
    window.show_calendar()
    save(window, "calendar" + suffix)
    window.show_reports()
    reports = window.reports_pane
    if reports is not None:
        _settle_reads(window, lambda: reports.data is not None)
    save(window, "reports" + suffix)
    window.show_outbox()
    save(window, "outbox" + suffix)
    window.show_sources()
    save(window, "sources" + suffix)
    window.pages.setCurrentWidget(window.welcome)
    save(window, "welcome" + suffix)
    window.show_inbox()  # back as the user left it, the toolbar's page too
    window.pages.setCurrentIndex(previous)


def _dialogs(window: MainWindow, save: Callable[[QWidget, str], None]) -> None:
    dialog = AddSourceDialog(window.context, window)
    dialog.url.setText("https://blog.example.com")
    dialog.show()
    save(dialog, "add-source")
    dialog.close()
    mastodon = MastodonSignInDialog(window.context, window)
    mastodon.instance.setText("piaille.fr")
    mastodon.show()
    save(mastodon, "add-mastodon")
    mastodon.close()
    youtube = YouTubeSignInDialog(window.context, window)
    youtube.show()
    save(youtube, "add-youtube")
    youtube.close()
    meta = MetaSignInDialog(window.context, window)
    meta.show()
    save(meta, "add-meta")
    meta.close()
    bluesky = BlueskySignInDialog(window.context, window)
    bluesky.handle.setText("lefournil.bsky.social")
    bluesky.show()
    save(bluesky, "add-bluesky")
    bluesky.close()
    x = XSignInDialog(window.context, window)
    x.show()
    save(x, "add-x")
    x.close()
    reddit = RedditSignInDialog(window.context, window)
    reddit.show()
    save(reddit, "add-reddit")
    reddit.close()
    wordpress = WordPressSignInDialog(window.context, window, address="https://boulangerie-du-coin.fr")
    wordpress.show()
    save(wordpress, "add-wordpress")
    wordpress.close()
    discourse = DiscourseSignInDialog(window.context, window, address="https://forum.lyon-gourmand.fr")
    discourse.show()
    save(discourse, "add-discourse")
    discourse.close()
    mail = EmailAccountDialog(window.context, window)
    mail.address.setText("boulangerie@gmail.com")
    mail.address.editingFinished.emit()
    mail.show()
    save(mail, "add-email")
    mail.close()
    preferences = PreferencesDialog(window.settings, window.context.data_dir, window)
    preferences.show()
    save(preferences, "preferences")
    preferences.close()
    window.show_palette()
    window.palette_dialog.query.setText("sn")
    save(window.palette_dialog, "palette")
    window.palette_dialog.close()
    listen = ListenDialog(window.context, "Le Fournil", window)
    listen.show()
    save(listen, "listen")
    listen.close()
    waiting = window.context.reader.alerts(unacknowledged=True)
    crisis = window.open_crisis(waiting[0].id) if waiting else None
    if crisis is not None:
        save(crisis, "crisis")
        crisis.close()
    clients = window.context.reader.clients()
    if clients:
        settings = ClientSettingsDialog(window.context.reader, window.context, clients[0].id, window)
        settings.show()
        save(settings, "client-settings")
        settings.close()
    label = NewLabelDialog(LABEL_COLOURS, LABEL_COLOURS[0], window)
    label.name.setText("Bad buzz")
    label.show()
    save(label, "new-label")
    label.close()
