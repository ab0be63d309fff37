"""Report benchmark: a client's year on the 1,000,000-message database of bench/query.py (goal: gathered and written
as PDF in < 2 s), with CSV and HTML beside it.

The query benchmark's database has no answers; a copy of it gets every third message turned into the user's answer
and the first client business hours (Monday to Friday 9–18, Paris) with a 4-hour target, so first-response times
are counted in business hours as in real use. Each figure is the median of three runs in a fresh process.

Then the window: the Reports pane on the same copy, a month (March 2024) chosen as a custom period — the time until
its charts are on screen (goal < 300 ms; they are drawn from the counts per hour before the conversations are
read), until the whole report is, and the worst Qt event-loop stall meanwhile (goal ≤ 50 ms).

Usage: python bench/report.py [--db /tmp/cmdesk-bench-1m] [--copy /tmp/cmdesk-bench-1m-report]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import common  # noqa: F401  (first: it puts src/ and the project root on sys.path)

HERE = Path(__file__).resolve().parent
RUNS = 3


def prepare(source: Path, copy: Path) -> None:
    from cmdesk.domain.business_hours import BusinessHours, parse_week
    from cmdesk.storage import workspace
    from cmdesk.storage.database import Database

    if not (source / "cmdesk.sqlite3").exists():
        subprocess.run([sys.executable, str(HERE / "query.py"), "--db", str(source)], check=True)
    if (copy / "prepared").exists():
        return
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir(parents=True)
    for name in ("cmdesk.sqlite3",):
        shutil.copy2(source / name, copy / name)
    database = Database.open(copy)
    with database.write() as connection:
        connection.exec_driver_sql("UPDATE messages SET direction = 'out' WHERE id % 3 = 0")
        connection.exec_driver_sql(
            "UPDATE conversations SET last_direction = (SELECT m.direction FROM messages AS m WHERE "
            "m.conversation_id = conversations.id ORDER BY m.created_at DESC LIMIT 1)"
        )
        hours = BusinessHours(parse_week("mon-fri 9:00-18:00"), "Europe/Paris", target_minutes=240)
        workspace.set_client_hours(connection, 1, hours)
    database.close()
    (copy / "prepared").touch()


def measure(copy: Path) -> None:
    from cmdesk.domain.reporting import Period
    from cmdesk.reports.csv_export import write_csv
    from cmdesk.reports.html_export import render_html
    from cmdesk.reports.pdf_export import write_pdf
    from cmdesk.storage import report_reads
    from cmdesk.storage.database import Database

    database = Database.open(copy)
    period = Period(date(2024, 1, 1), date(2024, 12, 31), "Europe/Paris")
    out = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    with database.read() as connection:
        data = report_reads.report(connection, 1, period)
    gathered = time.perf_counter()
    pages = write_pdf(data, out / "report.pdf", "fr")
    pdf = time.perf_counter()
    with (out / "report.csv").open("w", encoding="utf-8", newline="") as handle:
        write_csv(data, handle)
    csv_done = time.perf_counter()
    (out / "report.html").write_text(render_html(data, "fr"), encoding="utf-8")
    html_done = time.perf_counter()
    print(
        f"{gathered - started:.3f} {pdf - gathered:.3f} {csv_done - pdf:.3f} {html_done - csv_done:.3f} "
        f"{data.received} {len(data.lines)} {pages}"
    )


def pane(copy: Path, first: str, last: str) -> None:
    """In a fresh process: the window on the copy, the Reports pane shown once (its first report read), then a
    custom period chosen; the time until its charts are on screen, and the worst event-loop stall meanwhile."""
    from PySide6.QtCore import QDate, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from cmdesk.app.context import AppContext
    from cmdesk.storage.database import Database
    from cmdesk.sync.responsiveness import keep_loop_responsive
    from cmdesk.ui.main_window import MainWindow

    app = QApplication(sys.argv)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(copy, Database.open(copy)), settings)
    window.show()
    keep_loop_responsive()  # what the app does once started (app/main.py): frozen start-up objects, GC thresholds
    window.show_reports()
    reports = window.reports_pane
    assert reports is not None

    def settle() -> None:
        deadline = time.perf_counter() + 120
        while (reports.data is None or not window.context.reads.idle()) and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)

    settle()  # the first report pays matplotlib's import (~0.4 s), once per session
    stalls: list[float] = []
    last_tick = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        stalls.append(now - last_tick[0] - 0.005)
        last_tick[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    charts_at: list[float] = []
    reports.chartsShown.connect(lambda: charts_at.append(time.perf_counter()))
    reports.data = None
    reports.first.setDate(QDate.fromString(first, "yyyy-MM-dd"))
    reports.last.setDate(QDate.fromString(last, "yyyy-MM-dd"))
    started = time.perf_counter()
    reports.period.setCurrentIndex(reports.period.findData("custom"))
    settle()
    whole = time.perf_counter() - started
    timer.stop()
    print(f"{charts_at[0] - started:.3f} {whole:.3f} {max(stalls, default=0):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/cmdesk-bench-1m"))
    parser.add_argument("--copy", type=Path, default=Path("/tmp/cmdesk-bench-1m-report"))
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pane", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    if args.pane:
        pane(args.pane, "2024-03-01", "2024-03-31")
        return
    prepare(args.db, args.copy)
    runs = []
    for _run in range(RUNS):
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(args.copy)], capture_output=True, text=True, check=True
        )
        runs.append(done.stdout.split())
    gather, pdf, csv_time, html = (statistics.median(float(run[i]) for run in runs) for i in range(4))
    received, conversations, pages = runs[0][4:7]
    print(f"client-year report: {int(received):,} messages received, {int(conversations):,} conversations")
    print(f"gathered from the database: {gather * 1000:7.0f} ms")
    print(f"written as PDF ({pages} pages):  {pdf * 1000:7.0f} ms")
    total = gather + pdf
    print(f"gathered + PDF:             {total * 1000:7.0f} ms   goal < 2000 ms: {'MET' if total < 2 else 'NOT MET'}")
    print(f"written as CSV:             {csv_time * 1000:7.0f} ms")
    print(f"written as HTML:            {html * 1000:7.0f} ms")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    shown = []
    for _run in range(RUNS):
        done = subprocess.run(
            [sys.executable, __file__, "--pane", str(args.copy)], capture_output=True, text=True, check=True, env=env
        )
        shown.append([float(value) for value in done.stdout.split()[-3:]])
    first_chart = statistics.median(run[0] for run in shown)
    whole_report = statistics.median(run[1] for run in shown)
    stall = max(run[2] for run in shown)
    print(f"Reports pane, a month chosen → charts on screen: {first_chart * 1000:5.0f} ms (goal < 300 ms: "
          f"{'MET' if first_chart < 0.3 else 'NOT MET'})")  # fmt: skip
    print(f"  … and the whole report (lists, totals):       {whole_report * 1000:5.0f} ms")
    print(f"worst event-loop stall meanwhile:              {stall * 1000:5.0f} ms (goal ≤ 50 ms: "
          f"{'MET' if stall <= 0.05 else 'NOT MET'})")  # fmt: skip


if __name__ == "__main__":
    main()
