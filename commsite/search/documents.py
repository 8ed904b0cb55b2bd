"""What the search index holds for each page: plain data, made from the site graph.

A page's search document is what its main content says (its title, its people, its event,
its tags and its text), not the page's HTML: the header, the footer and the lists beside the
content would otherwise be found for every query. One document per page of an event, a
talk, a member, a report and a page, in each language's site; a report that links out is
found too, and leads out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import kinds
from ..content.model import Event, Member, Page, Person, Report, Talk
from ..source.markdown import text_of

if TYPE_CHECKING:  # the link stage asks for the choices: these modules are above this one
    from ..graph.site import Site
    from ..outputs.planned import Plan


@dataclass(frozen=True)
class Document:
    path: str  # the page's site path, in its language's folder ('en/events/x/'), or a report's own URL
    language: str
    kind: str  # the table it comes from: events, talks, members, reports, pages
    group: str  # the page whose file it comes from: a talk's event's; its own for the others
    title: str
    text: str  # the main content as plain text
    date: str = ""  # ISO date: when the event, the talk or the report was
    event: str = ""  # the title of the event a talk was given at or a report is about
    aka: tuple[str, ...] = ()  # what else the page's title goes by: a member's reading and aliases
    people: tuple[str, ...] = ()  # speakers or authors
    readings: tuple[str, ...] = ()  # how they are read and what else they go by (reading:, aliases:)
    tags: tuple[str, ...] = ()


def documents(site: Site, plan: Plan, language: str, texts: Mapping[str, str]) -> list[Document]:
    """Every searchable page of one language's site, in the order the site lists them.
    ``texts``: the plain text of bodies, by their HTML, as their parse made it (``text_of``)."""
    found = []
    text: Callable[[str], str] = lambda html: texts.get(html) or text_of(html)  # noqa: E731
    for kind, key, item in _searchable(site):
        path = plan.urls[kind.name, key]
        group = plan.urls[kind.inside, getattr(item, kinds.DECLARED[kind.inside].one)] if kind.inside else path
        when = _day(kind.feed_date(item, site.events)) if kind.feed_date else ""
        found.append(Document(path, language, kind.name, group, date=when, **_DESCRIBE[kind.name](site, item, text)))
    return found


def choices(site: Site) -> dict[str, list[tuple[str, int]]]:
    """What the search can be narrowed to, with how many pages each has: kinds in the order
    the hub declares them, years newest first, tags by name (made once, by the link stage)."""
    counted: dict[str, Counter[str]] = {"kind": Counter(), "year": Counter(), "tag": Counter()}
    for kind, _, item in _searchable(site):
        counted["kind"][kind.name] += 1
        counted["year"].update([str(kind.feed_date(item, site.events).year)] if kind.feed_date else [])
        counted["tag"].update(getattr(item, "tags", ()))
    order: dict[str, Callable[[str], Any]] = {
        "kind": list(_DESCRIBE).index,
        "year": lambda y: -int(y),
        "tag": str.casefold,
    }
    return {name: sorted(counts.items(), key=lambda pair: order[name](pair[0])) for name, counts in counted.items()}


def _searchable(site: Site) -> Iterator[tuple[kinds.Kind, str, Any]]:
    """The items that have a search document: a member kept out of the directory (listed:
    false) is kept out of search as well."""
    for kind in kinds.declared():
        if kind.name in _DESCRIBE:
            for key, item in getattr(site, kind.name).items():
                if getattr(item, "listed", True):
                    yield kind, key, item


def _event(site: Site, event: Event, text: Callable[[str], str]) -> dict[str, Any]:
    # The agenda is part of the event's page: its talks and their speakers find the event too.
    agenda = [f"{talk.title} {' '.join(_names(site, talk.speakers))}" for talk in event.talks]
    venue = event.venue.name if event.venue else ""
    return {
        "title": event.title,
        "text": _joined(text(event.body_html), venue, *agenda),
        "tags": event.tags,
    }


def _talk(site: Site, talk: Talk, text: Callable[[str], str]) -> dict[str, Any]:
    event = site.events[talk.event]
    return {
        "title": talk.title,
        "text": text(talk.abstract_html),
        "event": event.title,
        "people": tuple(_names(site, talk.speakers)),
        "readings": tuple(_readings(site, talk.speakers)),
        "tags": talk.tags,
    }


def _member(site: Site, member: Member, text: Callable[[str], str]) -> dict[str, Any]:
    about = [member.affiliation or "", member.location or "", *member.roles]
    return {
        "title": member.name,
        "text": _joined(text(member.body_html), *about),
        "aka": tuple(filter(None, (member.reading, *member.aliases))),
    }


def _report(site: Site, report: Report, text: Callable[[str], str]) -> dict[str, Any]:
    event = site.events.get(report.event or "")
    return {
        "title": report.title,
        "text": _joined(report.summary or "", text(report.body_html)),
        "event": event.title if event else "",
        "people": tuple(_names(site, report.authors)),
        "readings": tuple(_readings(site, report.authors)),
        "tags": report.tags,
    }


def _page(site: Site, page: Page, text: Callable[[str], str]) -> dict[str, Any]:
    return {"title": page.title, "text": text(page.body_html)}


# What each kind's document says, but its date (when its kind's feed_date says it happened).
_DESCRIBE: dict[str, Callable[[Site, Any, Callable[[str], str]], dict[str, Any]]] = {
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
