"""Expanding an event into its occurrences, with dateutil's RFC 5545 rules.

Occurrences keep the event's wall-clock time in its own zone: dtstart is an aware
datetime in a ZoneInfo zone, so 19:00 stays 19:00 across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from .errors import BadValue
from .model import Event
from .timeutil import Moment, zone


@dataclass(frozen=True)
class Occurrence:
    event: str  # the event's id
    start: Moment
    end: Moment
    number: int  # 0 for the first date (and for an event that does not recur)


MAX_OCCURRENCES = 1000  # per event: more would make unreadable lists, and usually means a mistake
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


def check_rule(text: str) -> str:
    """The rule as written (without 'RRULE:'), or BadValue saying what to write instead."""
    rule = text.strip().removeprefix("RRULE:")
    parts = dict(part.partition("=")[::2] for part in rule.upper().split(";") if part)
    if "\n" in rule or ":" in rule:
        raise BadValue("write only the RRULE itself, on one line", "list skipped dates under 'except:'")
    if "UNTIL" in parts or "COUNT" in parts:
        raise BadValue("UNTIL and COUNT go in their own fields", "write 'until: 2027-03-31' or 'count: 10' instead")
    if parts.get("FREQ") not in _FREQUENCIES:
        hint = "use FREQ=" + ", FREQ=".join(_FREQUENCIES) + ", e.g. FREQ=MONTHLY;BYDAY=3TH"
        raise BadValue(f"'{rule}' needs a FREQ of a day or longer", hint)
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        raise BadValue(
            f"'{rule}' is not a valid RRULE ({error})", "write a rule such as FREQ=MONTHLY;BYDAY=3TH"
        ) from None
    return rule


def occurrences(event: Event, now: datetime, horizon: datetime) -> tuple[Occurrence, ...]:
    """Every date of the event up to ``horizon``, and always its next date after ``now``.

    As in RFC 5545 (and so in every calendar app), the start itself is the first date
    even when the rule would not produce it.
    """
    if event.recurrence is None:
        return (Occurrence(event.id, event.start, event.end, 0),)
    tz = zone(event.timezone)
    dtstart = _as_datetime(event.start, tz)
    length = _as_datetime(event.end, tz) - dtstart
    rule = _rule(event, dtstart, tz)
    starts = [dtstart, *rule.between(dtstart, horizon, inc=True)]
    if starts[-1] < now and (after := rule.after(now)) is not None:
        starts.append(after)
    skipped = set(event.recurrence.exceptions)
    kept = sorted({s.replace(tzinfo=tz) for s in starts if s.date() not in skipped})[-MAX_OCCURRENCES:]
    all_day = not isinstance(event.start, datetime)
    return tuple(
        Occurrence(event.id, s.date(), (s + length).date(), n) if all_day else Occurrence(event.id, s, s + length, n)
        for n, s in enumerate(kept)
    )


def _rule(event: Event, dtstart: datetime, tz: ZoneInfo) -> rrule:
    assert event.recurrence is not None
    rule = rrulestr(event.recurrence.rule, dtstart=dtstart)
    assert isinstance(rule, rrule), "check_rule lets only single rules through"
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
