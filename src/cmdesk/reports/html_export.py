"""The report as one self-contained HTML file: its styles inline, its charts inline SVG, no script and no address
outside it — it opens from an e-mail attachment, offline, and prints one section a page."""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from matplotlib.figure import Figure

from cmdesk.domain.reporting import ConversationLine, ReportData
from cmdesk.reports import charts
from cmdesk.reports.texts import Words

MOST_ROWS = 500
"""Conversations listed in the page; the CSV export has them all."""

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1c2833; margin: 2em auto; max-width: 60em; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #1b4f72; padding-bottom: 0.2em; }
section { page-break-before: always; margin-top: 2.5em; } .cover { page-break-before: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; } td, th { border: 1px solid #aab7b8;
padding: 0.25em 0.5em; text-align: left; vertical-align: top; } th { background: #eaeded; }
.figures { display: flex; flex-wrap: wrap; gap: 0.5em; } .big { font-size: 2.2em; font-weight: bold; }
.totals td { width: 25%; } .meta { color: #5d6d7e; } svg { max-width: 100%; height: auto; }
"""


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    start, end = text.find("<metadata>"), text.find("</metadata>")
    return text[:start] + text[end + len("</metadata>") :] if start >= 0 and end > start else text


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{html.escape(text)}</th>" for text in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _section(title: str, content: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{content}</section>"


def _lines_table(lines: Sequence[ConversationLine], words: Words, zone: ZoneInfo) -> str:
    if not lines:
        return f"<p>{html.escape(words('Nothing in this period.'))}</p>"
    return _table(
        [
            words("Who"),
            words("Subject"),
            words("Network"),
            words("First message"),
            words("First response"),
            words("Waiting"),
            words("Sentiment"),
        ],  # fmt: skip
        (
            [
                line.author,
                line.subject[:90],
                words.series(line.network, line.kind),
                words.moment(line.first_message_at.astimezone(zone)) if line.first_message_at else "—",
                words.duration(line.first_response_seconds),
                words.duration(line.waiting_seconds),
                words.sentiment(line.sentiment),
            ]
            for line in lines
        ),
    )


def totals_rows(data: ReportData, words: Words) -> list[tuple[str, str]]:
    target = (
        f"{words.duration(data.target_minutes * 60)} {words('in business hours')}"
        if data.target_minutes is not None
        else words("none")
    )
    share = data.within_target
    return [
        (words("Messages received"), words.number(data.received)),
        (words("Messages sent"), words.number(data.sent)),
        (words("Conversations"), words.number(len(data.lines))),
        (words("Answered"), words.number(data.answered)),
        (words("Unanswered"), words.number(data.unanswered)),
        (words("Median first response"), words.duration(data.median_response)),
        (words("90th percentile first response"), words.duration(data.p90_response)),
        (words("First-response target"), target),
        (words("Answered within target"), "—" if share is None else f"{words.number(share * 100)} %"),
    ]


def teammate_headers(words: Words) -> list[str]:
    return [
        words("Who"),
        words("Conversations"),
        words("Answered"),
        words("Still waiting"),
        words("Median first response"),
        words("90th percentile first response"),
    ]


def teammate_rows(data: ReportData, words: Words) -> list[list[str]]:
    """The report split by teammate (team mode): one row a person, nobody's last; none without assignments."""
    return [
        [
            line.person or words("Nobody"),
            words.number(line.conversations),
            words.number(line.answered),
            words.number(line.waiting),
            words.duration(line.median_response),
            words.duration(line.p90_response),
        ]
        for line in data.by_teammate()
    ]


def render_html(data: ReportData, language: str = "en") -> str:
    words = Words(language)
    zone = ZoneInfo(data.period.zone)
    period = f"{words.day(data.period.first)} – {words.day(data.period.last)}"
    parts = [
        f'<!DOCTYPE html><html lang="{words.language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(data.client)} — {html.escape(period)}</title><style>{STYLE}</style></head><body>",
        f'<div class="cover"><p class="meta">{html.escape(words("Report for management"))}</p>'
        f"<h1>{html.escape(data.client)}</h1><p>{html.escape(words('Period'))}: {html.escape(period)} "
        f"({html.escape(data.period.zone)})</p>"
        f'<p><span class="big">{html.escape(words.number(data.received))}</span> '
        f"{html.escape(words('Messages received').lower())}</p>"
        f'<p class="meta">{html.escape(words("Generated"))}: '
        f"{html.escape(words.moment(data.generated_at.astimezone(zone)))}</p></div>",
        _section(words("Totals and response times"), _table(["", ""], totals_rows(data, words))),
    ]
    flagged = data.flagged()
    parts.append(
        _section(
            words("For management"),
            f"<p>{html.escape(words('Field information flagged for management, with its note.'))}</p>"
            + (
                _table(
                    [words("Who"), words("Subject"), words("Note")],
                    ([line.author, line.subject[:90], line.for_management or ""] for line in flagged),
                )
                if flagged
                else f"<p>{html.escape(words('Nothing in this period.'))}</p>"
            ),
        )
    )
    teammates = teammate_rows(data, words)
    if teammates:
        parts.append(
            _section(
                words("By teammate"),
                f"<p>{html.escape(words('Conversations of the period by the teammate they are assigned to.'))}</p>"
                + _table(teammate_headers(words), teammates),
            )
        )
    for title, chart in charts.CHARTS:
        parts.append(_section(words(title), _svg(charts.figure_of(chart, data, words))))
    parts.append(
        _section(
            words("Top terms"),
            _table([words("Top terms"), words("messages")], data.top_terms)
            + f"<h2>{html.escape(words('Top contacts'))}</h2>"
            + _table([words("Who"), words("messages")], data.top_contacts),
        )
    )
    notable = "".join(
        f"<h3>{html.escape(title)}</h3>{_lines_table(lines, words, zone)}"
        for title, lines in (
            (words("Most negative"), data.most_negative()),
            (words("Longest unanswered"), data.longest_unanswered()),
            (words("Busiest"), data.busiest()),
        )
    )
    parts.append(_section(words("Notable conversations"), notable))
    parts.append(
        _section(
            words("Posts published"),
            _table(
                [
                    words("Published"),
                    words("Network"),
                    words("Text"),
                    words("Favourites"),
                    words("Boosts"),
                    words("Replies"),
                ],  # fmt: skip
                (
                    [
                        words.moment(post.published_at.astimezone(zone)),
                        post.account,
                        post.text[:140],
                        post.favourites,
                        post.boosts,
                        post.replies,
                    ]  # fmt: skip
                    for post in data.posts
                ),
            )
            if data.posts
            else f"<p>{html.escape(words('Nothing in this period.'))}</p>",
        )
    )
    parts.append(
        _section(
            words("Bad-buzz alerts"),
            _table(
                [words("Started"), words("Explanation")],
                ([words.moment(alert.started_at.astimezone(zone)), alert.explanation] for alert in data.alerts),
            )
            if data.alerts
            else f"<p>{html.escape(words('Nothing in this period.'))}</p>",
        )
    )
    listed = data.lines[:MOST_ROWS]
    more = len(data.lines) - len(listed)
    parts.append(
        _section(
            words("All conversations"),
            _lines_table(listed, words, zone)
            + (f"<p>{html.escape(words('and {n} more in the CSV export').format(n=more))}</p>" if more else ""),
        )
    )
    parts.append("</body></html>")
    return "".join(parts)


__all__ = ["render_html", "totals_rows"]
