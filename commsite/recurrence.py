"""Expanding an event into its occurrences, with dateutil's RFC 5545 rules.

Occurrences keep the event's wall-clock time in its own zone: dtstart is an aware
datetime in a ZoneInfo zone, so 19:00 stays 19:00 across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from .model import Event
from .timeutil import Moment, zone


@dataclass(frozen=True)
class Occurrence:
    event: str  # the event's id
    start: Moment
    end: Moment
    number: int  # 0 for the first date (and for an event that does not recur)


def occurrences(event: Event, horizon: datetime) -> tuple[Occurrence, ...]:
    """Every date of the event up to ``horizon`` (a rule with no end stops there)."""
    if event.recurrence is None:
        return (Occurrence(event.id, event.start, event.end, 0),)
    tz = zone(event.timezone)
    all_day = not isinstance(event.start, datetime)
    dtstart = _as_datetime(event.start, tz)
    length = _as_datetime(event.end, tz) - dtstart
    rule = _rule(event, dtstart, tz)
    skipped = set(event.recurrence.exceptions)
    found: list[Occurrence] = []
    for start in rule.between(dtstart, horizon, inc=True):
        start = start.replace(tzinfo=tz)  # keep wall time; zoneinfo picks the offset
        if start.date() in skipped:
            continue
        end = start + length
        if all_day:
            found.append(Occurrence(event.id, start.date(), end.date(), len(found)))
        else:
            found.append(Occurrence(event.id, start, end, len(found)))
    return tuple(found)


def _rule(event: Event, dtstart: datetime, tz: ZoneInfo) -> rrule:
    assert event.recurrence is not None
    rule = rrulestr(event.recurrence.rule, dtstart=dtstart)
    assert isinstance(rule, rrule)
    changes: dict[str, object] = {}
    if event.recurrence.until is not None:
        until = event.recurrence.until
        changes["until"] = _as_datetime(until, tz, end_of_day=not isinstance(until, datetime))
    if event.recurrence.count is not None:
        changes["count"] = event.recurrence.count
    return rule.replace(**changes) if changes else rule  # type: ignore[arg-type]


def _as_datetime(moment: Moment | date, tz: ZoneInfo, *, end_of_day: bool = False) -> datetime:
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, time.max if end_of_day else time.min, tz)
