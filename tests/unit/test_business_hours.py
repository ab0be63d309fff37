"""Issue 18, part 1: time counted in a client's business hours — nights, weekends, holidays, time zones, summer
time — and when a first-response target falls due."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cmdesk.domain.business_hours import (
    BusinessHours,
    BusinessHoursError,
    from_json,
    parse_week,
    week_text,
)

PARIS = ZoneInfo("Europe/Paris")
OFFICE = BusinessHours(parse_week("mon-fri 9:00-18:00"), "Europe/Paris", target_minutes=240)


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


def hours(value: float) -> float:
    return round(value / 3600, 4)


def test_within_one_working_day_it_is_the_clock() -> None:
    assert hours(OFFICE.seconds_between(paris(2026, 12, 1, 10), paris(2026, 12, 1, 13, 30))) == 3.5


def test_nights_and_weekends_do_not_count() -> None:
    friday_evening, monday_morning = paris(2026, 12, 4, 17, 55), paris(2026, 12, 7, 9, 10)
    assert hours(OFFICE.seconds_between(friday_evening, monday_morning)) == round(15 / 60, 4)
    saturday, sunday = paris(2026, 12, 5, 10), paris(2026, 12, 6, 20)
    assert OFFICE.seconds_between(saturday, sunday) == 0
    assert OFFICE.seconds_between(monday_morning, friday_evening) == 0, "backwards is nothing"


def test_holidays_do_not_count() -> None:
    christmas = BusinessHours(OFFICE.week, "Europe/Paris", frozenset({date(2026, 12, 25)}))
    thursday, monday = paris(2026, 12, 24, 17), paris(2026, 12, 28, 10)
    assert hours(christmas.seconds_between(thursday, monday)) == 2.0, "Thursday 17-18 and Monday 9-10"
    assert hours(OFFICE.seconds_between(thursday, monday)) == 11.0


def test_the_clients_time_zone_not_the_computers() -> None:
    montreal = BusinessHours(OFFICE.week, "America/Montreal")
    asked = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)  # 15:00 in Paris, 9:00 in Montreal
    answered = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    assert hours(montreal.seconds_between(asked, answered)) == 2.0
    assert hours(OFFICE.seconds_between(asked, answered)) == 2.0
    early = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 9:00 in Paris, 3:00 in Montreal
    assert hours(montreal.seconds_between(early, asked)) == 0.0
    assert hours(OFFICE.seconds_between(early, asked)) == 6.0


def test_summer_time_change_keeps_the_wall_clock() -> None:
    shop = BusinessHours(parse_week("sun 9:00-13:00"), "Europe/Paris")
    # 29 March 2026: clocks go from 2:00 to 3:00; the shop still opens at 9:00 local (7:00 UTC).
    day_start, day_end = paris(2026, 3, 29, 0), paris(2026, 3, 29, 23)
    assert hours(shop.seconds_between(day_start, day_end)) == 4.0
    assert shop.after(day_start, 60).astimezone(UTC) == datetime(2026, 3, 29, 7, 1, tzinfo=UTC)


def test_when_the_target_falls_due() -> None:
    friday_afternoon = paris(2026, 12, 4, 16, 0)
    assert OFFICE.due(friday_afternoon) == paris(2026, 12, 7, 11, 0), "2 h on Friday, 2 h on Monday"
    night = paris(2026, 12, 1, 23, 30)
    assert OFFICE.due(night) == paris(2026, 12, 2, 13, 0)
    assert BusinessHours(OFFICE.week, "Europe/Paris").due(night) is None, "no target, never due"
    assert BusinessHours(target_minutes=60).due(night) == night + timedelta(hours=1), "24/7"


def test_hours_read_and_written() -> None:
    week = parse_week("tue-sat 7h00-19h30, sun 7:00-13:00")
    assert week_text(week) == "tue-sat 07:00-19:30, sun 07:00-13:00"
    assert parse_week("sat-mon 10-12") == {5: (600, 720), 6: (600, 720), 0: (600, 720)}
    assert parse_week("mar-sam 7h-19h30, dim 7h-13h") == week, "French day names and hours"
    stored = BusinessHours(week, "Europe/Paris", frozenset({date(2026, 12, 25)}), 240)
    assert from_json(stored.to_json()) == stored
    for bad in ("mon 18:00-9:00", "someday 9-10", "mon 9:00", "mon 25:00-26:00"):
        with pytest.raises(BusinessHoursError):
            parse_week(bad)
    assert from_json('{"zone": "Mars/Olympus"}') == BusinessHours(), "unreadable: 24/7, no target"
    assert from_json("not json") == BusinessHours()


def test_a_long_wait_is_counted_by_weeks_and_agrees_with_counting_every_day() -> None:
    shop = BusinessHours(
        parse_week("tue-sat 7:00-19:30, sun 7:00-13:00"),
        "Europe/Paris",
        frozenset({date(2026, 7, 14), date(2026, 5, 1)}),
    )
    start, end = paris(2026, 2, 3, 15, 12), paris(2026, 11, 20, 10, 5)
    by_day = sum(
        max(0.0, (min(closes, end) - max(opens, start)).total_seconds())
        for opens, closes in shop._spans(start.date(), end.date())  # noqa: SLF001 - the day-by-day reference
    )
    assert abs(shop.seconds_between(start, end) - by_day) <= 2 * 3600, "within the two summer-time hours"
    assert hours(OFFICE.seconds_between(paris(2026, 1, 5, 9), paris(2026, 3, 2, 9))) == 8 * 9 * 5
