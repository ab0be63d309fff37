"""Starting the desktop app. For now a plain window over the inbox; the desktop-shell issue builds the real panes."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QListView, QMainWindow, QVBoxLayout, QWidget

from cmdesk import __version__, paths
from cmdesk.models.conversation_list_model import ConversationListModel
from cmdesk.storage import queries
from cmdesk.storage.database import Database
from cmdesk.sync.responsiveness import keep_loop_responsive


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("cmdesk"))
        self.resize(1000, 680)
        with database.read() as connection:
            total = queries.count(connection, queries.ConversationFilter())
            open_count = queries.count(connection, queries.ConversationFilter(statuses=("open",)))
        body = QWidget(self)
        layout = QVBoxLayout(body)
        if total:
            summary = self.tr("{open} open conversations out of {total}").format(open=open_count, total=total)
        else:
            summary = self.tr("Nothing here yet. Add a source with: cmdesk account add feed URL, then cmdesk sync.")
        heading = QLabel(summary, body)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.model = ConversationListModel(database, parent=self)
        self.list = QListView(body)
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        layout.addWidget(self.list)
        self.setCentralWidget(body)
        self.statusBar().showMessage(
            self.tr("cmdesk {version} — data in {path}").format(version=__version__, path=str(database.path.parent))
        )


def run(data_dir: Path, *, screenshots: str | None = None) -> int:
    import qasync

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(paths.APP_NAME)
    app.setDesktopFileName(paths.APP_ID)
    database = Database.open(data_dir)
    window = MainWindow(database)
    window.show()
    keep_loop_responsive()
    if screenshots:
        target = Path(screenshots)
        target.mkdir(parents=True, exist_ok=True)

        def capture() -> None:
            window.grab().save(str(target / "main.png"))
            app.quit()

        QTimer.singleShot(200, capture)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        loop.run_until_complete(closed.wait())
    database.close()
    return 0
