"""What the search index holds for each page: plain data, made from the site graph.

A page's search document is what its main content says (its title, its people, its event,
its tags and its text), not the page's HTML: the header, the footer and the lists beside the
content would otherwise be found for every query. One document per page of an event, a
talk, a member, a report and a page, in each language's site; a report that links out is
found too, and leads out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import kinds
from ..content.model import Event, Member, Page, Person, Report, Talk
from ..graph.site import Site
from ..outputs.planned import Plan


@dataclass(frozen=True)
class Document:
    path: str  # the page's site path, in its language's folder ('en/events/x/'), or a report's own URL
    language: str
    kind: str  # the table it comes from: events, talks, members, reports, pages
    title: str
    text: str  # the main content as plain text
    date: str = ""  # ISO date: when the event, the talk or the report was
    event: str = ""  # the title of the event a talk was given at or a report is about
    people: tuple[str, ...] = ()  # speakers or authors (a member: their own name)
    readings: tuple[str, ...] = ()  # how their names are read (reading:, aliases:)
    tags: tuple[str, ...] = ()


def documents(site: Site, plan: Plan, language: str) -> list[Document]:
    """Every searchable page of one language's site, in the order the site lists them."""
    found = []
    for kind in kinds.declared():
        describe = _DESCRIBE.get(kind.name)
        if describe is None:
            continue
        for key, item in getattr(site, kind.name).items():
            document = describe(site, item)
            if document is not None:
                found.append(Document(plan.urls[kind.name, key], language, kind.name, **document))
    return found


def _event(site: Site, event: Event) -> dict[str, Any]:
    # The agenda is part of the event's page: its talks and their speakers find the event too.
    agenda = [f"{talk.title} {' '.join(_names(site, talk.speakers))}" for talk in event.talks]
    venue = event.venue.name if event.venue else ""
    return {
        "title": event.title,
        "text": _joined(plain(event.body_html), venue, *agenda),
        "date": _day(event.start),
        "tags": event.tags,
    }


def _talk(site: Site, talk: Talk) -> dict[str, Any]:
    event = site.events[talk.event]
    return {
        "title": talk.title,
        "text": plain(talk.abstract_html),
        "date": _day(talk.start or event.start),
        "event": event.title,
        "people": tuple(_names(site, talk.speakers)),
        "readings": tuple(_readings(site, talk.speakers)),
        "tags": talk.tags,
    }


def _member(site: Site, member: Member) -> dict[str, Any] | None:
    if not member.listed:  # kept out of the directory: out of search as well
        return None
    about = [member.affiliation or "", member.location or "", *member.roles]
    return {
        "title": member.name,
        "text": _joined(plain(member.body_html), *about),
        "people": (member.name,),
        "readings": tuple(filter(None, (member.reading, *member.aliases))),
    }


def _report(site: Site, report: Report) -> dict[str, Any]:
    event = site.events.get(report.event or "")
    return {
        "title": report.title,
        "text": _joined(report.summary or "", plain(report.body_html)),
        "date": _day(report.date),
        "event": event.title if event else "",
        "people": tuple(_names(site, report.authors)),
        "readings": tuple(_readings(site, report.authors)),
        "tags": report.tags,
    }


def _page(site: Site, page: Page) -> dict[str, Any]:
    return {"title": page.title, "text": plain(page.body_html)}


_DESCRIBE: dict[str, Callable[[Site, Any], dict[str, Any] | None]] = {
    "events": _event,
    "talks": _talk,
    "members": _member,
    "reports": _report,
    "pages": _page,
}


def _names(site: Site, people: tuple[Person, ...]) -> Iterator[str]:
    for person in people:
        member = site.members.get(person.member or "")
        name = member.name if member else person.name or person.member
        if name:
            yield name


def _readings(site: Site, people: tuple[Person, ...]) -> Iterator[str]:
    for person in people:
        member = site.members.get(person.member or "")
        if member is not None and member.listed:
            yield from filter(None, (member.reading, *member.aliases))


def _day(moment: Any) -> str:
    return str(moment.isoformat())[:10]


def _joined(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def plain(body_html: str) -> str:
    """The text of an item's body: its Markdown made HTML (our renderer's, sanitized), tags removed."""
    text = html.unescape(_TAG.sub(" ", body_html))
    return "\n".join(line for line in (_SPACE.sub(" ", line).strip() for line in text.splitlines()) if line)
