"""The report as a PDF, A4, one section a page: a cover with the client's name, the period and the messages
received, then totals and response times, field information for management, the three charts, top terms and
contacts, notable conversations, posts published, alerts. Drawn by matplotlib's PDF backend (fonts embedded: DejaVu
Sans, which matplotlib ships); black text, charts that keep their hatching in black and white."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from cmdesk.domain.bulk import collector_paused
from cmdesk.domain.reporting import ConversationLine, ReportData
from cmdesk.reports import charts
from cmdesk.reports.fonts import use_report_fonts
from cmdesk.reports.html_export import teammate_headers, teammate_rows, totals_rows
from cmdesk.reports.texts import Words

A4 = (8.27, 11.69)
LINE = 0.022
"""Height of a line of table text, as a fraction of the page."""
ROWS_A_PAGE = 34
LINE_SPACING = LINE * A4[1] * 72 / (8 * 1.2)
"""matplotlib's line spacing (a multiple of 1.2 × the font size) that puts the lines of 8-point text one LINE apart."""


class _Pages:
    def __init__(self, pdf: PdfPages, words: Words, footer: str) -> None:
        self.pdf = pdf
        self.words = words
        self.footer = footer
        self.number = 0

    def page(self, title: str) -> Figure:
        figure = Figure(figsize=A4, dpi=100)
        figure.text(0.08, 0.94, title, fontsize=18 if len(title) <= 48 else 14, weight="bold", wrap=True)
        return figure

    def save(self, figure: Figure) -> None:
        self.number += 1
        figure.text(0.08, 0.03, self.footer, fontsize=7, color="#5d6d7e")
        figure.text(0.92, 0.03, str(self.number), fontsize=7, color="#5d6d7e", ha="right")
        self.pdf.savefig(figure)  # type: ignore[no-untyped-call]

    def table(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A titled table, continued on as many pages as it needs; "nothing" when it is empty. Each column of a page
        is one text of many lines (a text per cell made a page cost 40 ms)."""
        chunks = [rows[start : start + ROWS_A_PAGE] for start in range(0, len(rows), ROWS_A_PAGE)] or [[]]
        for chunk in chunks:
            figure = self.page(title)
            top = 0.88
            if not chunk:
                figure.text(0.08, top, self.words("Nothing in this period."), fontsize=10)
            else:
                x = 0.08
                for column, width in enumerate(widths):
                    room = max(4, int(width * 130))
                    cells = [_fitted(str(row[column]), room) for row in chunk]
                    figure.text(x, top, _fitted(headers[column], room), fontsize=8, weight="bold", va="baseline")
                    figure.text(x, top - LINE, "\n".join(cells), fontsize=8, va="top", linespacing=LINE_SPACING)
                    x += width
            self.save(figure)


def _fitted(text: str, room: int) -> str:
    """The text on one line of at most `room` characters."""
    flat = " ".join(text.split())
    return textwrap.shorten(flat, room, placeholder="…") if len(flat) > room else flat


def _lines(lines: Sequence[ConversationLine], words: Words, zone: ZoneInfo) -> list[list[str]]:
    return [
        [
            line.author,
            line.subject,
            words.moment(line.first_message_at.astimezone(zone)) if line.first_message_at else "—",
            words.duration(line.first_response_seconds),
            words.duration(line.waiting_seconds),
            words.sentiment(line.sentiment),
        ]
        for line in lines
    ]


def write_pdf(data: ReportData, path: Path, language: str = "en") -> int:
    """Write the PDF; returns its number of pages."""
    with collector_paused():  # a thousand artists beside a year's lines (domain/bulk.py)
        return _write_pdf(data, path, language)


def _write_pdf(data: ReportData, path: Path, language: str) -> int:
    use_report_fonts()
    words = Words(language)
    zone = ZoneInfo(data.period.zone)
    period = f"{words.day(data.period.first)} – {words.day(data.period.last)}"
    with PdfPages(path, metadata={"Title": f"{data.client} — {period}", "Creator": "cmdesk"}) as pdf:
        pages = _Pages(pdf, words, f"{data.client} · {period}")
        cover = Figure(figsize=A4, dpi=100)
        cover.text(0.08, 0.80, words("Report for management"), fontsize=14, color="#5d6d7e")
        cover.text(0.08, 0.72, data.client, fontsize=30, weight="bold", wrap=True)
        cover.text(0.08, 0.65, f"{words('Period')}: {period} ({data.period.zone})", fontsize=14)
        cover.text(0.08, 0.52, words.number(data.received), fontsize=44, weight="bold")
        cover.text(0.08, 0.48, words("Messages received"), fontsize=14)
        cover.text(0.08, 0.10, f"{words('Generated')}: {words.moment(data.generated_at.astimezone(zone))}", fontsize=9)
        pages.save(cover)
        pages.table(words("Totals and response times"), ["", ""], totals_rows(data, words), [0.5, 0.34])
        flagged = [[line.author, line.subject, line.for_management or ""] for line in data.flagged()]
        pages.table(words("For management"), [words("Who"), words("Subject"), words("Note")], flagged, [0.2, 0.3, 0.34])
        teammates = teammate_rows(data, words)
        if teammates:
            widths = [0.2, 0.12, 0.12, 0.12, 0.14, 0.14]
            pages.table(words("By teammate"), teammate_headers(words), teammates, widths)
        for title, chart in charts.CHARTS:
            page = pages.page(words(title))
            chart(page.add_axes((0.1, 0.5, 0.82, 0.36)), data, words)
            pages.save(page)
        terms = [[term, words.number(count)] for term, count in data.top_terms]
        contacts = [[name, words.number(count)] for name, count in data.top_contacts]
        pages.table(words("Top terms"), [words("Top terms"), words("messages")], terms, [0.5, 0.3])
        pages.table(words("Top contacts"), [words("Who"), words("messages")], contacts, [0.5, 0.3])
        headers = [words("Who"), words("Subject"), words("First message"), words("First response"), words("Waiting"),
                   words("Sentiment")]  # fmt: skip
        widths = [0.16, 0.26, 0.14, 0.1, 0.1, 0.1]
        for title, lines in (
            (words("Most negative"), data.most_negative()),
            (words("Longest unanswered"), data.longest_unanswered()),
            (words("Busiest"), data.busiest()),
        ):
            pages.table(f"{words('Notable conversations')} — {title}", headers, _lines(lines, words, zone), widths)
        posts = [
            [
                words.moment(post.published_at.astimezone(zone)),
                post.text,
                str(post.favourites),
                str(post.boosts),
                str(post.replies),
            ]  # fmt: skip
            for post in data.posts
        ]
        pages.table(
            words("Posts published"),
            [words("Published"), words("Text"), words("Favourites"), words("Boosts"), words("Replies")],
            posts,
            [0.15, 0.4, 0.1, 0.1, 0.1],
        )
        alerts = [[words.moment(alert.started_at.astimezone(zone)), alert.explanation] for alert in data.alerts]
        pages.table(words("Bad-buzz alerts"), [words("Started"), words("Explanation")], alerts, [0.16, 0.68])
        return pages.number


__all__ = ["write_pdf"]
