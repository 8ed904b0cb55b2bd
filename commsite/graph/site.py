"""The site graph: what the link stage makes and every later stage reads.

A frozen ``Site`` holds the items keyed by id and ready-made lists (a member's talks, an
event's reports, a tag's items), so that no template ever scans the whole hub.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .. import kinds
from ..content.model import Event, Member, Page, Report, Series, Talk
from ..source.config import Config
from .months import Month
from .record import MemberPath, Path
from .recurrence import Occurrence
from .stats import EventFigures, Rhythm, Year


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
    # Every kind's items by key, under the kind's name (kinds.py), in the order it lists them:
    # events by start, talks by event then position, members by reading then name, reports
    # newest first, pages in menu order, series by id.
    tables: dict[str, dict[str, Any]]
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
    # In a hub of several languages, the first language's site knows the titles its items have
    # in the others: (table, key) → language → {"title": ...}, for data files that give them all.
    texts: dict[tuple[str, str], dict[str, dict[str, str]]] = field(default_factory=dict)
    # What the search page can narrow results to, with counts (search/documents.choices): made
    # once, so that the page is made again when these change, not on every edit of an item.
    search_choices: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # The community's record (graph/stats.py, docs/stats.md): each part a table of its own, so
    # that a page notes only what it shows (an event page its talks' first-talk marks).
    years: dict[int, Year] = field(default_factory=dict)
    event_figures: dict[str, EventFigures] = field(default_factory=dict)  # every held event
    rhythm: dict[str, Rhythm] = field(default_factory=dict)  # "" the whole hub, then by series
    speaking_path: Path | None = None
    writers: tuple[tuple[str, int], ...] = ()  # (member id, reports written), most first
    first_talks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # talk key → first-time speakers
    member_paths: dict[str, MemberPath] = field(default_factory=dict)  # listed members who gave something

    @property
    def events(self) -> dict[str, Event]:
        return self.tables["events"]

    @property
    def talks(self) -> dict[str, Talk]:
        return self.tables["talks"]

    @property
    def members(self) -> dict[str, Member]:
        return self.tables["members"]

    @property
    def reports(self) -> dict[str, Report]:
        return self.tables["reports"]

    @property
    def pages(self) -> dict[str, Page]:
        return self.tables["pages"]

    @property
    def series(self) -> dict[str, Series]:
        return self.tables["series"]

    if not TYPE_CHECKING:  # a kind without a property of its own (site.notices), for templates and views

        def __getattr__(self, name: str) -> Any:
            tables = self.__dict__.get("tables")  # absent while a pickled site is being restored
            if tables is None or name not in tables:
                raise AttributeError(name)
            return tables[name]


def table_key(item: object) -> tuple[str, str]:
    """The table an item is kept in and its key there: ('events', 'study-12'), ('tags', 'ai')."""
    if isinstance(item, Tag):
        return "tags", item.slug
    kind = kinds.of(item)
    assert kind is not None, item
    return kind.name, getattr(item, kind.key)


def body_key(item: object, attribute: str) -> tuple[str, str] | None:
    """Where ``Site.bodies`` keeps ``item.attribute``, when that is the item's body.

    Bodies are read from there, so that what a page read says whether it shows a body:
    an item's own fingerprint leaves its body out (see content/model.py)."""
    kind = kinds.of(item)
    return (kind.name, getattr(item, kind.key)) if kind is not None and kind.body == attribute else None


def bodies(tables: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    return {
        (name, item_id): getattr(item, kinds.DECLARED[name].body)
        for name, items in tables.items()
        for item_id, item in items.items()
    }
