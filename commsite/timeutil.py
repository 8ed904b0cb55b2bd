"""Reading the times organisers write, always into aware datetimes (or dates for all-day)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .errors import BadValue, describe, suggest

Moment = datetime | date  # a date alone means all day

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::00)?$")  # 19:10, or 19:10:00 as other tools write it
# The forms CONTENT.md allows; Python would also take 20261210 or 2026-W50-4, which are surprises.
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_DATETIME_HINT = "write a date and time like 2025-09-18 19:00, or a date like 2025-09-18"


FIRST_YEAR, LAST_YEAR = 1900, 2999  # beyond these, date arithmetic overflows; no community meets there


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def zone(name: str) -> ZoneInfo:
    """An IANA zone; never the build machine's own 'localtime', so every machine builds alike."""
    if not isinstance(name, str) or name not in _zone_names():
        hint = suggest(str(name), _zone_names()) or "use an IANA name such as Asia/Tokyo or Europe/London"
        raise BadValue(f"unknown time zone '{name}'", hint)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise BadValue(f"unknown time zone '{name}'", "use an IANA name such as Asia/Tokyo") from None


def add_minutes(start: datetime, minutes: int) -> datetime:
    """Elapsed time, not clock time: two hours from 01:30 on a DST night is not 03:30."""
    tz = start.tzinfo
    return (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(tz)


def _check_year(day: date, text: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise BadValue(f"'{text}' is out of range", f"use a year between {FIRST_YEAR} and {LAST_YEAR}")


def _check_exists(moment: datetime, text: str) -> None:
    """A local time must happen exactly once: not skipped by a DST change (02:30 on a
    spring-forward night), nor repeated (01:30 when the clocks go back), because calendar
    apps disagree about which of the two a repeated time means."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        raise BadValue(
            f"{text} does not exist in {moment.tzinfo}: the clocks skip it for daylight saving time",
            f"use {round_trip.strftime('%H:%M')} or another time",
        )
    if is_repeated(moment):
        raise BadValue(
            f"{text} happens twice in {moment.tzinfo}: the clocks go back that night",
            "calendar apps disagree about which is meant; choose a time outside that hour",
        )


def is_repeated(moment: datetime) -> bool:
    return moment.replace(fold=0).utcoffset() != moment.replace(fold=1).utcoffset()


def parse_date(value: object) -> date:
    text = str(value).strip()
    if not _DATE.match(text):
        raise BadValue(f"expected a date like 2025-09-18, got '{text}'")
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise BadValue(f"'{text}' is not a real date ({error})", "check the month and the day") from None
    _check_year(day, text)
    return day


def parse_moment(value: object, tz: ZoneInfo) -> Moment:
    """A date (all day) or a datetime; a datetime without an offset is local to ``tz``."""
    if isinstance(value, bool) or not isinstance(value, str | int | date):
        raise BadValue(f"expected a date or a date and time, got {describe(value)}", _DATETIME_HINT)
    text = str(value).strip()
    if _DATE.match(text):
        return parse_date(text)
    if not _DATETIME.match(text):
        raise BadValue(f"expected a date or a date and time, got '{text}'", _DATETIME_HINT)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        if re.match(r"^\d{4}-\d{2}-\d{2}[ T]\d", text):
            raise BadValue(f"'{text}' is not a real date and time", "check the month, day, hour and minute") from None
        raise BadValue(f"expected a date or a date and time, got '{text}'", _DATETIME_HINT) from None
    _check_year(moment, text)
    if moment.tzinfo is not None:
        converted = moment.astimezone(tz)
        _check_exists(converted, text)
        return converted
    local = moment.replace(tzinfo=tz)
    _check_exists(local, text)
    return local


def parse_slot(value: object, start: Moment, end: Moment, tz: ZoneInfo) -> Moment:
    """A talk's or agenda item's start: a time on the event's first day, or a full date/datetime.

    In an event that runs past midnight, a time before its start belongs to the next day.
    """
    if isinstance(value, bool) or not isinstance(value, str | int | date):
        raise BadValue(f'expected a time like "19:10", got {describe(value)}')
    text = str(value).strip()
    match = _TIME.match(text)
    if match is None:
        if re.match(r"^\d{4}-", text):
            return parse_moment(text, tz)
        raise BadValue(f"expected a time like 19:10, got '{text}'", 'write the time in quotes, such as "19:10"')
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise BadValue(f"'{text}' is not a time of day", "write a time like 19:10")
    day = first_day(start)
    local = datetime.combine(day, time(hour, minute), tz)
    if isinstance(start, datetime) and local < start and first_day(end) > day:
        later = datetime.combine(day + timedelta(days=1), time(hour, minute), tz)
        local = later if later <= end else local
    _check_exists(local, f"{local.date()} {text}")
    return local


def first_day(moment: Moment) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def as_instant(moment: Moment, tz: ZoneInfo) -> datetime:
    """An aware datetime for sorting and comparing: a date is its midnight in ``tz``."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(0), tz)
