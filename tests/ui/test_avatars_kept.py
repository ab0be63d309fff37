"""Inbox avatars come from kept pictures (ui/avatars.py `paint_kept`): each looks like the avatar drawn anew for
that person, network, background and size, whatever was kept before it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from cmdesk.ui import avatars

SIDE = 36


def _drawn(kept: bool, person: str, network: str, ring: QColor, side: int = SIDE) -> QImage:
    picture = QImage(side + 24, side + 24, QImage.Format.Format_ARGB32_Premultiplied)
    picture.fill(ring)
    painter = QPainter(picture)
    draw = avatars.paint_kept if kept else avatars.paint
    draw(painter, QRect(4, 4, side, side), person, network, ring, QFont("DejaVu Sans", 10))
    painter.end()
    return picture


def _largest_difference(one: QImage, other: QImage) -> int:
    """The largest difference of a colour channel between two pictures of one size (compositing a kept picture
    rounds an anti-aliased edge by one step at most)."""
    assert one.size() == other.size()
    worst = 0
    for y in range(one.height()):
        for x in range(one.width()):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)
            worst = max(worst, abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))
    return worst


def test_each_kept_avatar_looks_like_the_one_drawn_anew_whatever_was_kept_before(qtbot) -> None:  # type: ignore[no-untyped-def]
    avatars._kept.clear()
    white, highlight = QColor("white"), QColor("#3d6fb4")
    # One avatar, then each thing its key must tell apart: the person, the network, the background, the size.
    cases = [
        ("Inès B.", "mastodon", white, SIDE),
        ("Inès Bonnet", "mastodon", white, SIDE),
        ("Inès B.", "feed", white, SIDE),
        ("Inès B.", "mastodon", highlight, SIDE),
        ("Inès B.", "mastodon", white, 28),
        ("Zoé Martin", "", white, SIDE),
    ]
    for person, network, ring, side in cases:
        anew = _drawn(False, person, network, ring, side)
        assert _largest_difference(_drawn(True, person, network, ring, side), anew) <= 2, (person, network, side)
    assert len(avatars._kept) == len(cases)
    _drawn(True, "Inès B.", "mastodon", white)
    assert len(avatars._kept) == len(cases)  # the same avatar again: the kept one


def test_only_so_many_avatars_are_kept(qtbot) -> None:  # type: ignore[no-untyped-def]
    avatars._kept.clear()
    for number in range(avatars.KEPT + 40):
        _drawn(True, "Person", "feed", QColor(Qt.GlobalColor.white), 10 + number)
    assert len(avatars._kept) == avatars.KEPT
