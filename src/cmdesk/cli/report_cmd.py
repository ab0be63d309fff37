"""`cmdesk report --client NAME [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format pdf|csv|html --out PATH`: a client's
report for management over whole local days (default: the last 7, today included), in the client's time zone,
in the interface's language (Preferences, else the system's) unless --language says otherwise.
`cmdesk report-schedule --client NAME weekly|monthly|off --folder PATH [--formats pdf,csv]` and
`cmdesk report --scheduled` (what is due, written once) for the reports that write themselves."""

from __future__ import annotations

import argparse
import configparser
import locale
import os
from datetime import UTC, date, datetime
from pathlib import Path

from cmdesk.cli.context import CommandError, client_named, open_data_dir, open_database
from cmdesk.domain.business_hours import local_zone
from cmdesk.domain.reporting import PRESETS, Period, today_in
from cmdesk.storage import report_reads


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    report = commands.add_parser("report", parents=[common], help="a client's report for management (PDF, CSV, HTML)")
    report.add_argument("--client", metavar="NAME", help="the client (needed unless --scheduled)")
    report.add_argument("--from", dest="first", type=_day, metavar="YYYY-MM-DD", help="first day (local time)")
    report.add_argument("--to", dest="last", type=_day, metavar="YYYY-MM-DD", help="last day, included")
    report.add_argument("--period", choices=PRESETS, help="instead of dates: this_week, last_month…")
    report.add_argument("--format", choices=["pdf", "csv", "html"])
    report.add_argument("--out", type=Path, metavar="PATH")
    report.add_argument("--language", choices=["en", "fr"], help="default: the interface's")
    report.add_argument(
        "--scheduled", action="store_true", help="write the clients' scheduled reports that are due (for cron)"
    )
    report.set_defaults(handler=make_report)
    schedule = commands.add_parser(
        "report-schedule", parents=[common], help="write a client's report every week or month into a folder"
    )
    schedule.add_argument("--client", required=True, metavar="NAME")
    schedule.add_argument("every", choices=["weekly", "monthly", "off"])
    schedule.add_argument("--folder", type=Path, help="where the reports go (needed unless off)")
    schedule.add_argument("--formats", default="pdf", help="pdf, csv, html, comma-separated (default: pdf)")
    schedule.add_argument("--email-to", default="", metavar="ADDRESSES", help="also e-mail it (comma-separated)")
    schedule.add_argument("--email-account", type=int, metavar="ID", help="the client's e-mail account it is sent from")
    schedule.set_defaults(handler=set_schedule)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date like 2026-12-01: {text!r}") from error


def interface_language(data_dir: Path) -> str:
    """The language chosen in Preferences (settings.ini), else the system's: "fr" or "en"."""
    settings = configparser.ConfigParser()
    try:
        settings.read(data_dir / "settings.ini", encoding="utf-8")
        chosen = settings.get("General", "language", fallback="")
    except (configparser.Error, UnicodeDecodeError):
        chosen = ""
    system = os.environ.get("LANGUAGE") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    system = system or (locale.getlocale()[0] or "")
    return "fr" if (chosen or system).lower().startswith("fr") else "en"


def make_report(args: argparse.Namespace) -> int:
    if args.scheduled:
        return write_scheduled(args)
    if not (args.client and args.format and args.out):
        raise CommandError("--client, --format and --out are needed (or --scheduled)")
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.client)
        zone = local_zone() if client.hours.always_open else client.hours.zone
        today = today_in(zone, datetime.now(UTC))  # the client's today, where its days are counted
        if args.period and (args.first or args.last):
            raise CommandError("give --period or --from/--to, not both")
        if args.period:
            period = Period.preset(args.period, today, zone)
        else:
            last = args.last or today
            first = args.first or Period.preset("last_7_days", last, zone).first
            if first > last:
                raise CommandError(f"--from {first} is after --to {last}")
            period = Period(first, last, zone)
        data = report_reads.report(connection, client.id, period)
    language = args.language or interface_language(open_data_dir(args))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "csv":
        from cmdesk.reports.csv_export import write_csv

        with args.out.open("w", encoding="utf-8", newline="") as out:
            rows = write_csv(data, out)
        told = f"{rows} conversation(s)"
    elif args.format == "html":
        from cmdesk.reports.html_export import render_html

        args.out.write_text(render_html(data, language), encoding="utf-8")
        told = f"{data.received} message(s) received"
    else:
        from cmdesk.reports.pdf_export import write_pdf

        pages = write_pdf(data, args.out, language)
        told = f"{pages} pages"
    print(f"{client.name}, {period.first} – {period.last} ({zone}): {told} → {args.out}")
    return 0


def write_scheduled(args: argparse.Namespace) -> int:
    """Every due scheduled report, written and recorded once."""
    from cmdesk.services import scheduled_reports
    from cmdesk.services.commands import run
    from cmdesk.storage.sqlite_reader import SqliteReader

    database = open_database(args)
    reader = SqliteReader(database)
    language = args.language or interface_language(open_data_dir(args))
    due = scheduled_reports.due(reader, datetime.now(UTC))
    if not due:
        print("no scheduled report is due")
    for report in due:
        files = scheduled_reports.write(reader, report, language)
        recorded = run(database, scheduled_reports.written(report, files, language))
        note = "" if recorded else " (already recorded by another run)"
        if recorded and report.schedule.email_to:
            note += f"; e-mail to {report.schedule.email_to} queued (sent by `cmdesk sync` or the window)"
        print(f"{report.client}, {report.period.first} – {report.period.last}: {', '.join(map(str, files))}{note}")
    return 0


def set_schedule(args: argparse.Namespace) -> int:
    from cmdesk.domain.reporting import FORMATS, ReportSchedule
    from cmdesk.services import networks, scheduled_reports
    from cmdesk.services.commands import run
    from cmdesk.storage import workspace_reads

    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.client)
    if args.every == "off":
        run(database, scheduled_reports.set_schedule(client.id, None))
        print(f"{client.name}: no scheduled report")
        return 0
    if args.folder is None:
        raise CommandError("--folder is needed: where the reports go")
    formats = tuple(kind.strip() for kind in args.formats.split(",") if kind.strip())
    unknown = [kind for kind in formats if kind not in FORMATS]
    if unknown or not formats:
        raise CommandError(f"unknown format(s): {', '.join(unknown) or 'none'} (pdf, csv, html)")
    if args.email_to and args.email_account is None:
        raise CommandError("--email-account is needed to e-mail it: one of the client's e-mail accounts")
    if args.email_account is not None:
        with database.read() as connection:
            account = workspace_reads.get_account(connection, args.email_account)
        if account.client_id != client.id or not networks.capabilities(account.network).can_mail:
            raise CommandError(f"account {args.email_account} is not an e-mail account of {client.name}")
    schedule = ReportSchedule(
        args.every, str(args.folder.expanduser().resolve()), formats, None, args.email_to, args.email_account
    )
    run(database, scheduled_reports.set_schedule(client.id, schedule))
    print(f"{client.name}: a {args.every} report ({', '.join(formats)}) into {schedule.folder}; the first one now")
    return 0
