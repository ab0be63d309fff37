"""Pictures painted once and drawn again while what they show is the same: inbox rows, their avatars and chips.

A `KeptPictures` holds a bounded number, the least recently drawn going first; `drawn` paints a new one at a pixel
ratio (sharp on high-DPI screens) on a background.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


class KeptPictures:
    def __init__(self, bound: int) -> None:
        self.bound = bound
        self._kept: OrderedDict[Hashable, QPixmap] = OrderedDict()

    def get(self, key: Hashable) -> QPixmap | None:
        """The picture kept under `key` (now the most recently drawn), or None."""
        picture = self._kept.get(key)
        if picture is not None:
            self._kept.move_to_end(key)
        return picture

    def keep(self, key: Hashable, picture: QPixmap, bound: int | None = None) -> QPixmap:
        """Keep `picture` under `key`, at most `bound` pictures (the kept's own bound when None); `picture`."""
        self._kept[key] = picture
        while len(self._kept) > (bound if bound is not None else self.bound):
            self._kept.popitem(last=False)
        return picture

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


def drawn(
    width: float, height: float, ratio: float, background: QColor | Qt.GlobalColor, draw: Callable[[QPainter], None]
) -> QPixmap:
    """A picture of `width` × `height` logical pixels at pixel ratio `ratio`, filled with `background`, then `draw`n
    on (in logical pixels)."""
    picture = QPixmap(round(width * ratio), round(height * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(background)
    painter = QPainter(picture)
    draw(painter)
    painter.end()
    return picture
