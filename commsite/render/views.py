"""Small derived views that templates ask for: a timetable, events grouped by year.

They are pure functions of the linked site, registered as template globals, so the
templates stay free of logic and every page computes them the same way.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import groupby
from urllib.parse import unquote, urlsplit, urlunsplit

from markupsafe import Markup, escape

from ..content.model import AgendaItem, Event, Person, Talk
from ..graph.months import Month
from ..graph.recurrence import Occurrence
from ..graph.site import Site
from ..outputs.formats import file_of
from ..outputs.planned import Plan
from ..timeutil import Moment, as_instant, first_day, zone
from ..urls import CALENDAR, absolute, counterparts, href, page_path
from . import services
from .i18n import Catalogue


@dataclass(frozen=True)
class Slot:
    time: Moment | None
    talk: Talk | None = None
    item: AgendaItem | None = None
    new_day: date | None = None  # set on the first slot of each day of a multi-day event


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str  # a site path or an absolute URL
    href: str  # the link: the site path under the deploy sub-path


def timetable(event: Event) -> list[Slot]:
    """Agenda entries and talks as one list in order of time; untimed talks keep their order at the end."""
    tz = zone(event.timezone)
    timed = [Slot(a.time, item=a) for a in event.agenda] + [Slot(t.start, talk=t) for t in event.talks if t.start]
    timed.sort(key=lambda slot: as_instant(slot.time, tz))  # type: ignore[arg-type]
    if first_day(event.start) != first_day(event.end):
        timed = _mark_days(timed)
    return timed + [Slot(None, talk=t) for t in event.talks if t.start is None]


def _mark_days(slots: list[Slot]) -> list[Slot]:
    marked, previous = [], None
    for slot in slots:
        day = first_day(slot.time) if slot.time is not None else None
        marked.append(replace(slot, new_day=day) if day != previous else slot)
        previous = day
    return marked


def menu(site: Site, t: Catalogue, folder: str = "") -> list[MenuItem]:
    """site.yaml's menu (or the sections), the calendar, then every page given a 'menu:' position.
    A link is listed once, where it first comes: site.yaml's order wins over a page's 'menu:'.
    In a language's ``folder`` (en/), a link to a page of the site leads to that language's."""
    sections = [(t(name), f"{name}/") for name in ("events", "calendar", "talks", "members", "reports")]
    items = [(m.title_in(site.config.language), m.url) for m in site.config.menu] or sections
    base_url = site.config.base_url
    if _page_key(CALENDAR, base_url) not in {_page_key(target, base_url) for _, target in items}:
        items.insert(1, (t("calendar"), CALENDAR))  # the month view is where members see the rhythm
    pages = [(p.title, page_path(p.slug)) for p in site.pages.values() if p.menu is not None]
    listed: set[str] = set()
    unique = []
    for title, target in items + pages:
        key = _page_key(target, base_url)
        if key not in listed:
            listed.add(key)
            unique.append((title, target))
    # Each page shows the menu: its links are made once, not on every page.
    base = site.config.base_path
    return [MenuItem(title, target, href(base, in_folder(folder, target, base_url))) for title, target in unique]


def in_folder(folder: str, target: str, base_url: str = "") -> str:
    """A link to a page of the site (a path ending in '/', from the root or not, or the
    hub's own full address of one) as the page in a language's ``folder``; any other link
    (a file, another site) as it is."""
    if not folder:
        return target
    if base_url and target.startswith(base_url):
        target = target[len(base_url) :]
    elif urlsplit(target).scheme or target.startswith("//"):
        return target
    path = target.lstrip("/")
    return folder + path if path == "" or path.endswith("/") else target


def _page_key(target: str, base_url: str) -> str:
    """What a menu link leads to, written one way: '/about/', 'about/', '/about',
    '/about/index.html', '/%E4%BC%9A/' beside '/会/', and the hub's own full address of a
    page all lead to one page. A link to another site is compared as it is written."""
    if target.startswith(base_url):
        target = "/" + target[len(base_url) :]
    elif not target.startswith("/") and urlsplit(target).scheme:
        return target
    parts = urlsplit(target)
    path = unquote(parts.path).strip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path.removesuffix("index.html").rstrip("/")
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def menu_marks(menu: Sequence[MenuItem], here: str, home: str) -> tuple[str, ...]:
    """For each menu item, "page" on its own page, "section" on a page under it (an event's
    page is under "Events"), else "". Pages with the same marks show the same menu."""
    return tuple(
        "page" if item.href == here else "section" if item.href != home and here.startswith(item.href) else ""
        for item in menu
    )


def event_dates(site: Site, event: Event, limit: int = 6) -> list[Occurrence]:
    """The event's next dates (for a recurring event), so an organiser can check the rule."""
    return list(site.upcoming_dates.get(event.id, ())[:limit])


def card_date(site: Site, event: Event) -> Occurrence:
    """The date an event's card shows: its next one, or its last once all are over."""
    ahead = site.upcoming_dates.get(event.id)
    if ahead:
        return ahead[0]
    dates = site.dates.get(event.id)
    return dates[-1] if dates else Occurrence(event.id, event.start, event.end, 0)


def past_by_year(site: Site) -> list[tuple[int, list[Event]]]:
    past = (site.events[event_id] for event_id in site.past)
    return [(year, list(group)) for year, group in groupby(past, key=lambda e: first_day(e.start).year)]


def talks_by_year(site: Site) -> list[tuple[int, list[Talk]]]:
    """Newest event first; an event's talks in their own order."""
    talks = [talk for event in reversed(site.events.values()) for talk in event.talks]
    return [
        (year, list(group)) for year, group in groupby(talks, key=lambda t: first_day(site.events[t.event].start).year)
    ]


def recent_talks(site: Site, count: int) -> list[Talk]:
    """The talks of the most recent events that have taken place, latest first."""
    return [talk for event_id in site.past for talk in site.events[event_id].talks][:count]


@dataclass(frozen=True)
class CalendarLinks:
    ics: str  # the calendar file
    webcal: str  # subscribe
    google: str  # add to Google Calendar
    outlook: str  # add to Outlook


def calendar_links(site: Site, urls: dict[tuple[str, str], str], event: Event) -> CalendarLinks:
    page = absolute(site.config.base_url, urls["events", event.id])
    ics = page + file_of("events", "ics")
    # A recurring event is added on its next date; its .ics carries all of them.
    upcoming = next(iter(site.upcoming_dates.get(event.id, ())), None)
    start, end = (upcoming.start, upcoming.end) if upcoming else (event.start, event.end)
    if not isinstance(start, datetime):
        end = first_day(end) + timedelta(days=1)  # exclusive
    args = (event.title, start, end, page, event.place)
    return CalendarLinks(
        ics, services.webcal_url(ics), services.google_calendar_url(*args), services.outlook_calendar_url(*args)
    )


def month_nav(site: Site, month: Month) -> tuple[Month | None, Month | None]:
    """The months before and after ``month`` that have a page."""
    index = site.months.index(month) if month in site.months else -1
    before = site.months[index - 1] if index > 0 else None
    after = site.months[index + 1] if 0 <= index < len(site.months) - 1 else None
    return before, after


def ends_at(event: Event, end: Moment) -> str:
    """When an occurrence is over, as an instant the page's script compares with the clock."""
    return as_instant(end if isinstance(end, datetime) else end + timedelta(days=1), zone(event.timezone)).isoformat()


@dataclass(frozen=True)
class PersonView:
    name: str
    href: str | None  # their member page, or a guest's own URL
    member: str | None
    affiliation: str | None
    initials: str
    avatar: str | None  # the avatar's URL; without one, themes show the initials
    hue: int  # 0–5, the same for a name in every build: gives initials a colour of their own


def person_view(
    site: Site, plan: Plan, base: str, image_url: Callable[[str, str, str], str]
) -> Callable[[Person | str], PersonView]:
    def view(person: Person | str) -> PersonView:
        member_id = person if isinstance(person, str) else person.member
        if member_id is not None and member_id in site.members:
            member = site.members[member_id]
            path = plan.urls.get(("members", member_id))
            target = href(base, path) if path else None
            avatar = image_url("members", member_id, member.avatar) if member.avatar else None
            return _person(member.name, target, member_id, member.affiliation, avatar)
        assert isinstance(person, Person)
        name = person.name or person.member or "?"
        target = href(base, person.url) if person.url else None
        return _person(name, target, None, person.affiliation, None)

    return view


def _person(
    name: str, target: str | None, member: str | None, affiliation: str | None, avatar: str | None
) -> PersonView:
    hue = zlib.crc32(name.encode("utf-8")) % 6
    return PersonView(name, target, member, affiliation, initials=_initials(name), avatar=avatar, hue=hue)


def _initials(name: str) -> str:
    words = name.split()
    if len(words) >= 2 and words[0].isascii():
        return (words[0][0] + words[-1][0]).upper()
    return name[:1].upper()


# Each language's name in itself, for the language switcher: a reader looks for their own.
_AUTONYMS = {
    "ja": "日本語",
    "en": "English",
    "zh": "中文",
    "ko": "한국어",
    "fr": "Français",
    "de": "Deutsch",
    "es": "Español",
    "pt": "Português",
    "it": "Italiano",
}


@dataclass(frozen=True)
class Alternate:
    language: str
    name: str  # the language's name in itself
    path: str  # the page's counterpart in that language's site


def alternates(languages: Sequence[str], path: str) -> list[Alternate]:
    """A page's counterparts in every language of the hub; none for a hub of one language.
    Every language's site has every page, so each counterpart exists."""
    found = counterparts(languages, path)
    return [Alternate(code, _AUTONYMS.get(code, code), there) for code, there in found.items()]


def lang_attr(item: object, page_language: str, first: str) -> Markup:
    """`` lang="ja"`` for an item whose text is in another language than the page's (an
    untranslated item in a language's site, a talk given in English), else nothing."""
    written = getattr(item, "written_in", None)
    if written is None and isinstance(item, Talk):
        written = item.language
    code = written or first
    return Markup(f' lang="{escape(code)}"') if code != page_language else Markup("")
