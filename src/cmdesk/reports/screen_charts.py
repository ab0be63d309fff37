"""The report's charts as the window shows them: drawn by matplotlib's Agg backend into RGBA bytes, each with the
boxes of its bars and cells and what they stand for, so that a click opens the conversations behind them. No Qt
here: they are drawn in a child process (services/chart_drawing.py) and shown by ui/report_charts.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cmdesk.domain.reporting import ReportData

WIDTH_PIXELS, HEIGHT, DPI = 760, 2.8, 100
"""A chart's width on screen unless the window says otherwise (pixels), its height (inches) and resolution."""


@dataclass(frozen=True, slots=True)
class RenderedChart:
    title: str
    rgba: bytes
    width: int
    height: int
    boxes: tuple[tuple[tuple[float, float, float, float], tuple[Any, ...]], ...]
    """(x, y, width, height) in image pixels from the top left, and what is there: ("days", first, last) for a
    bar, ("hour", weekday, hour) for a cell."""


def render(
    data: ReportData, language: str, numbers: Sequence[int] | None = None, width: int = WIDTH_PIXELS
) -> list[RenderedChart]:
    """The report's charts (those `numbers`, else all) as images with their clickable boxes (any thread: no Qt
    here but bytes). Each takes 80 ms or so."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from cmdesk.reports import charts
    from cmdesk.reports.texts import Words

    words = Words(language, printed=False)
    groups = charts.buckets(data.period.days())
    rendered = []
    chosen = range(len(charts.CHARTS)) if numbers is None else numbers
    for title, chart in (charts.CHARTS[number] for number in chosen):
        figure = charts.figure_of(chart, data, words, width / DPI, HEIGHT)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()  # type: ignore[no-untyped-call]
        width, height = canvas.get_width_height()
        axes = figure.axes[0]
        boxes: list[tuple[tuple[float, float, float, float], tuple[Any, ...]]] = []
        if chart is charts.busiest_hours:
            for weekday in range(7):
                for hour in range(24):
                    cell = axes.transData.transform([(hour - 0.5, weekday - 0.5), (hour + 0.5, weekday + 0.5)])
                    boxes.append((_box(cell, height), ("hour", weekday, hour)))
        else:
            bottom, top = axes.bbox.y0, axes.bbox.y1
            for number, group in enumerate(groups):
                left = axes.transData.transform([(number - 0.4, 0.0), (number + 0.4, 0.0)])
                corners = [(left[0][0], bottom), (left[1][0], top)]
                boxes.append((_box(corners, height), ("days", group[0], group[-1])))
        pixels = bytes(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
        rendered.append(RenderedChart(title, pixels, width, height, tuple(boxes)))
    return rendered


def _box(corners: Any, height: int) -> tuple[float, float, float, float]:
    """Display corners (origin bottom left) as an image box (origin top left)."""
    (x0, y0), (x1, y1) = corners
    left, right, low, high = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return (float(left), float(height - high), float(right - left), float(high - low))


__all__ = ["RenderedChart", "render"]
