"""Report benchmark: a client's year on the 1,000,000-message database of bench/query.py (goal: gathered and written
as PDF in < 2 s), with CSV and HTML beside it.

The query benchmark's database has no answers; a copy of it gets every third message turned into the user's answer
and the first client business hours (Monday to Friday 9–18, Paris) with a 4-hour target, so first-response times
are counted in business hours as in real use. Each figure is the median of three runs in a fresh process.

Usage: python bench/report.py [--db /tmp/cmdesk-bench-1m] [--copy /tmp/cmdesk-bench-1m-report]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/cmdesk-bench-1m"))
    parser.add_argument("--copy", type=Path, default=Path("/tmp/cmdesk-bench-1m-report"))
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
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


if __name__ == "__main__":
    main()
