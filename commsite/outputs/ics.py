"""Calendars (RFC 5545) with the icalendar library: the hub's, and one per event, series,
tag and talk. Every byte derives from the content, so rebuilding never duplicates events
in subscribers' calendars:

- UIDs are the event's id at the hub's host, never build time or list order;
- DTSTAMP is the site's stamp: SOURCE_DATE_EPOCH when set, else a fixed moment;
- time zones are written as VTIMEZONE components covering the calendar's dates;
- all-day events are VALUE=DATE with an exclusive DTEND; EXDATE matches DTSTART.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, partial
from urllib.parse import quote, urlsplit

import icalendar

from ..content.model import Event, Talk
from ..engine.track import Shared, unshared
from ..graph.site import Site
from ..timeutil import Moment, as_instant, first_day, zone
from ..urls import absolute

_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
REFRESH = timedelta(hours=12)  # Google ignores it (it refreshes every 12-24 h); others honour it
DEFAULT_TALK_MINUTES = 30


def calendar(
    site: Site, urls: dict[tuple[str, str], str], name: str, events: Iterable[Event], shared: Shared = unshared
) -> bytes:
    """A calendar of ``events``; each one's VEVENT is made from ``site.events`` (by its id),
    shared by every calendar it is in, and kept for the next build."""
    events = list(events)
    parts = [shared(("vevent", event.id), partial(_event_bytes, site, urls, event.id), kept=True) for event in events]
    return _assemble(_calendar(site, name), [event.start for event in events], parts, site)


def talk_calendar(site: Site, urls: dict[tuple[str, str], str], talk: Talk) -> bytes:
    event = site.events[talk.event]
    cal = _calendar(site, talk.title)
    assert talk.start is not None
    item = icalendar.Event()
    item.add("uid", _uid(site, f"{event.id}/{talk.slug}"))
    item.add("dtstamp", site.stamp)
    item.add("dtstart", talk.start)
    item.add("dtend", _talk_end(talk))
    item.add("summary", talk.title)
    item.add("url", _absolute(site, urls["talks", talk.key]))
    item.add("description", f"{event.title}\n{_absolute(site, urls['events', event.id])}")
    if location := event.place:
        item.add("location", location)
    item.add("status", _STATUS[event.status])
    return _assemble(cal, [talk.start], [item.to_ical()], site)


def _calendar(site: Site, name: str) -> icalendar.Calendar:
    name = " ".join(name.split())  # a calendar's name is one line (X-WR-CALNAME is not escaped)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//commsite//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", site.config.timezone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    return cal


_ZONE_YEARS_AHEAD = 25  # open-ended series run on; past this, clients fall back to their own rules


_END = b"END:VCALENDAR\r\n"


def _assemble(cal: icalendar.Calendar, starts: list[Moment], events: list[bytes], site: Site) -> bytes:
    """The calendar with a VTIMEZONE for every TZID, covering the events' own years (and
    more after), then the events, each already written."""
    zones = sorted({str(s.tzinfo) for s in starts if isinstance(s, datetime)}, reverse=True)
    years = [first_day(s).year for s in starts] or [site.stamp.year]
    # RFC 5545 wants at least one component: an empty calendar still says its zone.
    zones = zones if starts else [site.config.timezone]
    timezones = [_vtimezone_bytes(z, min(years) - 1, max(years) + _ZONE_YEARS_AHEAD) for z in zones]
    head: bytes = cal.to_ical()
    assert head.endswith(_END)
    return head[: -len(_END)] + b"".join(timezones) + b"".join(events) + _END


@cache
def _vtimezone_bytes(tzid: str, first_year: int, last_year: int) -> bytes:
    written: bytes = _vtimezone(tzid, first_year, last_year).to_ical()
    return written


def _vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """The zone's changes over those years (costly: whole years let calendars share one).

    Each change date gets an RDATE line of its own: Mozilla's ical.js (Thunderbird) reads
    only the first date of a comma-separated RDATE list and puts later events an hour off.
    The first year is before any event, as ical.js also skips an observance's DTSTART.
    """
    zone = icalendar.Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 1, 1))
    for observance in zone.subcomponents:
        listed = observance.pop("RDATE", [])
        for rdates in listed if isinstance(listed, list) else [listed]:
            for value in rdates.dts:
                observance.add("rdate", value.dt)
    return zone


def _event_bytes(site: Site, urls: dict[tuple[str, str], str], event_id: str) -> bytes:
    # A shared part, kept across builds by what it read: it looks its event up itself.
    written: bytes = _event(site, urls, site.events[event_id]).to_ical()
    return written


def _event(site: Site, urls: dict[tuple[str, str], str], event: Event) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", _uid(site, event.id))
    item.add("dtstamp", site.stamp)
    item.add("dtstart", event.start)  # local time with its TZID, or a date
    item.add("dtend", event.end if not event.all_day else first_day(event.end) + timedelta(days=1))  # exclusive
    item.add("summary", event.title)
    item.add("url", _absolute(site, urls["events", event.id]))
    item.add("description", _description(site, urls, event))
    if location := event.place:
        item.add("location", location)
    if event.venue and event.venue.lat is not None and event.venue.lon is not None:
        item.add("geo", (event.venue.lat, event.venue.lon))
    item.add("status", _STATUS[event.status])
    if event.recurrence is not None:
        _add_recurrence(item, event)
    return item


def _add_recurrence(item: icalendar.Event, event: Event) -> None:
    assert event.recurrence is not None
    rule = icalendar.vRecur.from_ical(event.recurrence.rule)
    until = event.recurrence.until
    if until is not None:
        if event.all_day:
            rule["UNTIL"] = first_day(until)
        else:  # with a TZID on DTSTART, UNTIL must be in UTC (RFC 5545 3.3.10)
            local_end = (
                until if isinstance(until, datetime) else datetime.combine(until, time.max, zone(event.timezone))
            )
            rule["UNTIL"] = local_end.astimezone(UTC).replace(microsecond=0)
    if event.recurrence.count is not None:
        rule["COUNT"] = event.recurrence.count
    item.add("rrule", rule)
    if event.recurrence.exceptions:
        item.add("exdate", [_same_kind(day, event) for day in event.recurrence.exceptions])


def _same_kind(day: date, event: Event) -> Moment:
    """An excluded date in DTSTART's zone and value type, as clients require."""
    if event.all_day or not isinstance(event.start, datetime):
        return day
    return datetime.combine(day, event.start.timetz())


def _description(site: Site, urls: dict[tuple[str, str], str], event: Event) -> str:
    """The talks in time order, with their day when the event spans several, and the page."""
    several_days = first_day(event.start) != first_day(event.end)
    lines = [f"({event.timezone})"] if event.timezone != site.config.timezone and event.talks else []
    timed = sorted((t for t in event.talks if t.start), key=lambda t: as_instant(t.start, zone(event.timezone)))  # type: ignore[arg-type]
    for talk in timed + [t for t in event.talks if not t.start]:
        when = ""
        if isinstance(talk.start, datetime):
            when = talk.start.strftime("%Y-%m-%d %H:%M " if several_days else "%H:%M ")
        speakers = ", ".join(_speaker(site, p.member, p.name) for p in talk.speakers)
        lines.append(f"{when}{talk.title}" + (f" — {speakers}" if speakers else ""))
    lines.append(_absolute(site, urls["events", event.id]))
    return "\n".join(lines)


def _speaker(site: Site, member: str | None, name: str | None) -> str:
    return site.members[member].name if member in site.members else (name or "")


def _talk_end(talk: Talk) -> Moment:
    assert talk.start is not None
    if not isinstance(talk.start, datetime):
        return talk.start + timedelta(days=1)
    minutes = talk.duration or DEFAULT_TALK_MINUTES
    return (talk.start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(talk.start.tzinfo)


def _uid(site: Site, item_id: str) -> str:
    """The item's id at the site's address: host and path, since project sites share a host."""
    parts = urlsplit(site.config.base_url)
    return f"{quote(item_id, safe='/-_.')}@{parts.hostname or 'localhost'}{parts.path.rstrip('/')}"


def _absolute(site: Site, path: str) -> str:
    return absolute(site.config.base_url, path)
