"""Expanding an event into its occurrences, with dateutil's RFC 5545 rules.

Occurrences keep the event's wall-clock time in its own zone: dtstart is an aware
datetime in a ZoneInfo zone, so 19:00 stays 19:00 across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from ..content.model import Event
from ..errors import BadValue
from ..timeutil import Moment, first_day, zone


@dataclass(frozen=True)
class Occurrence:
    event: str  # the event's id
    start: Moment
    end: Moment
    number: int  # 0 for the first date (and for an event that does not recur)


MAX_OCCURRENCES = 1000  # per event: more would make unreadable lists, and usually means a mistake
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_CLOCK_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND"}
_RULE_HINT = "write a rule such as FREQ=MONTHLY;BYDAY=3TH"


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
    if _CLOCK_PARTS & parts.keys():
        raise BadValue("the time of each date is the event's start time", "remove BYHOUR, BYMINUTE and BYSECOND")
    if not parts.get("INTERVAL", "1").isdigit() or int(parts.get("INTERVAL", "1")) < 1:
        raise BadValue(f"'{rule}' needs an INTERVAL of 1 or more", "e.g. FREQ=WEEKLY;INTERVAL=2 for every other week")
    try:  # dateutil accepts some rules that then fail or never happen; find out now
        first = next(iter(rrulestr(rule, dtstart=datetime(2000, 1, 1))), None)
    except ValueError as error:
        raise BadValue(f"'{rule}' is not a valid RRULE ({error})", _RULE_HINT) from None
    except (TypeError, IndexError, OverflowError):  # dateutil's own failures say nothing useful
        raise BadValue(f"'{rule}' is not a valid RRULE", _RULE_HINT) from None
    if first is None:
        raise BadValue(f"'{rule}' gives no dates at all", "check the BYMONTH, BYMONTHDAY, BYDAY and BYWEEKNO values")
    return rule


def first_date(rule_text: str, start: Moment, tz: ZoneInfo) -> Moment | None:
    """The first date the rule gives from ``start`` on (in the same form as ``start``)."""
    dtstart = _as_datetime(start, tz)
    first = rrulestr(rule_text, dtstart=dtstart).after(dtstart, inc=True)
    if first is None:
        return None
    return first if isinstance(start, datetime) else first.date()


def occurrences(event: Event, now: datetime, horizon: datetime) -> tuple[Occurrence, ...]:
    """Every date of the event up to ``horizon``, and always its next date after ``now``.

    The start is the rule's first date: the load stage refuses a start the rule does not
    produce, because calendar apps disagree about whether such a start counts.
    """
    if event.recurrence is None:
        return (Occurrence(event.id, event.start, event.end, 0),)
    tz = zone(event.timezone)
    dtstart = _as_datetime(event.start, tz)
    if isinstance(event.start, datetime):
        length = _as_datetime(event.end, tz).astimezone(UTC) - dtstart.astimezone(UTC)  # elapsed, across DST
    else:
        length = timedelta(days=(first_day(event.end) - event.start).days)  # whole days
    rule = _rule(event, dtstart, tz)
    starts = rule.between(dtstart, horizon, inc=True)
    if (not starts or starts[-1] < now) and (after := rule.after(now)) is not None:
        starts.append(after)
    skipped = set(event.recurrence.exceptions)
    kept = sorted({s.replace(tzinfo=tz) for s in starts if s.date() not in skipped})[-MAX_OCCURRENCES:]
    all_day = not isinstance(event.start, datetime)
    return tuple(_occurrence(event.id, s, length, n, all_day) for n, s in enumerate(kept))


def _occurrence(event_id: str, start: datetime, length: timedelta, number: int, all_day: bool) -> Occurrence:
    if all_day:
        return Occurrence(event_id, start.date(), start.date() + timedelta(days=length.days), number)
    end = (start.astimezone(UTC) + length).astimezone(start.tzinfo)
    return Occurrence(event_id, start, end, number)


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
