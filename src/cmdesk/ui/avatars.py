"""A person's avatar, drawn rather than downloaded (nothing is fetched to show a face): their initials on a colour
derived from their name, with the network's mark as a small badge on the corner. Painted into inbox rows, and served
as images to the thread and the composer's preview under `avatar:` URLs.

Inbox rows draw avatars from kept pictures (a few hundred at most): people share colours and initials, and an avatar
drawn anew (two anti-aliased discs, two texts shaped) was a fifth of a new row's paint."""

from __future__ import annotations

from urllib.parse import quote, unquote

from PySide6.QtCore import QRect, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

from cmdesk.ui import style
from cmdesk.ui.kept_pictures import KeptPictures, drawn

SCHEME = "avatar"
KEPT = 256
"""Avatar pictures kept for inbox rows (~20 KB each at 2×)."""
_kept = KeptPictures(KEPT)


def paint_kept(painter: QPainter, rect: QRect, person: str, network: str, ring: QColor, font: QFont) -> None:
    """As `paint`, from a kept picture of the same avatar when there is one (the same initials on the same
    colours, size, font and pixel ratio)."""
    ratio = painter.device().devicePixelRatioF()
    key = (
        style.initials(person),
        style.person_colour(person).rgba(),
        network,
        ring.rgba(),
        rect.width(),
        rect.height(),
        font.key(),
        ratio,
    )
    picture = _kept.get(key)
    if picture is None:
        # The badge hangs past the square by 0.3 of its side: the picture leaves room for it.
        overhang = max(8, round(rect.width() * 0.42)) // 2 + 2
        square = QRect(0, 0, rect.width(), rect.height())
        picture = _kept.keep(
            key,
            drawn(
                rect.width() + overhang,
                rect.height() + overhang,
                ratio,
                Qt.GlobalColor.transparent,
                lambda own: paint(own, square, person, network, ring, font),
            ),
        )
    painter.drawPixmap(rect.topLeft(), picture)


def paint(painter: QPainter, rect: QRect, person: str, network: str, ring: QColor, font: QFont) -> None:
    """The avatar in `rect` (a square); `ring` separates the network badge from the avatar (the background)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.person_colour(person))
    painter.drawEllipse(rect)
    bold = QFont(font)
    bold.setBold(True)
    bold.setPixelSize(max(6, round(rect.height() * 0.36)))
    painter.setFont(bold)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, style.initials(person))
    if network:
        side = max(8, round(rect.width() * 0.42))
        corner = QRectF(rect.right() - side * 0.7, rect.bottom() - side * 0.7, side, side)
        painter.setPen(QPen(ring, max(1.0, side / 10)))
        painter.setBrush(style.network_colour(network))
        painter.drawEllipse(corner)
        small = QFont(font)
        small.setBold(True)
        small.setPixelSize(max(5, round(side * 0.6)))
        painter.setFont(small)
        painter.setPen(QColor("white"))
        painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, style.network_letter(network))
    painter.restore()


def url(person: str, network: str) -> str:
    """The `avatar:` URL of a person on a network, for an `<img>` in the thread or the preview."""
    return f"{SCHEME}:{quote(network, safe='')}/{quote(person, safe='')}"


def image(address: QUrl | str, size: int, ring: QColor, font: QFont) -> QImage | None:
    """The picture an `avatar:` URL stands for, `size` logical pixels wide, sharp on high-DPI screens; None for any
    other URL."""
    text = address.toString() if isinstance(address, QUrl) else address
    if not text.startswith(SCHEME + ":"):
        return None
    network, _, person = text.removeprefix(SCHEME + ":").partition("/")
    application = QGuiApplication.instance()
    ratio = application.devicePixelRatio() if isinstance(application, QGuiApplication) else 1.0
    # The badge hangs past the circle: leave room for it.
    side = round((size + size * 0.14) * ratio)
    picture = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    picture.fill(Qt.GlobalColor.transparent)
    painter = QPainter(picture)
    paint(painter, QRect(0, 0, round(size * ratio), round(size * ratio)), unquote(person), unquote(network), ring, font)
    painter.end()
    picture.setDevicePixelRatio(ratio)
    return picture
