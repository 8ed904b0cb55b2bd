"""Loading events, with their agenda, venue, online details and recurrence (and their talks: load_talks.py)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from ..errors import BadValue, Invalid, suggest
from ..graph.recurrence import check_rule, first_date
from ..source import fields
from ..source.config import Config, timezone_name
from ..source.discover import SourceFile
from ..source.fields import Field, Noted
from ..source.frontmatter import Document
from ..source.reader import Reader
from ..timeutil import Moment, add_minutes, first_day, parse_date, parse_moment, parse_slot, zone
from .load_items import DRAFT, EXTRA, IMAGE, ORGANISERS, REGISTRATION, SLUG, TAGS, TITLE, WRITTEN_IN, body, own
from .load_talks import load_talks
from .model import (
    EVENT_STATUSES,
    AgendaItem,
    Attendance,
    Event,
    Online,
    Recurrence,
    Venue,
)

EVENT_FIELDS = (
    TITLE,
    Field("start"),  # read in the event's time zone
    Field("end"),  # likewise, and checked against the start
    Field("timezone"),  # read first: the start and end need it
    Field("status", lambda value: status(value), default="scheduled"),
    Field("venue"),  # a name, or a mapping: see _venue
    Field("online"),  # a link, a platform's name, or a mapping: see _online
    REGISTRATION,
    Field("capacity", fields.non_negative),
    Field("series", fields.text),
    TAGS,
    Field("hashtag", fields.text),
    ORGANISERS,
    Field("recurrence"),  # its rule must start on the event's start
    Field("talks"),  # load_talks.py: their times are within the event's
    Field("agenda"),  # likewise
    Field("attendance"),  # a mapping with a table of its own
    IMAGE,
    DRAFT,
    WRITTEN_IN,
    SLUG,
    EXTRA,
)


def load_event(read: Reader, doc: Document, file: SourceFile, config: Config) -> Event:
    tz_name = read.take("timezone", timezone_name) or config.timezone
    tz = zone(tz_name)
    start = read.take("start", lambda v: parse_moment(v, tz), required=True)
    if start is None:
        raise Invalid()  # the reader has recorded why
    end = _check_end(read, start, read.take("end", lambda v: parse_moment(v, tz)), config)
    return Event(
        **own(read, doc, file, config, "image"),
        **read.take_all(EVENT_FIELDS),
        start=start,
        end=end,
        timezone=tz_name,
        venue=_venue(read),
        online=_online(read),
        recurrence=_recurrence(read, start, tz),
        talks=load_talks(read, file.id, start, end, tz, config),
        agenda=_agenda(read, start, end, tz),
        attendance=_attendance(read),
        **body(doc, config),
    )


_STATUSES = {"canceled": "cancelled", "中止": "cancelled", "延期": "postponed", "開催": "scheduled"}


def status(value: Any) -> str:
    """An event's status, in any case, the American 'canceled' and Japanese included."""
    written = fields.text(value)
    folded = unicodedata.normalize("NFKC", written).casefold()
    found = _STATUSES.get(folded, folded)
    if found not in EVENT_STATUSES:
        hint = suggest(written, EVENT_STATUSES) or "use one of " + ", ".join(EVENT_STATUSES)
        raise BadValue(f"'{written}' is not one of {', '.join(EVENT_STATUSES)}", hint)
    return found


def _check_end(read: Reader, start: Moment, end: Moment | None, config: Config) -> Moment:
    if end is None:
        if not isinstance(start, datetime):
            return start
        return add_minutes(start, config.event_duration)
    if isinstance(start, datetime) != isinstance(end, datetime):
        read.error("end", "'start' and 'end' must both be dates (all day) or both dates with times")
        return start
    if end < start:
        read.error("end", f"the event ends ({end}) before it starts ({start})", "check 'end'; it is inclusive")
        return start
    return end


def _venue(read: Reader) -> Venue | None:
    value = read.data.get("venue")
    if value is None or isinstance(value, str):
        return Venue(name=value.strip()) if value and value.strip() else None
    if not isinstance(value, dict):
        read.error("venue", "expected a place name, or {name, address, url, lat, lon}")
        return None
    return Venue(**read.child("venue", value).read(VENUE_FIELDS))


VENUE_FIELDS = (
    Field("name", fields.text, required=True, default=""),
    Field("address", fields.text),
    Field("url", fields.url),
    Field("lat", fields.number),
    Field("lon", fields.number),
)


def _online(read: Reader) -> Online | None:
    value = read.data.get("online")
    if value is None or fields.is_blank(value):
        return None
    if isinstance(value, str):
        return read.take("online", _online_text)
    if not isinstance(value, dict):
        read.error("online", "expected a URL, or {url, platform}")
        return None
    return Online(**read.child("online", value).read(_ONLINE))


_ONLINE = (Field("url", fields.url), Field("platform", fields.text))


def _online_text(value: Any) -> Online | Noted[Online]:
    """A link; or a platform's name ('online: Zoom'), the link going to registrants only (with a warning)."""
    try:
        link = fields.url(value)
    except BadValue:
        platform = fields.text(value)
        if "/" in platform or "." in platform:  # a broken link, not a platform's name
            raise
        hint = f"write 'online: {{platform: {platform}}}' when the link is sent to registrants"
        return Noted(Online(platform=platform), f"'{platform}' is taken as the platform, with no link", hint)
    if isinstance(link, Noted):
        return Noted(Online(url=link.value), link.message, link.hint, link.group)
    return Online(url=link)


def _recurrence(read: Reader, start: Moment, tz: Any) -> Recurrence | None:
    value = read.take("recurrence", fields.mapping)
    if value is None:
        return None
    rec = read.child("recurrence", value)
    rec.check_table(_RECURRENCE)
    rule = rec.take("rule", lambda value: check_rule(fields.text(value)), required=True)
    if rule is None:
        return None
    values = rec.take_all(_RECURRENCE)
    count, exceptions = values["count"], values["except"]
    until = rec.take("until", lambda v: parse_moment(v, tz))
    if until is not None and count is not None:
        rec.error("count", "give 'until' or 'count', not both", "keep the one you mean")
    if until is not None and first_day(until) < first_day(start):
        rec.error("until", f"'until' ({until}) is before the event starts ({start})", "check the year")
    first = first_date(rule, start, tz)
    if first != start:  # calendar apps disagree whether such a start is a date of the event
        hint = f"start on the rule's first date, {first}" if first else "check the rule"
        read.error("start", f"the start {start} is not a date of the rule {rule}", hint)
    return Recurrence(rule=rule, until=until, count=count, exceptions=exceptions)


_RECURRENCE = (
    Field("rule"),  # read first: nothing else is read without one
    Field("until"),  # in the event's time zone
    Field("count", fields.positive),
    Field("except", lambda value: _dates(value), default=()),
)


def _dates(value: Any) -> tuple[date, ...]:
    return tuple(parse_date(day) for day in fields.items(value))


def _agenda(read: Reader, start: Moment, end: Moment, tz: Any) -> tuple[AgendaItem, ...]:
    slots = []
    needs = "each agenda entry needs 'time' and 'title'"
    for slot in read.entries("agenda", needs, "write '- {time: \"19:00\", title: ...}'"):
        slot.check_table(AGENDA_FIELDS)
        time = slot.take("time", lambda v: parse_slot(v, start, end, tz), required=True)
        title = slot.take_all(AGENDA_FIELDS)["title"]
        if time is not None and title is not None:
            slots.append(AgendaItem(time, title))
    return tuple(slots)


AGENDA_FIELDS = (Field("time"), Field("title", fields.text, required=True))  # a time within the event's


def _attendance(read: Reader) -> Attendance | None:
    """Registered, attended and first-timers, each a count, as far as the event gives them."""
    value = read.take("attendance", fields.mapping)
    if value is None:
        return None
    figures = read.child("attendance", value)
    attendance = Attendance(**figures.read(_ATTENDANCE))
    attended, first_timers = attendance.attended, attendance.first_timers
    if attended is not None and first_timers is not None and first_timers > attended:
        message = f"{first_timers} first-timers is more than the {attended} who attended"
        figures.error("first_timers", message, "first_timers counts those among 'attended' who came for the first time")
    return attendance


_ATTENDANCE = tuple(Field(name, fields.non_negative) for name in ("registered", "attended", "first_timers"))
