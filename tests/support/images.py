"""A small picture for the window tests that load images from a server (a post's media, a feed's thumbnail)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer
from PySide6.QtGui import QImage


def png() -> bytes:
    """An 8 × 8 orange PNG."""
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFFCC8800)
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())
