"""The kinds of content a hub holds, each declared once.

A declaration says everything the stages need to know about a kind: its folder under
``content/`` (which is also the name of its table in the site and of its list page), its
model, its loader and the fields its front matter may have, the URL of an item's page and
its templates, whether its items are feed entries and have calendars, and what
``commsite new`` writes for it. Discover, load, link, plan, render, the preview and
``commsite new`` read these declarations; none of them names a kind to find out one of
these things. See ARCHITECTURE.md for adding a kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import urls
from .content.load_event import EVENT_FIELDS, load_event
from .content.load_items import (
    MEMBER_FIELDS,
    PAGE_FIELDS,
    REPORT_FIELDS,
    SERIES_FIELDS,
    load_member,
    load_page,
    load_report,
    load_series,
)
from .content.model import Event, Member, Page, Report, Series, Talk
from .source.config import Config
from .source.discover import SourceFile
from .source.fields import Fields
from .source.frontmatter import Document
from .source.reader import Reader
from .timeutil import Moment, as_instant, zone

# Reads one file's item: given a reader of its front matter (checked against the kind's
# fields, collecting every mistake), the document, the file and the hub's settings.
Loader = Callable[[Reader, Document, SourceFile, Config], Any]
Table = Mapping[str, Any]  # a kind's items by key, as the site keeps them


@dataclass(frozen=True)
class Kind:
    name: str  # the folder in content/, the site's table and the list page's path: "events"
    one: str  # what one item is called: in its page's template, in feeds and in `commsite new`
    model: type
    load: Loader | None = None  # None: its items come inside the files of the kind ``inside``
    fields: Fields = ()  # the fields its front matter may have
    inside: str | None = None  # the kind whose items hold these (a talk's event)
    key: str = "id"  # the attribute that keys an item in its table
    body: str = "body_html"  # the attribute that holds an item's body (its Markdown, as HTML)
    path: Callable[[str], str] | None = None  # an item's page, from its slug; None: under its holder's
    template: str | None = None  # an item's page
    listing: str | None = None  # the list page at ``name``/
    order: Callable[[Any, Config], Any] = lambda item, config: item.id  # how the site lists them
    newest_first: bool = False
    # When an item happened (given the events): the items of a kind that says are entries
    # of the hub's feed and of its list page's, newest first.
    feed_date: Callable[[Any, Table], Moment] | None = None
    calendar: Callable[[Any], bool] | None = None  # which items have a calendar beside their page
    starter: str | None = None  # the file `commsite new <one>` writes (format fields: title, today, member)
    starter_dated: bool = False  # `commsite new` puts today's date before the file name

    def time(self, item: Any, events: Table, config: Config) -> datetime:
        """When an item happened or was written, as an instant: the order of feeds."""
        assert self.feed_date is not None, self.name
        return as_instant(self.feed_date(item, events), zone(config.timezone))


def _event_order(event: Event, config: Config) -> tuple[Any, str]:
    return as_instant(event.start, zone(event.timezone)), event.id


def _directory_order(member: Member, config: Config) -> tuple[str, str, str]:
    return ((member.reading or member.name).casefold(), member.name.casefold(), member.id)


def _menu_order(page: Page, config: Config) -> tuple[bool, int, str]:
    return page.menu is None, page.menu or 0, page.title


def _report_order(report: Report, config: Config) -> tuple[Any, str]:
    return as_instant(report.date, zone(config.timezone)), report.id


_EVENT = """\
---
title: {title}
start: {today} 19:00
end: {today} 21:00
venue: TBD
registration: https://example.com/register
talks:
  - title: Opening talk
    speakers: [{member}]
    kind: talk
    start: "19:10"
    duration: 20
---
What the event is about, who it is for, and what to bring.
"""
_MEMBER = """\
---
name: {title}
roles: [speaker]
links:
  website: https://example.com/
---
A few words about yourself.
"""
_REPORT = """\
---
title: {title}
date: {today}
authors: []
summary: One sentence for lists and feeds.
---
What happened, what you learned, and who you met.
"""
_PAGE = """\
---
title: {title}
---
Write the page here.
"""

# In the order the site's outputs are planned: an item's page is planned before the pages
# of kinds declared after it, which decides who is blamed when two want one URL.
DECLARED: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "events",
            "event",
            Event,
            load_event,
            EVENT_FIELDS,
            path=urls.event_path,
            template="event.html",
            listing="events.html",
            order=_event_order,
            feed_date=lambda event, events: event.start,
            calendar=lambda event: True,
            starter=_EVENT,
            starter_dated=True,
        ),
        Kind(
            "talks",
            "talk",
            Talk,
            inside="events",
            key="key",
            body="abstract_html",
            template="talk.html",
            listing="talks.html",
            feed_date=lambda talk, events: talk.start or events[talk.event].start,
            calendar=lambda talk: talk.start is not None,
        ),
        Kind(
            "members",
            "member",
            Member,
            load_member,
            MEMBER_FIELDS,
            path=urls.member_path,
            template="member.html",
            listing="members.html",
            order=_directory_order,
            starter=_MEMBER,
        ),
        Kind(
            "reports",
            "report",
            Report,
            load_report,
            REPORT_FIELDS,
            path=urls.report_path,
            template="report.html",
            listing="reports.html",
            order=_report_order,
            newest_first=True,
            feed_date=lambda report, events: report.date,
            starter=_REPORT,
            starter_dated=True,
        ),
        Kind(
            "pages",
            "page",
            Page,
            load_page,
            PAGE_FIELDS,
            path=urls.page_path,
            template="page.html",
            order=_menu_order,
            starter=_PAGE,
        ),
        Kind(
            "series",
            "series",
            Series,
            load_series,
            SERIES_FIELDS,
            path=urls.series_path,
            template="series.html",
            listing="series_index.html",
        ),
    )
}


def declared() -> tuple[Kind, ...]:
    return tuple(DECLARED.values())


def with_files() -> tuple[Kind, ...]:
    """The kinds that have a folder of their own in content/."""
    return tuple(kind for kind in DECLARED.values() if kind.load is not None)


def folders() -> tuple[str, ...]:
    return tuple(kind.name for kind in with_files())


def named(one: str) -> Kind:
    """The kind whose items are called ``one`` ("event")."""
    return next(kind for kind in DECLARED.values() if kind.one == one)


def of(item: object) -> Kind | None:
    """The kind of an item; None for anything else (a tag, a person)."""
    return next((kind for kind in DECLARED.values() if type(item) is kind.model), None)


def body_attributes() -> frozenset[str]:
    return frozenset(kind.body for kind in DECLARED.values())
