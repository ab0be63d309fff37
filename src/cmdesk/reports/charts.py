"""The report's charts, drawn by matplotlib (its object API, never pyplot: no global state, no GUI backend): volume
per day by network and kind, sentiment over time, the busiest hours. Each series has its own grey and, in print
(PDF, HTML — `Words.printed`), its own hatching as
well as its colour, so a chart stays readable printed in black and white. The HTML export embeds them as SVG, the
PDF draws them on its pages, and the window puts the same figures on a Qt canvas."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from cmdesk.domain.reporting import ReportData
from cmdesk.reports.fonts import use_report_fonts
from cmdesk.reports.texts import WEEKDAYS, Words

PALETTE = ("#1b4f72", "#5dade2", "#1e8449", "#f4d03f", "#a04000", "#7d3c98", "#85929e")
HATCHES = ("", "///", "...", "xx", "\\\\\\", "++", "oo")
SENTIMENTS = (
    ("negative", "#b03a2e", "///"),
    ("neutral", "#aab7b8", ""),
    ("positive", "#1e8449", "..."),
    ("", "#e5e8e8", "xx"),
)
"""Each label with its colour and hatching; "" is a message not judged yet (drawn only when there is one)."""
MOST_SERIES = 6
"""Series drawn apart in the volume chart; the rest are summed as "other"."""


DAILY_UP_TO = 62
"""Periods longer than this many days are drawn by week (and past a year, by month): readable bars, and a year's
chart draws in tens of milliseconds, not seconds."""


def buckets(days: list[date]) -> list[list[date]]:
    """The period's days grouped as the charts show them: each day, each week (from Monday), or each month."""
    if len(days) <= DAILY_UP_TO:
        return [[day] for day in days]
    groups: dict[tuple[int, int], list[date]] = {}
    for day in days:
        key = day.isocalendar()[:2] if len(days) <= 400 else (day.year, day.month)
        groups.setdefault(key, []).append(day)
    return list(groups.values())


def _day_ticks(axes: Axes, groups: list[list[date]], words: Words) -> None:
    """About twelve labelled ticks under the bars (a tick costs matplotlib a few milliseconds to make and draw)."""
    step = max(1, len(groups) // 12)
    shown = range(0, len(groups), step)
    axes.set_xticks(list(shown), [words.short_day(groups[number][0]) for number in shown], fontsize=7)


def _bars(
    axes: Axes, heights: list[float], bottom: list[float], label: str, colour: str, hatch: str | None
) -> list[float]:
    """One series of stacked bars (0.8 wide, centred on 0, 1, 2…) drawn as a single collection: a year's chart
    has hundreds of bars, and one patch each costs matplotlib 0.5 ms to add and again to draw; returns the new
    tops."""
    boxes = [
        [(number - 0.4, low), (number + 0.4, low), (number + 0.4, low + high), (number - 0.4, low + high)]
        for number, (low, high) in enumerate(zip(bottom, heights, strict=True))
        if high
    ]
    bars = PolyCollection(boxes, facecolors=colour, edgecolors="white", linewidths=0.4, label=label)
    if hatch:
        bars.set_hatch(hatch)
    axes.add_collection(bars, autolim=False)
    return [low + high for low, high in zip(bottom, heights, strict=True)]


def _fit(axes: Axes, count: int, tops: list[float]) -> None:
    """The axes' limits around stacked bars (a collection does not set them)."""
    axes.set_xlim(-0.6, count - 0.4)
    axes.set_ylim(0, max(tops, default=0) * 1.05 or 1)


def volume_by_day(axes: Axes, data: ReportData, words: Words) -> None:
    """Stacked bars: inbound messages per day, one series per (network, kind), the largest first."""
    groups = buckets(data.period.days())
    totals: Counter[tuple[str, str]] = Counter()
    for values in data.daily.values():
        totals.update(values)
    series = [key for key, _count in totals.most_common(MOST_SERIES)]
    bottom = [0.0] * len(groups)
    for number, key in enumerate([*series, ("", "")]):
        heights = [
            float(
                sum(
                    sum(count for k, count in data.daily.get(day, {}).items() if k not in series)
                    if key == ("", "")
                    else data.daily.get(day, {}).get(key, 0)
                    for day in group
                )
            )
            for group in groups
        ]
        if not any(heights):
            continue
        label = words.series(*key)
        hatch = HATCHES[number % len(HATCHES)] if words.printed else None
        bottom = _bars(axes, heights, bottom, label, PALETTE[number % len(PALETTE)], hatch)
    _fit(axes, len(groups), bottom)
    _day_ticks(axes, groups, words)
    axes.set_ylabel(words("Messages received"), fontsize=8)
    axes.set_title(words("Volume per day"), fontsize=10)
    axes.tick_params(axis="y", labelsize=7)
    if series:
        axes.legend(fontsize=7, frameon=False, ncols=2)


def sentiment_by_day(axes: Axes, data: ReportData, words: Words) -> None:
    """Stacked bars per day: negative, neutral, positive inbound messages."""
    groups = buckets(data.period.days())
    bottom = [0.0] * len(groups)
    for label, colour, hatch in SENTIMENTS:
        heights = [float(sum(data.sentiment_daily.get(day, {}).get(label, 0) for day in group)) for group in groups]
        if not label and not any(heights):
            continue
        bottom = _bars(axes, heights, bottom, words.sentiment(label), colour, hatch if words.printed else None)
    _fit(axes, len(groups), bottom)
    _day_ticks(axes, groups, words)
    axes.set_title(words("Sentiment over time"), fontsize=10)
    axes.tick_params(axis="y", labelsize=7)
    axes.legend(fontsize=7, frameon=False)


def busiest_hours(axes: Axes, data: ReportData, words: Words) -> None:
    """A weekday × hour grid of inbound messages, darker for more (in the report's time zone)."""
    grid = [[data.heatmap.get((weekday, hour), 0) for hour in range(24)] for weekday in range(7)]
    image = axes.imshow(grid, cmap="Greys", aspect="auto", vmin=0)
    axes.set_yticks(range(7), [words(day) for day in WEEKDAYS], fontsize=7)
    axes.set_xticks(range(0, 24, 2), [f"{hour:02d}" for hour in range(0, 24, 2)], fontsize=7)
    axes.set_xlabel(words("Hour"), fontsize=8)
    axes.set_title(words("Busiest hours"), fontsize=10)
    colourbar = axes.figure.colorbar(image, ax=axes, shrink=0.8, ticks=MaxNLocator(integer=True))  # messages
    colourbar.ax.tick_params(labelsize=7)


Chart = Callable[[Axes, ReportData, Words], None]
CHARTS: tuple[tuple[str, Chart], ...] = (
    ("Volume per day", volume_by_day),
    ("Sentiment over time", sentiment_by_day),
    ("Busiest hours", busiest_hours),
)
"""Each chart with its title (English, for Words)."""


def figure_of(chart: Chart, data: ReportData, words: Words, width: float = 8.0, height: float = 3.2) -> Figure:
    """The chart on a figure of its own (for SVG, or a canvas in the window). In print its margins are worked out
    to fit the labels; on screen they are fixed, which draws in half the time (under 50 ms)."""
    use_report_fonts()
    if words.printed:
        figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    else:
        figure = Figure(figsize=(width, height), dpi=100)
        figure.subplots_adjust(left=0.07, right=0.97, bottom=0.12, top=0.88)
    chart(figure.add_subplot(), data, words)
    return figure


__all__ = ["CHARTS", "Chart", "buckets", "busiest_hours", "figure_of", "sentiment_by_day", "volume_by_day"]
