"""Reading the times organisers write, always into aware datetimes (or dates for all-day)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .errors import BadValue, describe, suggest

Moment = datetime | date  # a date alone means all day

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
# The forms CONTENT.md allows; Python would also take 20261210 or 2026-W50-4, which are surprises.
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_DATETIME_HINT = "write a date and time like 2025-09-18 19:00, or a date like 2025-09-18"


@cache
def zone(name: str) -> ZoneInfo:
    if not isinstance(name, str) or not name or name.startswith(("/", ".")):
        raise BadValue(f"'{name}' is not a time zone", "use an IANA name such as Asia/Tokyo")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hint = suggest(name, available_timezones()) or "use an IANA name such as Asia/Tokyo or Europe/London"
        raise BadValue(f"unknown time zone '{name}'", hint) from None


def parse_date(value: object) -> date:
    text = str(value).strip()
    if not _DATE.match(text):
        raise BadValue(f"expected a date like 2025-09-18, got '{text}'")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise BadValue(f"'{text}' is not a real date ({error})", "check the month and the day") from None


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
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def parse_slot(value: object, day: date, tz: ZoneInfo) -> Moment:
    """A talk's or agenda item's start: a time on ``day``, or a full date/datetime."""
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
    return datetime.combine(day, time(hour, minute), tz)


def first_day(moment: Moment) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def as_instant(moment: Moment, tz: ZoneInfo) -> datetime:
    """An aware datetime for sorting and comparing: a date is its midnight in ``tz``."""
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time(0), tz)
