"""`cmdesk gui --screenshots DIR`: render the window and each pane to PNG files, for reviews and docs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from cmdesk.ui.add_source_dialog import AddSourceDialog
from cmdesk.ui.email_dialog import EmailAccountDialog
from cmdesk.ui.main_window import MainWindow
from cmdesk.ui.mastodon_dialog import MastodonSignInDialog


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))


def capture(window: MainWindow, target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    window.resize(1280, 800)
    written: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        path = target / f"{name}.png"
        _save(widget, path)
        written.append(path)

    save(window, "main")
    if window.pages.currentWidget() is window.splitter:
        save(window.sidebar, "sidebar")
        save(window.list.parentWidget(), "conversations")
        save(window.thread, "thread")
        window.search.setText("levain")
        window.run_search()
        save(window, "search")
        window.search.clear()
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
        save(window, "compose")
        composer._save_timer.stop()
        composer.discard()
    else:
        save(window, "compose")
    window.show_calendar()
    save(window, "calendar")
    window.show_outbox()
    save(window, "outbox")
    window.show_sources()
    save(window, "sources")
    window.pages.setCurrentWidget(window.welcome)
    save(window, "welcome")
    window.pages.setCurrentIndex(previous)
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
    mail = EmailAccountDialog(window.context, window)
    mail.address.setText("boulangerie@gmail.com")
    mail.address.editingFinished.emit()
    mail.show()
    save(mail, "add-email")
    mail.close()
    return written
