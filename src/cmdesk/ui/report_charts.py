"""The report's charts for the window: drawn by matplotlib's Agg backend on the reading thread (the window never
waits for a chart), shown as images whose bars and cells know what they stand for, so a click opens the
conversations behind them. `render` runs off the window's thread; `ChartImage` is the widget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from cmdesk.domain.reporting import ReportData

WIDTH, HEIGHT, DPI = 7.6, 2.8, 100


@dataclass(frozen=True, slots=True)
class RenderedChart:
    title: str
    rgba: bytes
    width: int
    height: int
    boxes: tuple[tuple[tuple[float, float, float, float], tuple[Any, ...]], ...]
    """(x, y, width, height) in image pixels from the top left, and what is there: ("days", first, last) for a
    bar, ("hour", weekday, hour) for a cell."""


def render(data: ReportData, language: str) -> list[RenderedChart]:
    """Every chart of the report as an image with its clickable boxes (any thread: no Qt here but bytes)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from cmdesk.reports import charts
    from cmdesk.reports.texts import Words

    words = Words(language, printed=False)
    groups = charts.buckets(data.period.days())
    rendered = []
    for title, chart in charts.CHARTS:
        figure = charts.figure_of(chart, data, words, WIDTH, HEIGHT)
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        width, height = canvas.get_width_height()
        axes = figure.axes[0]
        boxes: list[tuple[tuple[float, float, float, float], tuple[Any, ...]]] = []
        if chart is charts.busiest_hours:
            for weekday in range(7):
                for hour in range(24):
                    corners = axes.transData.transform([(hour - 0.5, weekday - 0.5), (hour + 0.5, weekday + 0.5)])
                    boxes.append((_box(corners, height), ("hour", weekday, hour)))
        else:
            bottom, top = axes.bbox.y0, axes.bbox.y1
            for number, group in enumerate(groups):
                left = axes.transData.transform([(number - 0.4, 0.0), (number + 0.4, 0.0)])
                corners = [(left[0][0], bottom), (left[1][0], top)]
                boxes.append((_box(corners, height), ("days", group[0], group[-1])))
        rendered.append(RenderedChart(title, bytes(canvas.buffer_rgba()), width, height, tuple(boxes)))
    return rendered


def _box(corners: Any, height: int) -> tuple[float, float, float, float]:
    """Display corners (origin bottom left) as an image box (origin top left)."""
    (x0, y0), (x1, y1) = corners
    left, right, low, high = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return (float(left), float(height - high), float(right - left), float(high - low))


class ChartImage(QLabel):
    """A rendered chart; a click on a bar or a cell says what it stands for."""

    clicked = Signal(object)  # the box's key: ("days", first, last) or ("hour", weekday, hour)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self._boxes: tuple[tuple[QRectF, tuple[Any, ...]], ...] = ()
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def show_chart(self, chart: RenderedChart) -> None:
        image = QImage(chart.rgba, chart.width, chart.height, QImage.Format.Format_RGBA8888).copy()
        self.setPixmap(QPixmap.fromImage(image))
        self.setFixedSize(chart.width, chart.height)
        self.setToolTip(self.tr("Click a bar or a cell to see the conversations behind it"))
        self._boxes = tuple((QRectF(*box), key) for box, key in chart.boxes)

    def key_at(self, point: QPoint) -> tuple[Any, ...] | None:
        return next((key for box, key in self._boxes if box.contains(point.toPointF())), None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        over = self.key_at(event.position().toPoint()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        key = self.key_at(event.position().toPoint())
        if key is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(key)
            return
        super().mousePressEvent(event)


__all__ = ["ChartImage", "RenderedChart", "render"]
