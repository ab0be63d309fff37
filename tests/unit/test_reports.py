"""Issue 18: a client's report — what it counts (response times in business hours, an answer from the network's own
app, questions answered after the period), its CSV columns, the HTML and the PDF (rendered to PNG and read back in
English and French), the periods, and every text of the reports in French."""

from __future__ import annotations

import ast
import csv
import io
import shutil
import subprocess
import warnings
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cmdesk.domain import Author, Direction, Kind, Page
from cmdesk.domain.business_hours import BusinessHours, parse_week
from cmdesk.domain.reporting import Period, percentile
from cmdesk.reports import csv_export, html_export, pdf_export
from cmdesk.reports.texts import FRENCH, Words
from cmdesk.services import clients
from cmdesk.services.commands import run
from cmdesk.storage import ingest, report_reads, workspace
from cmdesk.storage.database import Database
from tests.support.factories import item, make_account

PARIS_WEEK = Period(date(2026, 11, 23), date(2026, 11, 29), "Europe/Paris")  # Monday to Sunday
REPORTS = Path(__file__).resolve().parents[2] / "src" / "cmdesk" / "reports"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in Paris in November 2026 (UTC+1), as UTC."""
    return datetime(2026, 11, day, hour - 1, minute, tzinfo=UTC)


def message(n: int, when: datetime, thread: str, *, out: bool = False, kind: Kind = Kind.MENTION, text: str = ""):  # type: ignore[no-untyped-def]
    found = item(n, thread=thread, kind=kind, at=when, direction=Direction.OUTBOUND if out else Direction.INBOUND)
    return replace(found, text=text or found.text)


@pytest.fixture
def shop(database: Database) -> Database:
    """A shop open Monday to Friday 9–18 in Paris, answering within 4 business hours."""
    account = make_account(database)
    with database.read() as connection:
        client = workspace.find_client(connection, "Le Fournil")
    assert client is not None
    run(
        database,
        clients.set_hours(client.id, BusinessHours(parse_week("mon-fri 9-18"), "Europe/Paris", target_minutes=240)),
    )
    messages = [
        # Friday 17:00, answered Monday 10:00 from the network's own app: 2 business hours.
        message(1, at(27, 17), "friday", text="Commande de galettes pour samedi ?"),
        message(2, at(30, 10), "friday", out=True),
        # Monday 9:30, answered 9:45: a quarter of an hour.
        message(3, at(23, 9, 30), "monday", text="Vos horaires pour la semaine ?"),
        message(4, at(23, 9, 45), "monday", out=True),
        # Wednesday 12:00, never answered.
        message(5, at(25, 12), "wednesday", text="Toujours pas reçu ma commande, c'est scandaleux"),
        # Before the period: not counted.
        message(6, at(20, 12), "earlier"),
    ]
    ingest.commit_page(database, account.id, Page(tuple(messages), {}))
    return database


def report(database: Database, period: Period = PARIS_WEEK):  # type: ignore[no-untyped-def]
    with database.read() as connection:
        return report_reads.report(connection, 1, period, now=datetime(2026, 12, 2, 12, tzinfo=UTC))


def test_what_the_report_counts(shop: Database) -> None:
    data = report(shop)
    assert (data.received, data.sent) == (3, 1), "the answer on Monday 30th is after the period"
    by_thread = {line.subject or line.author: line for line in data.lines}
    assert len(data.lines) == 3
    seconds = sorted(line.first_response_seconds for line in data.lines if line.first_response_seconds is not None)
    assert seconds == [15 * 60, 2 * 3600], "a quarter of an hour; Friday 17–18 and Monday 9–10, the weekend not"
    assert (data.answered, data.unanswered) == (2, 1)
    assert data.within_target == pytest.approx(2 / 3), "the Wednesday question waits past its 4 hours"
    assert data.median_response == 15 * 60 and data.p90_response == 2 * 3600
    waiting = [line for line in data.lines if line.first_response_at is None]
    assert waiting[0].sentiment == "negative"
    assert waiting[0].waiting_seconds == 24 * 3600, "Wednesday 12–18, Thursday and Friday 9–18: to the period's end"
    assert sum(sum(values.values()) for values in data.daily.values()) == 3
    assert data.heatmap[(4, 17)] == 1, "Friday, 17 h, Paris time"
    assert ("commande", 2) in data.top_terms
    assert by_thread  # every line has a subject or an author to show


def test_the_csv_has_one_row_per_conversation_with_the_agreed_columns(shop: Database) -> None:
    out = io.StringIO()
    assert csv_export.write_csv(report(shop), out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    wanted = {"conversation", "network", "kind", "author", "subject", "first_message_at", "first_response_at",
              "first_response_seconds", "status", "sentiment", "messages"}  # fmt: skip
    assert wanted <= set(rows[0])
    friday = next(row for row in rows if row["first_message_at"].startswith("2026-11-27"))
    assert friday["first_message_at"] == "2026-11-27T17:00:00+01:00"
    assert friday["first_response_at"] == "2026-11-30T10:00:00+01:00" and friday["first_response_seconds"] == "7200"
    assert friday["network"] == "feed" and friday["kind"] == "mention" and friday["messages"] == "1"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_html_says_who_when_and_how_many(shop: Database, language: str) -> None:
    page = html_export.render_html(report(shop), language)
    assert "Le Fournil" in page and "<svg" in page
    assert not any(outside in page for outside in ('src="http', 'href="http', "url(http", "<script")), "all inside"
    if language == "fr":
        assert "23/11/2026 – 29/11/2026" in page and "Messages reçus" in page
    else:
        assert "2026-11-23 – 2026-11-29" in page and "Messages received" in page
    assert '<span class="big">3</span>' in page


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is installed by ./dev test")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pdf_prints_and_reads_back(shop: Database, tmp_path: Path, language: str) -> None:
    path = tmp_path / f"report-{language}.pdf"
    pages = pdf_export.write_pdf(report(shop), path, language)
    assert pages >= 10
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Le Fournil" in text and ("Messages reçus" if language == "fr" else "Messages received") in text
    assert ("23/11/2026 – 29/11/2026" if language == "fr" else "2026-11-23 – 2026-11-29") in text
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "4", str(path), str(tmp_path / "page")], check=True
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 4 and all(image.stat().st_size > 2000 for image in images)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils is installed by ./dev test")
def test_emoji_in_a_pdf_are_drawn_in_the_emoji_font_not_as_empty_boxes(shop: Database, tmp_path: Path) -> None:
    """People put emoji in their names and messages; DejaVu Sans has none of these, so each was an empty box (and a
    warning) in the PDF."""
    written = replace(message(7, at(26, 11), "emoji", text="Merci 👍"), author=Author(name="Marie 🥐😡"))
    ingest.commit_page(shop, 1, Page((written,), {}))
    path = tmp_path / "report.pdf"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing from font")
        pdf_export.write_pdf(report(shop), path, "fr")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Symbola" in fonts, fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Marie 🥐😡" in text


def test_periods() -> None:
    wednesday = date(2026, 12, 2)
    assert Period.preset("this_week", wednesday) == Period(date(2026, 11, 30), wednesday)
    assert Period.preset("last_week", wednesday) == Period(date(2026, 11, 23), date(2026, 11, 29))
    assert Period.preset("last_month", wednesday) == Period(date(2026, 11, 1), date(2026, 11, 30))
    assert Period.preset("this_month", wednesday) == Period(date(2026, 12, 1), wednesday)
    start, end = PARIS_WEEK.bounds()
    assert start == datetime(2026, 11, 22, 23, tzinfo=UTC) and end - start == timedelta(days=7)
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) == 9 and percentile([], 50) is None


def test_every_text_of_the_reports_is_in_french() -> None:
    used: set[str] = set()
    for path in REPORTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "words"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    assert len(used) > 30
    assert sorted(used - set(FRENCH)) == []
    assert Words("fr").duration(2 * 86400 + 3600) == "2 j 1 h" and Words("en").number(1234567) == "1,234,567"
    assert Words("fr").series("feed", "comment") == "Web · Commentaires"
    assert Words("en").series("email", "email") == "E-mail"
    assert Words("fr").series("youtube", "comment") == "YouTube · Commentaires", "not 'Youtube'"
    assert Words("en").series("instagram", "message") == "Instagram · Direct messages"


def test_a_conversation_flagged_for_management_is_in_the_report_with_its_note(shop: Database) -> None:
    from cmdesk.services import triage

    data = report(shop)
    waiting = next(line for line in data.lines if line.first_response_at is None)
    run(shop, triage.for_management([waiting.id], "  Troisième plainte   sur la livraison\n"))
    flagged = report(shop).flagged()
    assert [(line.id, line.for_management) for line in flagged] == [(waiting.id, "Troisième plainte sur la livraison")]
    assert "Troisième plainte sur la livraison" in html_export.render_html(report(shop), "fr")
    run(shop, triage.for_management([waiting.id], None))
    assert report(shop).flagged() == []


def test_a_scheduled_report_is_written_once_even_by_two_runs(shop: Database, tmp_path: Path) -> None:
    from cmdesk.domain.reporting import ReportSchedule
    from cmdesk.services import scheduled_reports
    from cmdesk.storage.sqlite_reader import SqliteReader

    reader = SqliteReader(shop)
    folder = tmp_path / "rapports"
    run(shop, scheduled_reports.set_schedule(1, ReportSchedule("weekly", str(folder), ("pdf", "csv"))))
    monday = datetime(2026, 11, 30, 12, tzinfo=UTC)
    (first,) = scheduled_reports.due(reader, monday)
    assert first.period == Period(date(2026, 11, 23), date(2026, 11, 29), first.period.zone)
    # The window and `cmdesk report --scheduled` both find it due; both write (the same files), one records it.
    second = scheduled_reports.due(reader, monday)[0]
    written = scheduled_reports.write(reader, first, "fr")
    assert sorted(path.suffix for path in written) == [".csv", ".pdf"] and all(path.exists() for path in written)
    assert run(shop, scheduled_reports.written(first)) is True
    assert run(shop, scheduled_reports.written(second)) is False, "recorded once"
    sunday = datetime(2026, 12, 6, 12, tzinfo=UTC)
    assert scheduled_reports.due(reader, monday) == [] and scheduled_reports.due(reader, sunday) == []
    (next_week,) = scheduled_reports.due(reader, datetime(2026, 12, 7, 12, tzinfo=UTC))
    assert next_week.period.first == date(2026, 11, 30), "a week missed while closed: written at the next start"
    assert not list(folder.glob(".*.part")), "no half-written file left"


def test_a_report_s_today_is_its_client_s_not_the_computer_s(shop: Database) -> None:
    """At 23:30 UTC on Friday 4 December it is already Saturday in Paris: the shop's "this week" runs to Saturday's
    end there, and holds the message written a few minutes ago (read with the UTC date, it ended an hour before)."""
    from cmdesk.domain.reporting import today_in

    late = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    assert today_in("Europe/Paris", late) == date(2026, 12, 5)
    assert today_in("America/Montreal", late) == date(2026, 12, 4)
    week = Period.preset("this_week", today_in("Europe/Paris", late), "Europe/Paris")
    assert week == Period(date(2026, 11, 30), date(2026, 12, 5), "Europe/Paris")
    start, end = week.bounds()
    assert start <= late - timedelta(minutes=10) < end


def test_a_scheduled_report_waits_for_its_client_s_week_to_end(shop: Database, tmp_path: Path) -> None:
    """A Montréal client's week ends at midnight in Montréal, five hours after it ends in UTC: a computer ahead of it
    must not write the week (and record it written) while its Sunday evening is still coming in."""
    from cmdesk.domain.reporting import ReportSchedule
    from cmdesk.services import scheduled_reports
    from cmdesk.storage.sqlite_reader import SqliteReader

    with shop.read() as connection:
        client = workspace.find_client(connection, "Le Fournil")
    assert client is not None
    run(shop, clients.set_hours(client.id, BusinessHours(parse_week("mon-fri 9-18"), "America/Montreal")))
    run(
        shop,
        scheduled_reports.set_schedule(
            client.id, ReportSchedule("weekly", str(tmp_path), ("csv",), date(2026, 11, 29))
        ),
    )
    reader = SqliteReader(shop)
    sunday_evening_there = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday in UTC and in Paris
    assert scheduled_reports.due(reader, sunday_evening_there) == []
    (due,) = scheduled_reports.due(reader, datetime(2026, 12, 7, 5, 30, tzinfo=UTC))  # 0:30 on Monday there
    assert due.period == Period(date(2026, 11, 30), date(2026, 12, 6), "America/Montreal")


def test_a_schedule_that_cannot_be_read_is_none() -> None:
    from cmdesk.domain.reporting import ReportSchedule

    assert ReportSchedule.from_json("") is None and ReportSchedule.from_json('{"every": "hourly"}') is None
    stored = ReportSchedule("monthly", "/tmp/x", ("html",), date(2026, 10, 31))
    assert ReportSchedule.from_json(stored.to_json()) == stored
    assert stored.due(date(2026, 11, 15), "UTC") is None and stored.due(date(2026, 12, 1), "UTC") is not None


def test_a_team_s_report_is_split_by_teammate(shop: Database) -> None:
    assert report(shop).by_teammate() == [], "no assignment: no split"
    assert "By teammate" not in html_export.render_html(report(shop), "en")
    lines = {line.first_response_at is None: line for line in report(shop).lines}
    with shop.write() as connection:
        connection.exec_driver_sql("UPDATE conversations SET assignee = 'Anna'")
        connection.exec_driver_sql("UPDATE conversations SET assignee = 'Bruno' WHERE id = ?", (lines[True].id,))
    data = report(shop)
    split = {line.person: line for line in data.by_teammate()}
    assert [line.person for line in data.by_teammate()] == ["Anna", "Bruno"], "busiest first"
    anna, bruno = split["Anna"], split["Bruno"]
    assert (anna.conversations, anna.answered, anna.waiting) == (2, 2, 0)
    assert (anna.median_response, anna.p90_response) == (15 * 60, 2 * 3600)
    assert (bruno.conversations, bruno.answered, bruno.waiting, bruno.median_response) == (1, 0, 1, None)
    page = html_export.render_html(data, "fr")
    assert "Par membre de l&#x27;équipe" in page and "<td>Bruno</td>" in page
    out = io.StringIO()
    csv_export.write_csv(data, out)
    assert sorted(row["assignee"] for row in csv.DictReader(io.StringIO(out.getvalue()))) == ["Anna", "Anna", "Bruno"]
    if shutil.which("pdftotext"):  # poppler-utils, installed by ./dev test
        pdf_export.write_pdf(data, shop.path.parent / "team.pdf", "en")
        printed = subprocess.run(["pdftotext", "-layout", str(shop.path.parent / "team.pdf"), "-"], capture_output=True,
                                 text=True, check=True).stdout  # fmt: skip
        assert "By teammate" in printed and "Bruno" in printed
