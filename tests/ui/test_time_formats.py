"""Issue 16, defect 9: times mixed 12- and 24-hour ("7:10 PM" in the list, "Tue 23:30" in the snooze menu, both in one
Outbox column), the French composer showed ISO "2026-12-01 21:26", and its date picker started weeks on Sunday while
the calendar started on Monday. One locale-driven format everywhere; the week's first day from the locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QLocale, Qt

from cmdesk.models.time_text import clock, edit_format, local_time, week_start


@pytest.fixture
def locale_of() -> Iterator[object]:
    before = QLocale()

    def use(name: str) -> None:
        QLocale.setDefault(QLocale(name))

    yield use
    QLocale.setDefault(before)


def test_one_clock_per_locale(locale_of) -> None:  # type: ignore[no-untyped-def]
    evening = datetime(2026, 12, 1, 19, 10).astimezone()
    locale_of("en_US")
    assert clock(evening) == "7:10\u202fPM" or clock(evening) == "7:10 PM"
    assert local_time(evening).endswith(clock(evening)) and "19:10" not in local_time(evening, "ddd")
    assert "yyyy" in edit_format() and "AP" in edit_format().upper()
    locale_of("fr_FR")
    assert clock(evening) == "19:10"
    assert local_time(evening) == "mar. 1 déc. 19:10"
    assert edit_format().startswith("dd/MM/yyyy") and "HH:mm" in edit_format()


def test_the_week_starts_as_the_locale_says(locale_of) -> None:  # type: ignore[no-untyped-def]
    locale_of("fr_FR")
    assert week_start() == 0 and QLocale().firstDayOfWeek() == Qt.DayOfWeek.Monday
    locale_of("en_US")
    assert week_start() == 6
