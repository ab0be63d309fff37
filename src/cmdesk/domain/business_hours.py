"""A client's business hours and first-response target, and time counted in them: a question asked on Friday at
18:55 to a shop that closes at 19:00 and opens again on Monday at 9:00 has waited five business minutes on Monday at
9:00, not 62 hours. Per weekday opening hours (one span a day: a bakery's Tuesday–Saturday 7:00–19:30 and Sunday
7:00–13:00), a time zone (IANA name, so summer time is right), public holidays, and the target in business minutes.

Stored as JSON on the client (`to_json` / `from_json`); no hours at all means the clock never stops (24/7).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LONGEST_WAIT_DAYS = 3660
"""How far `after` and `seconds_between` walk: past ten years, a wait is counted as the clock sees it."""


class BusinessHoursError(ValueError):
    """Business hours that cannot be used, with what is wrong in words."""


@dataclass(frozen=True, slots=True)
class BusinessHours:
    """Opening spans per weekday (0 = Monday) as (opens, closes) minutes after midnight, local to `zone`."""

    week: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    zone: str = "UTC"
    holidays: frozenset[date] = frozenset()
    target_minutes: int | None = None
    """The first-response target in business minutes; None: no target (nothing is ever overdue)."""
    week_seconds: float = field(init=False, repr=False, compare=False, default=0.0)
    """Business seconds in a whole week, worked out once."""

    zone_info: ZoneInfo | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        total = sum((closes - opens) * 60.0 for opens, closes in self.week.values())
        object.__setattr__(self, "week_seconds", total)

    @property
    def always_open(self) -> bool:
        return not self.week

    def _tz(self) -> ZoneInfo:
        if self.zone_info is None:
            object.__setattr__(self, "zone_info", _zone(self.zone))
        assert self.zone_info is not None
        return self.zone_info

    def _spans(self, first: date, last: date) -> Iterator[tuple[datetime, datetime]]:
        """The opening spans of the days from `first` to `last` (local dates), as aware UTC datetimes."""
        tz = self._tz()
        day = first
        while day <= last:
            hours = self.week.get(day.weekday())
            if hours is not None and day not in self.holidays:
                opens, closes = (_at(day, minutes, tz) for minutes in hours)
                yield opens, closes
            day += timedelta(days=1)

    def seconds_between(self, start: datetime, end: datetime) -> float:
        """Business seconds from `start` to `end` (aware datetimes); 0 when `end` is not after `start`. Counted on
        the local wall clock (a report counts tens of thousands of waits: whole weeks by arithmetic, no datetime
        per day); a summer-time change in the middle of an opening span, which shops do not have, would be off by
        its hour."""
        if end <= start:
            return 0.0
        if self.always_open:
            return (end - start).total_seconds()
        tz = self._tz()
        local_start, local_end = start.astimezone(tz), end.astimezone(tz)
        first, last = local_start.date(), local_end.date()
        if first == last:
            return self._overlap(first, _minutes(local_start), _minutes(local_end))
        total = self._overlap(first, _minutes(local_start), 24 * 60) + self._overlap(last, 0, _minutes(local_end))
        between = (last - first).days - 1
        weeks, rest = divmod(between, 7)
        total += weeks * self.week_seconds
        weekday = (first.weekday() + 1) % 7  # the days left over after the whole weeks start on the same weekday
        for number in range(rest):
            total += self._weekday_seconds((weekday + number) % 7)
        if self.holidays:
            total -= sum(self._weekday_seconds(day.weekday()) for day in self.holidays if first < day < last)
        return total

    def _weekday_seconds(self, weekday: int) -> float:
        hours = self.week.get(weekday)
        return (hours[1] - hours[0]) * 60.0 if hours else 0.0

    def _overlap(self, day: date, begin: float, end: float) -> float:
        """Business seconds of `day` between two local times given in minutes after midnight."""
        hours = self.week.get(day.weekday())
        if hours is None or day in self.holidays:
            return 0.0
        return max(0.0, min(end, hours[1]) - max(begin, hours[0])) * 60.0

    def after(self, start: datetime, seconds: float) -> datetime:
        """The moment `seconds` business seconds after `start` (when the target falls due)."""
        if self.always_open:
            return start + timedelta(seconds=seconds)
        tz = self._tz()
        first = start.astimezone(tz).date()
        left = seconds
        last_close = start
        for opens, closes in self._spans(first, first + timedelta(days=LONGEST_WAIT_DAYS)):
            begin = max(opens, start)
            if closes <= begin:
                continue
            available = (closes - begin).total_seconds()
            if left <= available:
                return begin + timedelta(seconds=left)
            left -= available
            last_close = closes
        return last_close + timedelta(seconds=left)

    def due(self, waiting_since: datetime) -> datetime | None:
        """When a message waiting since then is past the target; None without a target."""
        if self.target_minutes is None:
            return None
        return self.after(waiting_since, self.target_minutes * 60)

    def to_json(self) -> str:
        return json.dumps(
            {
                "week": {DAYS[day]: [_clock(span[0]), _clock(span[1])] for day, span in sorted(self.week.items())},
                "zone": self.zone,
                "holidays": sorted(day.isoformat() for day in self.holidays),
                "target_minutes": self.target_minutes,
            },
            ensure_ascii=False,
        )


def response_times(
    messages: Sequence[tuple[str, datetime, bool]], hours: BusinessHours, now: datetime
) -> tuple[float | None, float | None]:
    """(business seconds to the first answer, business seconds someone has been waiting now) of a conversation,
    from its messages' (direction, created at, is the post people comment on) oldest first; None where there is
    none. The post people comment on is not a question."""
    first_asked, first_answer, waiting = _asked_answered_waiting(messages)
    answered = hours.seconds_between(first_asked, first_answer) if first_asked and first_answer else None
    return answered, hours.seconds_between(waiting, now) if waiting else None


def waiting_since(messages: Sequence[tuple[str, datetime, bool]]) -> datetime | None:
    """Since when someone has been waiting for an answer (as response_times counts it); None when nobody is."""
    return _asked_answered_waiting(messages)[2]


def _asked_answered_waiting(
    messages: Sequence[tuple[str, datetime, bool]],
) -> tuple[datetime | None, datetime | None, datetime | None]:
    """The first question, its first answer, and the oldest question not answered since."""
    first_asked = first_answer = waiting = None
    for direction, created, commented_post in messages:
        if direction == "out":
            if first_asked is not None and first_answer is None:
                first_answer = created
            waiting = None
        elif not commented_post:
            first_asked = first_asked or created
            waiting = waiting or created
    return first_asked, first_answer, waiting


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise BusinessHoursError(f"unknown time zone {name!r}") from error


def known_zone(name: str) -> str:
    """The IANA time zone name, checked; BusinessHoursError when this computer does not know it."""
    _zone(name.strip())
    return name.strip()


def _at(day: date, minutes: int, tz: ZoneInfo) -> datetime:
    """`minutes` after local midnight of `day` (24:00 is the next midnight) on the wall clock, in UTC: on the day
    summer time starts, 9:00 is still 9:00."""
    wall = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
    return wall.replace(tzinfo=tz).astimezone(UTC)


def _minutes(moment: datetime) -> float:
    return moment.hour * 60 + moment.minute + (moment.second + moment.microsecond / 1e6) / 60


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_clock(text: str) -> int:
    """ "9", "9:30", "09h30", "19.30", "24:00" → minutes after midnight."""
    cleaned = text.strip().lower().replace("h", ":").replace(".", ":")
    hours_text, _, minutes_text = cleaned.partition(":")
    try:
        hours, minutes = int(hours_text), int(minutes_text or 0)
    except ValueError as error:
        raise BusinessHoursError(f"not a time of day: {text!r} (write 9:00 or 19:30)") from error
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        raise BusinessHoursError(f"not a time of day: {text!r}")
    return hours * 60 + minutes


def parse_week(text: str) -> dict[int, tuple[int, int]]:
    """ "mon-fri 9:00-18:00, sat 9:00-12:00" (or "lun-ven 9h-18h") → {0: (540, 1080), …}; later parts win for a day
    they repeat."""
    week: dict[int, tuple[int, int]] = {}
    for part in filter(None, (piece.strip() for piece in text.replace(";", ",").split(","))):
        days_text, _, span = part.partition(" ")
        opens_text, _, closes_text = span.strip().partition("-")
        if not closes_text:
            raise BusinessHoursError(f"{part!r}: write the days, then the hours, e.g. mon-fri 9:00-18:00")
        opens, closes = parse_clock(opens_text), parse_clock(closes_text)
        if closes <= opens:
            raise BusinessHoursError(f"{part!r}: closes before it opens")
        for day in _days(days_text):
            week[day] = (opens, closes)
    return week


FRENCH_DAYS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")


def _day(text: str) -> int:
    short = text.strip()[:3]
    if short in DAYS:
        return DAYS.index(short)
    return FRENCH_DAYS.index(short)


def _days(text: str) -> list[int]:
    first_text, _, last_text = text.strip().lower().partition("-")
    try:
        first = _day(first_text)
        last = _day(last_text) if last_text else first
    except ValueError as error:
        raise BusinessHoursError(f"{text!r}: days are mon, tue, wed, thu, fri, sat, sun (or lun … dim)") from error
    return [day % 7 for day in range(first, last + 1 if last >= first else last + 8)]


def parse_target(text: str) -> int | None:
    """ "4h", "4 h", "90m", "1h30", "2d" (business days of 8 hours), "none" → business minutes (None: no target)."""
    cleaned = text.strip().lower().replace(" ", "")
    if cleaned in ("", "none", "no", "off", "aucun", "0"):
        return None
    days, _, rest = cleaned.partition("d") if "d" in cleaned else ("", "", cleaned)
    hours, _, minutes = rest.partition("h") if "h" in rest else ("", "", rest)
    minutes = minutes.removesuffix("min").removesuffix("m")
    try:
        total = int(days or 0) * 8 * 60 + int(hours or 0) * 60 + int(minutes or 0)
    except ValueError as error:
        raise BusinessHoursError(f"not a target: {text!r} (write 4h, 90m, 1h30 or none)") from error
    if total <= 0:
        raise BusinessHoursError(f"not a target: {text!r}")
    return total


def target_text(minutes: int | None) -> str:
    """ "4h", "1h30", "45m"; "none"."""
    if minutes is None:
        return "none"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"


def week_text(week: Mapping[int, tuple[int, int]], names: Sequence[str] = DAYS) -> str:
    """The inverse of parse_week, days with the same hours grouped: "tue-sat 07:00-19:30, sun 07:00-13:00" (with
    `names` FRENCH_DAYS: "mar-sam 07:00-19:30, dim 07:00-13:00")."""
    parts: list[str] = []
    days = sorted(week)
    index = 0
    while index < len(days):
        start = index
        while (
            index + 1 < len(days) and days[index + 1] == days[index] + 1 and week[days[index + 1]] == week[days[start]]
        ):
            index += 1
        opens, closes = week[days[start]]
        named = names[days[start]] if start == index else f"{names[days[start]]}-{names[days[index]]}"
        parts.append(f"{named} {_clock(opens)}-{_clock(closes)}")
        index += 1
    return ", ".join(parts)


def from_json(text: str | None) -> BusinessHours:
    """The stored hours; 24/7 with no target for nothing stored or a value that cannot be read."""
    try:
        raw: Any = json.loads(text or "{}")
        week = {
            DAYS.index(day): (parse_clock(span[0]), parse_clock(span[1])) for day, span in raw.get("week", {}).items()
        }
        zone = str(raw.get("zone") or "UTC")
        _zone(zone)
        holidays = frozenset(date.fromisoformat(day) for day in raw.get("holidays", ()))
        target = raw.get("target_minutes")
        return BusinessHours(week, zone, holidays, int(target) if target is not None else None)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError):
        return BusinessHours()


def local_zone() -> str:
    """This computer's time zone, as an IANA name ("Europe/Paris"); "UTC" when it cannot be told."""
    try:
        from tzlocal import get_localzone_name

        return get_localzone_name() or "UTC"
    except Exception:  # noqa: BLE001 - any failure to read the system's setting means the default
        return "UTC"


__all__ = [
    "DAYS",
    "FRENCH_DAYS",
    "BusinessHours",
    "BusinessHoursError",
    "from_json",
    "known_zone",
    "local_zone",
    "parse_clock",
    "parse_target",
    "parse_week",
    "response_times",
    "target_text",
    "week_text",
]
