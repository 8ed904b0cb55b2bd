"""Month calendars: which occurrences fall on which day in the hub's time zone, and the
weeks of a month as rows of days. Pure functions of plain data; the link stage builds
the day index once, and each month page reads its weeks from it."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..timeutil import Moment
from .recurrence import Occurrence

Month = tuple[int, int]  # (year, month)


@dataclass(frozen=True)
class Day:
    date: date
    in_month: bool
    occurrences: tuple[Occurrence, ...]


def days_of(occurrences: Iterable[Occurrence], hub_zone: ZoneInfo) -> dict[date, tuple[Occurrence, ...]]:
    """Every day each occurrence covers, in the hub's zone; an all-day event covers its dates."""
    days: dict[date, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        first, last = _span(occurrence.start, occurrence.end, hub_zone)
        for offset in range((last - first).days + 1):
            days[first + timedelta(days=offset)].append(occurrence)
    return {day: tuple(found) for day, found in sorted(days.items())}


def _span(start: Moment, end: Moment, hub_zone: ZoneInfo) -> tuple[date, date]:
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return (start if not isinstance(start, datetime) else start.date()), (
            end if not isinstance(end, datetime) else end.date()
        )
    local_start, local_end = start.astimezone(hub_zone), end.astimezone(hub_zone)
    last = local_end.date()
    if local_end.time() == time(0) and local_end > local_start:
        last -= timedelta(days=1)  # ending at midnight does not take the next day
    return local_start.date(), max(last, local_start.date())


MAX_SPAN = 240  # months; a longer span (a year typed wrong) gets pages only where events are


def months_of(days: Iterable[date], today: date) -> tuple[Month, ...]:
    """Every month from the first dated day to the last, and always the current one."""
    found = [(d.year, d.month) for d in days] + [(today.year, today.month)]
    first, last = min(found), max(found)
    if (last[0] - first[0]) * 12 + last[1] - first[1] > MAX_SPAN:
        return tuple(sorted(set(found)))
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def weeks(month: Month, days: dict[date, tuple[Occurrence, ...]], first_weekday: int) -> list[list[Day]]:
    """The month as weeks of seven days (from ``first_weekday``, 0 = Monday, 6 = Sunday)."""
    year, number = month
    grid = calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(year, number)
    return [[Day(d, d.month == number, days.get(d, ())) for d in week] for week in grid]
