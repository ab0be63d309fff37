"""`cmdesk report --client NAME [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format pdf|csv|html --out PATH`: a client's
report for management over whole local days (default: the last 7, today included), in the client's time zone,
in the interface's language (Preferences, else the system's) unless --language says otherwise."""

from __future__ import annotations

import argparse
import configparser
import locale
import os
from datetime import date, datetime
from pathlib import Path

from cmdesk.cli.context import CommandError, client_named, open_data_dir, open_database
from cmdesk.domain.business_hours import local_zone
from cmdesk.domain.reporting import PRESETS, Period
from cmdesk.storage import report_reads


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    report = commands.add_parser("report", parents=[common], help="a client's report for management (PDF, CSV, HTML)")
    report.add_argument("--client", required=True, metavar="NAME")
    report.add_argument("--from", dest="first", type=_day, metavar="YYYY-MM-DD", help="first day (local time)")
    report.add_argument("--to", dest="last", type=_day, metavar="YYYY-MM-DD", help="last day, included")
    report.add_argument("--period", choices=PRESETS, help="instead of dates: this_week, last_month…")
    report.add_argument("--format", choices=["pdf", "csv", "html"], required=True)
    report.add_argument("--out", type=Path, required=True, metavar="PATH")
    report.add_argument("--language", choices=["en", "fr"], help="default: the interface's")
    report.set_defaults(handler=make_report)


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
    database = open_database(args)
    with database.read() as connection:
        client = client_named(connection, args.client)
        zone = local_zone() if client.hours.always_open else client.hours.zone
        today = datetime.now().astimezone().date()
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
