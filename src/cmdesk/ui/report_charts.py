"""A report's chart in the window: the image reports/screen_charts.py drew (in a child process, see
services/chart_drawing.py), whose bars and cells know what they stand for, so a click opens the conversations
behind them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from cmdesk.reports.screen_charts import RenderedChart


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


__all__ = ["ChartImage"]
