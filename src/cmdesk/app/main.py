"""Starting the desktop app: logging, QApplication on a qasync loop, one instance per data dir, the database, the
sync engine and the main window; everything closed cleanly at quit."""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cmdesk import __version__, paths
from cmdesk.app.context import AppContext
from cmdesk.app.crash import install_excepthook
from cmdesk.app.logging_setup import setup_logging
from cmdesk.app.single_instance import InstanceServer, notify_running
from cmdesk.storage.database import Database
from cmdesk.storage.errors import StorageError
from cmdesk.sync.responsiveness import keep_loop_responsive

log = logging.getLogger(__name__)
SYNC_START_DELAY_MS = 300


TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"


def install_translations(app: QApplication, language: str | None = None) -> QTranslator | None:
    """French or English from the system locale (or the Preferences choice); English needs no file. Dates and
    numbers follow the same locale."""
    # The first of the user's UI languages ($LANGUAGE, the desktop's setting) rather than the system locale alone:
    # a French desktop without the fr_FR locale generated still gets French dates with its French texts.
    preferred = QLocale.system().uiLanguages()
    locale = QLocale(language) if language else QLocale(preferred[0]) if preferred else QLocale.system()
    QLocale.setDefault(locale)
    # Qt's own texts (the Save and Cancel buttons, file dialogs) in the same language, from the files Qt ships.
    qt_texts = QTranslator(app)
    if qt_texts.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_texts)
    translator = QTranslator(app)
    if translator.load(locale, "cmdesk", "_", str(TRANSLATIONS)):
        app.installTranslator(translator)
        return translator
    return None


def app_icon() -> QIcon:
    """cmdesk's icon at every size it was rendered to (resources/icons; scripts/render-icons)."""
    icon = QIcon()
    for path in sorted(paths.resource_path("icons").glob("cmdesk-*.png")):
        icon.addFile(str(path))
    return icon


def warm_imports() -> None:
    for module in ("cmdesk.sync.engine", "cmdesk.connectors.feeds", "cmdesk.connectors.http", "cmdesk.credentials"):
        importlib.import_module(module)


async def start_in_background(context: AppContext) -> None:
    await asyncio.get_running_loop().run_in_executor(None, warm_imports)
    context.start_sync()


def run(data_dir: Path, *, screenshots: str | None = None, demo_if_empty: bool = False) -> int:
    import qasync

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(paths.APP_NAME)
    app.setDesktopFileName(paths.APP_ID)
    app.setWindowIcon(app_icon())
    setup_logging(data_dir)
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    install_translations(app, str(settings.value("language", "")) or None)
    if not screenshots and notify_running(data_dir):
        log.info("cmdesk already runs on %s; brought it forward", data_dir)
        return 0
    try:
        database = Database.open(data_dir)
    except StorageError as error:
        QMessageBox.critical(None, app.translate("Start", "cmdesk cannot start"), str(error))
        return 1
    install_excepthook()
    if demo_if_empty:
        from cmdesk.demo import load_demo
        from cmdesk.storage import workspace

        with database.read() as connection:
            empty = not workspace.list_accounts(connection)
        if empty:
            load_demo(database)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    from cmdesk.ui.main_window import MainWindow

    context = AppContext(data_dir, database)
    window = MainWindow(context, settings)
    window.show()
    keep_loop_responsive()
    server = InstanceServer(data_dir, lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
    if screenshots:
        from cmdesk.app.screenshots import capture

        def shoot() -> None:
            capture(window, Path(screenshots))
            window.close()
            app.quit()

        QTimer.singleShot(300, shoot)
    else:
        # After the first paint, import the engine, httpx, the connectors and keyring on a worker thread (the
        # window keeps its GIL share; on the GUI thread these imports stalled it ~150 ms), then start syncing.
        QTimer.singleShot(SYNC_START_DELAY_MS, lambda: asyncio.ensure_future(start_in_background(context)))
    with loop:
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        app.lastWindowClosed.connect(app.quit)
        loop.run_until_complete(closed.wait())
        loop.run_until_complete(context.aclose())
    server.close()
    return 0
