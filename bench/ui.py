"""UI benchmark (issue 3): start-up to first painted page on a 1,000,000-message database and on an empty one,
scrolling the inbox to the end, and the worst Qt event-loop stall while a 100,000-entry sync runs.

Goals: first page painted < 300 ms after Python starts (and ≤ 2× the empty database); scrolling to the end
< 100 ms; no event-loop stall over 50 ms during the sync.

Usage: python bench/ui.py [--db /tmp/cmdesk-bench-1m] [--feeds 100] [--entries 1000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

HERE = Path(__file__).resolve()


def child_start(data_dir: str, started: float, scroll: bool) -> None:
    """In a fresh process: build the real window and report when the first page of the inbox is painted."""
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from cmdesk.app.context import AppContext
    from cmdesk.storage.database import Database
    from cmdesk.ui.main_window import MainWindow

    app = QApplication(sys.argv)
    path = Path(data_dir)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(path, Database.open(path)), settings)
    target = window.list.viewport() if window.model.rowCount() else window.welcome

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted = time.time() - started
                watched.removeEventFilter(self)
                QTimer.singleShot(0, lambda: finish(painted))
            return False

    def finish(painted: float) -> None:
        print(f"first-paint {painted * 1000:.0f} rows {window.model.rowCount()}", flush=True)
        if scroll:
            begin = time.perf_counter()
            window.list.scrollToBottom()
            window.list.viewport().repaint()
            print(f"scroll-to-end {(time.perf_counter() - begin) * 1000:.1f}", flush=True)
        app.quit()

    spy = FirstPaint()
    target.installEventFilter(spy)
    window.show()
    app.exec()


def child_sync(data_dir: str) -> None:
    """The window on a qasync loop while the engine syncs every account; a 5 ms timer measures loop stalls."""
    import asyncio

    import qasync
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from cmdesk.app.context import AppContext
    from cmdesk.storage.database import Database
    from cmdesk.sync.responsiveness import keep_loop_responsive
    from cmdesk.ui.main_window import MainWindow

    app = QApplication(sys.argv)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    path = Path(data_dir)
    context = AppContext(path, Database.open(path))
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(context, settings)
    window.show()
    keep_loop_responsive()
    with context.database.read() as connection:
        accounts = connection.exec_driver_sql("SELECT count(*) FROM accounts").scalar()
    finished: list[object] = []
    stalls: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        stalls.append(now - last[0] - 0.005)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    done = asyncio.Event()

    def on_finished(result: object) -> None:
        finished.append(result)
        if len(finished) >= accounts:
            done.set()

    context.bridge.accountFinished.connect(on_finished)

    async def main() -> None:
        from cmdesk.app.main import warm_imports

        await asyncio.get_running_loop().run_in_executor(None, warm_imports)
        assert context.engine  # built as the app does after start-up, before the measured sync
        await asyncio.sleep(0.5)
        started = time.perf_counter()
        last[0] = started
        timer.start()
        context.sync_now()
        await done.wait()
        timer.stop()
        elapsed = time.perf_counter() - started
        with context.database.read() as connection:
            stored = connection.exec_driver_sql("SELECT count(*) FROM messages").scalar()
        stalls.sort()
        print(f"sync {elapsed:.1f} s, {stored:,} messages; loop ticks {len(stalls):,}", flush=True)
        print(f"worst-stall {stalls[-1] * 1000:.1f} p99 {stalls[int(len(stalls) * 0.99)] * 1000:.1f}", flush=True)
        over = [round(stall * 1000) for stall in stalls if stall > 0.05]
        print(f"stalls over 50 ms: {len(over)} {over[-10:]}", flush=True)
        await context.aclose()

    with loop:
        loop.run_until_complete(main())


def run_child(*args: str) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    done = subprocess.run(
        [sys.executable, str(HERE), "--child", *args, "--t0", repr(started)],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return done.stdout


def value(output: str, key: str) -> float:
    for line in output.splitlines():
        if line.startswith(key):
            return float(line.split()[1])
    raise SystemExit(f"no {key!r} in: {output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/cmdesk-bench-1m"))
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--child", choices=["start", "sync"])
    parser.add_argument("--data-dir")
    parser.add_argument("--t0", type=float, default=0.0)
    parser.add_argument("--scroll", action="store_true")
    args = parser.parse_args()
    if args.child == "start":
        child_start(args.data_dir, args.t0, args.scroll)
        return
    if args.child == "sync":
        child_sync(args.data_dir)
        return

    if not (args.db / "built-1000000").exists():
        subprocess.run([sys.executable, str(HERE.parent / "query.py"), "--db", str(args.db)], check=True)
    with tempfile.TemporaryDirectory() as empty:
        empty_runs = [value(run_child("start", "--data-dir", empty), "first-paint") for _ in range(3)]
    big_runs = [run_child("start", "--data-dir", str(args.db), "--scroll") for _ in range(3)]
    big = [value(out, "first-paint") for out in big_runs]
    scrolls = [value(out, "scroll-to-end") for out in big_runs]
    print(f"first page painted, empty database:      {min(empty_runs):5.0f} ms (best of 3; {empty_runs})")
    print(f"first page painted, 1,000,000 messages:  {min(big):5.0f} ms (best of 3; {big})")
    print(f"scroll to the end of the inbox:          {min(scrolls):5.1f} ms (best of 3; {scrolls})")
    ratio = min(big) / min(empty_runs)
    print(
        f"goal: 1M / empty ≤ 2: {ratio:.2f} {'MET' if ratio <= 2 else 'MISSED'}; "
        f"< 300 ms absolute: {'MET' if min(big) < 300 else 'MISSED'}"
    )
    print(f"goal: scroll to end < 100 ms: {'MET' if min(scrolls) < 100 else 'MISSED'}")

    from ingest import served, setup_accounts

    from cmdesk.storage.database import Database

    with tempfile.TemporaryDirectory() as temp, served(Path(temp) / "www") as base:
        root = Path(temp)
        for feed in range(args.feeds):
            (root / "www" / f"{feed}.xml").write_bytes(common.rss_feed(feed, args.entries, base))
        database = Database.open(root / "data")
        setup_accounts(database, [f"{base}/{feed}.xml" for feed in range(args.feeds)])
        database.close()
        output = run_child("sync", "--data-dir", str(root / "data"))
    print(output.strip())
    worst = value(output, "worst-stall")
    print(
        f"goal: no event-loop stall over 50 ms during a {args.feeds * args.entries:,}-entry sync: "
        f"worst {worst:.1f} ms {'MET' if worst <= 50 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
