"""The site graph: what the link stage makes and every later stage reads.

A frozen ``Site`` holds the items keyed by id and ready-made lists (a member's talks, an
event's reports, a tag's items), so that no template ever scans the whole hub.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .config import Config
from .model import Event, Member, Page, Report, Series, Talk
from .months import Month
from .recurrence import Occurrence


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    events: tuple[str, ...]
    talks: tuple[str, ...]  # talk keys
    reports: tuple[str, ...]
    series: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    config: Config
    now: datetime  # what is upcoming and what is past is decided at this moment
    stamp: datetime  # when this content was published, for calendars and feeds: fixed per content
    events: dict[str, Event]  # in order of start
    talks: dict[str, Talk]  # by talk key, in order of event then position
    members: dict[str, Member]  # in directory order: reading, then name
    reports: dict[str, Report]  # newest first
    pages: dict[str, Page]  # in menu order
    series: dict[str, Series]
    occurrences: tuple[Occurrence, ...]  # every dated occurrence, in order
    dates: dict[str, tuple[Occurrence, ...]]  # each event's occurrences, in order
    upcoming: tuple[Occurrence, ...]  # occurrences not yet over at build time
    upcoming_dates: dict[str, tuple[Occurrence, ...]]  # the same, by event
    past: tuple[str, ...]  # events with no occurrence ahead, newest first
    member_talks: dict[str, tuple[str, ...]]
    member_reports: dict[str, tuple[str, ...]]
    member_events: dict[str, tuple[str, ...]]  # events a member organised
    event_reports: dict[str, tuple[str, ...]]
    series_events: dict[str, tuple[str, ...]]
    tags: dict[str, Tag]  # by tag slug
    ahead: frozenset[str]  # events with an occurrence not yet over
    days: dict[date, tuple[Occurrence, ...]]  # what is on each day, in the hub's zone
    months: tuple[Month, ...]  # the months that get a calendar page
    busy_months: frozenset[Month]  # the months with at least one event
    latest: tuple[tuple[str, str], ...]  # every event, talk and report as (kind, id), newest first: feeds take its head
    bodies: dict[tuple[str, str], str]  # every item's body (the HTML of its Markdown) by (table, id); see body_key


# Each kind of item: the table the site keeps it in (plan.urls has the same), and the
# attribute that keys it there.
_TABLES: dict[type, tuple[str, str]] = {
    Event: ("events", "id"),
    Talk: ("talks", "key"),
    Member: ("members", "id"),
    Report: ("reports", "id"),
    Page: ("pages", "id"),
    Series: ("series", "id"),
    Tag: ("tags", "slug"),
}
# The attribute that holds an item's body.
_BODIES: dict[type, str] = {
    Event: "body_html",
    Talk: "abstract_html",
    Member: "body_html",
    Report: "body_html",
    Page: "body_html",
    Series: "body_html",
}
BODY_ATTRIBUTES = frozenset(_BODIES.values())


def table_key(item: object) -> tuple[str, str]:
    """The table an item is kept in and its key there: ('events', 'study-12'), ('tags', 'ai')."""
    table, attribute = _TABLES[type(item)]
    return table, getattr(item, attribute)


def body_key(item: object, attribute: str) -> tuple[str, str] | None:
    """Where ``Site.bodies`` keeps ``item.attribute``, when that is the item's body.

    Bodies are read from there, so that what a page read says whether it shows a body:
    an item's own fingerprint leaves its body out (see model.py)."""
    return table_key(item) if _BODIES.get(type(item)) == attribute else None


def bodies(tables: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    return {
        (table, item_id): getattr(item, _BODIES[type(item)])
        for table, items in tables.items()
        for item_id, item in items.items()
    }
