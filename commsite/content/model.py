"""The typed content of a hub: what the load stage produces and every later stage reads.

All of it is frozen. Items refer to each other by id (a member id, an event id); the link
stage resolves those ids once and builds the indexes that pages need.

An item's body (its Markdown, as HTML) is left out of its repr. The repr fingerprints an
item for incremental builds (track.py), and a page that shows an event's title and date
must not be made again because its description changed; reading a body is noted on its
own (``Site.bodies``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import Location
from ..source.frontmatter import Locator
from ..timeutil import Moment

EVENT_STATUSES = ("scheduled", "cancelled", "postponed")
TALK_KINDS = ("talk", "lightning", "keynote", "panel", "workshop")


@dataclass(frozen=True)
class Source:
    """Where an item came from, kept for error messages and bundle assets."""

    path: Path
    locator: Locator = field(compare=False, repr=False)
    assets: tuple[Path, ...] = ()  # files beside a bundle's index.md


@dataclass(frozen=True)
class Link:
    """A link or image an organiser wrote to a page or file of this site, and where: the
    build warns when it leads to nothing it publishes (linkcheck.py)."""

    target: str  # as the page will have it, before the deploy sub-path is put in front
    location: Location


@dataclass(frozen=True)
class Person:
    """A speaker or author: a member (by id) or a guest given by name."""

    member: str | None = None
    name: str | None = None
    url: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Venue:
    name: str
    address: str | None = None
    url: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Online:
    url: str | None = None  # None: the link is sent to registrants only
    platform: str | None = None


@dataclass(frozen=True)
class Recurrence:
    rule: str
    until: Moment | None = None
    count: int | None = None
    exceptions: tuple[date, ...] = ()


@dataclass(frozen=True)
class AgendaItem:
    time: Moment
    title: str


@dataclass(frozen=True)
class Attendance:
    registered: int | None = None
    attended: int | None = None
    first_timers: int | None = None


@dataclass(frozen=True)
class Talk:
    event: str  # the id of the event it belongs to
    slug: str
    title: str
    speakers: tuple[Person, ...] = ()
    kind: str = "talk"  # one of TALK_KINDS
    kind_label: str | None = None  # a kind written as none of them, shown as written (kind is then "talk")
    start: Moment | None = None
    duration: int | None = None
    language: str | None = None
    slides: str | None = None
    video: str | None = None
    tags: tuple[str, ...] = ()
    written_in: str | None = None  # the language its text is in; None: the hub's first
    abstract_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)  # the abstract's
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        return f"{self.event}/{self.slug}"


@dataclass(frozen=True)
class Event:
    id: str
    slug: str
    source: Source
    title: str
    start: Moment
    end: Moment
    timezone: str
    status: str = "scheduled"
    venue: Venue | None = None
    online: Online | None = None
    registration: str | None = None
    capacity: int | None = None
    series: str | None = None
    tags: tuple[str, ...] = ()
    hashtag: str | None = None
    organisers: tuple[str, ...] = ()
    recurrence: Recurrence | None = None
    talks: tuple[Talk, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    attendance: Attendance | None = None
    image: str | None = None
    draft: bool = False
    written_in: str | None = None  # the language its text is in; None: the hub's first
    body_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)  # the body's
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def place(self) -> str | None:
        """Where it happens, as one line of text: the venue and address, or the online link."""
        if self.venue is not None:
            return ", ".join(part for part in (self.venue.name, self.venue.address) if part)
        if self.online is not None:
            return self.online.url or self.online.platform
        return None


@dataclass(frozen=True)
class Member:
    id: str
    slug: str
    source: Source
    name: str
    reading: str | None = None
    aliases: tuple[str, ...] = ()
    avatar: str | None = None
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    location: str | None = None
    pronouns: str | None = None
    links: tuple[tuple[str, str], ...] = ()
    joined: date | None = None
    listed: bool = True
    written_in: str | None = None  # the language its text is in; None: the hub's first
    body_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)  # the body's
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Report:
    id: str
    slug: str
    source: Source
    title: str
    date: Moment
    event: str | None = None
    authors: tuple[Person, ...] = ()
    tags: tuple[str, ...] = ()
    external_url: str | None = None
    summary: str | None = None
    image: str | None = None
    draft: bool = False
    written_in: str | None = None  # the language its text is in; None: the hub's first
    body_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)  # the body's
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Page:
    id: str
    slug: str
    source: Source
    title: str
    menu: int | None = None
    written_in: str | None = None  # the language its text is in; None: the hub's first
    body_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)  # the body's
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Series:
    id: str
    slug: str
    source: Source | None  # None: named by an event, with no file of its own
    title: str
    registration: str | None = None
    organisers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    written_in: str | None = None  # the language its text is in; None: the hub's first
    body_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)  # the body's
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


Item = Event | Member | Report | Page | Series


# Everything the load stage read, before ids are resolved: each kind's items by the kind's
# name (kinds.py), in the order their files were found.
Content = Mapping[str, tuple[Any, ...]]
