"""Starting the desktop app: logging, QApplication on a qasync loop, one instance per data dir, the database, the
sync engine and the main window; everything closed cleanly at quit.

The first screen comes first: nothing before it imports SQLAlchemy, httpx, the connectors or keyring (the window
reads with plain SQL, storage/rawsql.py). Once it is painted, those are imported on a worker thread and the sync
engine starts.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QSettings, QTimer, QTranslator, SignalInstance
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from cmdesk import __version__, dataclass_code, paths, start_collector
from cmdesk.app.context import AppContext
from cmdesk.app.crash import install_excepthook
from cmdesk.app.logging_setup import setup_logging
from cmdesk.app.single_instance import InstanceServer, notify_running
from cmdesk.storage.database import Database
from cmdesk.storage.errors import StorageError
from cmdesk.storage.presence import WINDOW, AlreadyRunning, Presence
from cmdesk.ui import theme

if TYPE_CHECKING:
    from cmdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
FIRST_PAINT_WAIT_MS = 2000
COUNTS_WAIT_MS = 10_000

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"


def install_translations(app: QApplication, language: str | None = None) -> QTranslator | None:
    """French or English from the system locale (or the Preferences choice); dates and numbers follow the same
    locale. English, the source language, needs only its plural forms ("1 message", "2 messages"), and is also
    what a language cmdesk does not speak gets."""
    # The first of the user's UI languages ($LANGUAGE, the desktop's setting) rather than the system locale alone:
    # a French desktop without the fr_FR locale generated still gets French dates with its French texts.
    preferred = QLocale.system().uiLanguages()
    locale = QLocale(language) if language else QLocale(preferred[0]) if preferred else QLocale.system()
    if locale.language() == QLocale.Language.C:
        # No language set at all (LANG unset, a bare session): English as it is written in the US, not the "C"
        # locale's dates ("1 12 2026 09:06").
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    QLocale.setDefault(locale)
    # Qt's own texts (the Save and Cancel buttons, file dialogs) in the same language, from the files Qt ships.
    qt_texts = QTranslator(app)
    if qt_texts.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_texts)
    translator = QTranslator(app)
    if translator.load(locale, "cmdesk", "_", str(TRANSLATIONS)) or translator.load(str(TRANSLATIONS / "cmdesk_en")):
        app.installTranslator(translator)
        return translator
    return None


def app_icon() -> QIcon:
    """cmdesk's icon at every size it was rendered to (resources/icons; scripts/render-icons)."""
    icon = QIcon()
    for path in sorted(paths.resource_path("icons").glob("cmdesk-*.png")):
        icon.addFile(str(path))
    return icon


WARM_IMPORTS = (
    "cmdesk.storage.outbox",
    "cmdesk.storage.migrations",
    "cmdesk.sync.engine",
    "cmdesk.connectors.feeds",
    "cmdesk.connectors.http",
    "cmdesk.credentials",
)
"""What the first screen did without, in the order the window may need it: the SQLAlchemy side of storage (for the
window's writes), then the sync engine, httpx, the parsers and keyring."""


def warm_imports() -> None:
    """The imports the window will need once painted, on a worker thread: the event loop never imports."""
    from cmdesk.connectors.http import import_first_request_modules
    from cmdesk.connectors.registry import connector_modules

    for module in (*WARM_IMPORTS, *connector_modules(), "cmdesk.sync.judging"):
        importlib.import_module(module)
    import_first_request_modules()


async def start_in_background(context: AppContext) -> None:
    import asyncio

    from cmdesk.sync.responsiveness import keep_loop_responsive

    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, warm_imports)
    await loop.run_in_executor(None, dataclass_code.release)
    keep_loop_responsive()
    context.start_sync()
    context.check_health()
    await loop.run_in_executor(None, keep_daily_copy, context.database.path)


def keep_daily_copy(path: Path) -> None:
    """Once a day, a copy of the database (storage/backups.py), off the event loop; a failure is logged."""
    from cmdesk.storage import backups

    try:
        backups.make_if_due(path)
    except Exception as error:  # noqa: BLE001 - a copy that cannot be made must not stop the app
        log.warning("could not keep today's copy of the database: %s", error)


def seconds_since_process_start() -> float | None:
    """How long this process has been running (from /proc on Linux, to 10 ms); None where that cannot be read."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            up = float(uptime.read().split()[0])
        return up - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _since_start(what: str) -> str:
    age = seconds_since_process_start()
    return f"{what} {age * 1000:.0f} ms after the process started" if age is not None else what


def report_startup_time(window: MainWindow, phases: list[tuple[str, float]]) -> None:
    """`cmdesk gui --startup-time`: when the first screen was painted, where its time went (`phases`: what
    ended when, `time.perf_counter()`, the first one being `run`'s start), then when the sidebar's counts (read on
    the reading thread) were on it too — for people comparing machines and for bench/ui.py."""
    print(f"cmdesk: {_since_start('first screen')}; at {time.time():.3f} (Unix time)", flush=True)
    before = seconds_since_process_start()
    spent = [f"{what} {(end - start) * 1000:.0f}" for (_, start), (what, end) in pairwise(phases)]
    if before is not None:
        before -= time.perf_counter() - phases[0][1]
        spent.insert(0, f"before the window's code {before * 1000:.0f}")
    print(f"cmdesk: phases (ms): {', '.join(spent)}", flush=True)
    _wait_for(window.countsShown, window.counts_shown, COUNTS_WAIT_MS)
    print(f"cmdesk: {_since_start('sidebar counts')}; at {time.time():.3f} (Unix time)", flush=True)


def wait_for_first_paint(window: MainWindow, timeout_ms: int = FIRST_PAINT_WAIT_MS) -> None:
    """Run Qt's own event loop until the window has painted its first screen (or `timeout_ms` passed, for a
    window the platform does not expose): asyncio and qasync are imported after it, not before."""
    _wait_for(window.firstPainted, window.painted, timeout_ms)


def _wait_for(signal: SignalInstance, already: bool, timeout_ms: int) -> None:
    """Turn Qt's event loop until `signal` is emitted (unless `already`), for at most `timeout_ms`."""
    if already:
        return
    waiter = QEventLoop()
    signal.connect(waiter.quit)
    QTimer.singleShot(timeout_ms, waiter.quit)
    waiter.exec()
    signal.disconnect(waiter.quit)


def run(
    data_dir: Path, *, screenshots: str | None = None, demo_if_empty: bool = False, startup_time: bool = False
) -> int:
    phases = [("run", time.perf_counter())]  # what ended when, for --startup-time
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
    theme.apply(app, str(settings.value("appearance", "system")))
    if not screenshots and notify_running(data_dir):
        log.info("cmdesk already runs on %s; brought it forward", data_dir)
        if startup_time:
            print(f"cmdesk: another cmdesk already runs on {data_dir}; nothing measured", file=sys.stderr)
            return 1
        return 0
    window_presence = hold_window_presence(data_dir)
    database = open_or_repair(data_dir, screenshots)
    if database is None:
        return 1
    if demo_if_empty:
        from cmdesk.storage import workspace_reads

        with database.snapshot() as connection:
            empty = not workspace_reads.list_accounts(connection)
        if empty:
            from cmdesk.demo import load_demo

            load_demo(database)
    phases.append(("set-up", time.perf_counter()))
    from cmdesk.ui.main_window import MainWindow

    phases.append(("window's imports", time.perf_counter()))
    context = AppContext(data_dir, database)
    window = MainWindow(context, settings)
    phases.append(("window built", time.perf_counter()))
    install_excepthook(lambda error: window.read_failed(str(error)))
    window.show()
    wait_for_first_paint(window)
    phases.append(("first paint", time.perf_counter()))
    start_collector.let_go()
    if startup_time:
        report_startup_time(window, phases)
        window.close()
        context.reads.close()
        database.close()
        return 0
    # Listening for later launches once the window is there to bring forward (app/single_instance.py).
    server = InstanceServer(data_dir, lambda: (window.showNormal(), window.raise_(), window.activateWindow()))
    import asyncio

    from cmdesk.app.event_loop import QtAsyncLoop

    loop = QtAsyncLoop(app)
    asyncio.set_event_loop(loop)
    starting: asyncio.Task[None] | None = None
    """The background start (heavy imports, then the engine), kept until it ends."""
    if screenshots:
        from cmdesk.app.screenshots import capture

        def shoot() -> None:
            capture(window, Path(screenshots))
            window.close()
            app.quit()

        QTimer.singleShot(300, shoot)
    else:
        # Now SQLAlchemy, the engine, httpx, the connectors and keyring, on a worker thread (the window keeps its
        # GIL share; on the GUI thread these imports stalled it), then the sync engine starts.
        starting = loop.create_task(start_in_background(context), name="start-in-background")
    with loop:
        closed = asyncio.Event()
        app.aboutToQuit.connect(closed.set)
        app.lastWindowClosed.connect(app.quit)
        loop.run_until_complete(closed.wait())
        if starting is not None and not starting.done():
            starting.cancel()  # quit before the background start finished: it is not left half-way unawaited
        loop.run_until_complete(context.aclose())
    server.close()
    if window_presence is not None:
        window_presence.release()
    if context.repair_on_quit is not None:
        return repair_then_restart(data_dir, context.repair_on_quit, screenshots)
    if context.restart_on_quit:  # joined or left a team: the window starts again on the workspace as it now is
        from cmdesk.app import repair

        database.close()
        repair.restart()
    if not screenshots:
        hand_over_to_the_agent(data_dir, quit_requested=window.quit_requested)
    return 0


def hold_window_presence(data_dir: Path) -> Presence | None:
    """The window's presence on the data folder: the background agent pauses while it is held."""
    try:
        return Presence(data_dir, WINDOW)
    except (AlreadyRunning, OSError) as error:
        log.info("no window presence: %s", error)
        return None


def hand_over_to_the_agent(data_dir: Path, *, quit_requested: bool) -> None:
    """The window closed: an installed agent goes on syncing and sending (started if it is not running). Quit
    stops it until the next session."""
    from cmdesk.services import agent_setup

    try:
        if quit_requested:
            agent_setup.stop(data_dir)
        elif agent_setup.installed() is not None:
            agent_setup.ensure_running(data_dir)
    except agent_setup.AgentSetupError as error:
        log.warning("background agent: %s", error)


def open_or_repair(data_dir: Path, screenshots: str | None) -> Database | None:
    """The database, or — when it cannot be opened — the repair window until a repair lets it open (None: the
    user quit). Never a modal dialog: `--screenshots` captures the repair window and quits."""
    try:
        return Database.open(data_dir)
    except StorageError as error:
        log.error("cannot open the database: %s", error)
        return _repair_window(data_dir, str(error), screenshots)


def _repair_window(data_dir: Path, reason: str, screenshots: str | None, done: str = "") -> Database | None:
    start_collector.let_go()  # no first screen to wait for
    from cmdesk.app import repair
    from cmdesk.storage.database import DB_FILENAME
    from cmdesk.ui.repair_widgets import QUIT, RepairWindow

    path = data_dir / DB_FILENAME
    window = RepairWindow(repair.damage(path, reason))
    if done:
        window.failed(done)
    window.show()
    if screenshots:
        QApplication.processEvents()
        Path(screenshots).mkdir(parents=True, exist_ok=True)
        window.grab().save(str(Path(screenshots) / "repair.png"))
        window.close()
        return None
    opened: list[Database] = []
    waiter = QEventLoop()

    def chosen(kind: str) -> None:
        if kind == QUIT:
            waiter.quit()
            return
        window.working(QApplication.translate("Repair", "Repairing… (a large database takes a few minutes)"))
        QApplication.processEvents()
        try:
            log.info("repair: %s", repair.repair(path, kind))
            opened.append(Database.open(data_dir))
        except (RuntimeError, OSError, StorageError) as error:
            window.failed(str(error))
            return
        waiter.quit()

    window.chosen.connect(chosen)
    window.destroyed.connect(waiter.quit)
    waiter.exec()
    window.close()
    return opened[0] if opened else None


def repair_then_restart(data_dir: Path, kind: str, screenshots: str | None) -> int:
    """The restore or salvage chosen in the damage bar, now that the database is closed; then cmdesk again. When
    it fails, the repair window says why and offers the other choices."""
    from cmdesk.app import repair
    from cmdesk.storage.database import DB_FILENAME

    try:
        log.info("repair: %s", repair.repair(data_dir / DB_FILENAME, kind))
    except (RuntimeError, OSError) as error:
        database = _repair_window(data_dir, str(error), screenshots)
        if database is None:
            return 1
        database.close()
    repair.restart()
    return 0
