"""Atom and RSS feeds with feedgen: the hub's, each section's, and each tag's, series'
and member's. Everything in them derives from content: entry ids never mention the host
(a hub may move), dates come from the items, links and images are absolute."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from operator import attrgetter
from typing import NamedTuple
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .. import kinds
from ..content.model import Event, Talk
from ..engine.track import Shared, unshared
from ..graph.site import Site
from ..urls import absolute
from ..version import __version__
from .planned import Output, Plan

MAX_ENTRIES = 50
_NAMESPACE = uuid.UUID("5b0ff9d4-0c3f-4f3c-9f55-6f1f4b3b9a20")  # commsite's own: ids are uuid5 under it


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: datetime
    html: str


def atom(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    data: bytes = _feed(site, plan, output, shared).atom_str(pretty=True)
    return data


def rss(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    data: bytes = _feed(site, plan, output, shared).rss_str(pretty=True)
    return data


def _feed(site: Site, plan: Plan, output: Output, shared: Shared) -> FeedGenerator:
    # A folder's Atom and RSS feeds (the same ids) show the same entries; an item is an entry of many feeds.
    what = ("feed", *sorted(output.ids.items()))
    title, page, entries = shared(what, partial(_contents, site, plan, output.ids, shared))
    feed = FeedGenerator()
    feed.id(_id("feed", output.path))
    feed.title(title)
    feed.description(site.config.description or title)
    feed.link(href=absolute(site.config.base_url, page), rel="alternate")
    feed.link(href=absolute(site.config.base_url, output.path), rel="self")
    feed.language(site.config.language)
    feed.generator("commsite", __version__)
    updated = max((e.updated for e in entries), default=site.stamp)
    feed.updated(updated)
    feed.lastBuildDate(updated)  # feedgen would write the build time; content decides
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.guid(entry.id, permalink=False)
        item.title(entry.title)
        item.link(href=entry.url)
        item.updated(entry.updated)
        item.published(entry.updated)
        item.content(entry.html, type="html")
        item.description(entry.html)
    return feed


def _contents(site: Site, plan: Plan, ids: dict[str, str], shared: Shared) -> tuple[str, str, list[Entry]]:
    """The feed's title, the page it mirrors, and its newest entries."""
    name = site.config.title
    if "tag" in ids:
        tag = site.tags[ids["tag"]]
        found = _candidates(site, plan, "event", tag.events) + _candidates(site, plan, "talk", tag.talks)
        found += _candidates(site, plan, "report", tag.reports)
        return f"#{tag.name} | {name}", plan.urls["tags", tag.slug], _newest(found, shared)
    if "series" in ids:
        series = site.series[ids["series"]]
        found = _candidates(site, plan, "event", site.series_events.get(series.id, ()))
        return f"{series.title} | {name}", plan.urls["series", series.id], _newest(found, shared)
    if "member" in ids:
        member = site.members[ids["member"]]
        found = _candidates(site, plan, "talk", site.member_talks.get(member.id, ()))
        found += _candidates(site, plan, "report", site.member_reports.get(member.id, ()))
        return f"{member.name} | {name}", plan.urls["members", member.id], _newest(found, shared)
    section = ids.get("feed", "hub")
    if section == "hub":
        return name, "", _newest(_head(site, plan, {k.one for k in kinds.declared() if k.feed_date}), shared)
    return name, f"{section}/", _newest(_head(site, plan, {kinds.DECLARED[section].one}), shared)


class _Candidate(NamedTuple):
    """An item that may make the feed: what orders it, and how to make its entry if it does."""

    updated: datetime
    kind: str
    item_id: str
    entry: Callable[[], Entry]

    @property
    def id(self) -> str:
        return _id(self.kind, self.item_id)


def _newest(candidates: list[_Candidate], shared: Shared) -> list[Entry]:
    """Only the newest items are made into entries: an archive's thousands of others never
    are. Entry ids break ties of time; only the items in the running need theirs."""
    running = sorted(candidates, key=attrgetter("updated"), reverse=True)
    if len(running) > MAX_ENTRIES:
        last = running[MAX_ENTRIES - 1].updated
        running = [candidate for candidate in running if candidate.updated >= last]
    newest = sorted(running, key=lambda c: (c.updated, c.id), reverse=True)[:MAX_ENTRIES]
    return [shared(("feed entry", c.kind, c.item_id), c.entry) for c in newest]


def _head(site: Site, plan: Plan, wanted: set[str]) -> list[_Candidate]:
    """The newest items of these kinds, in the site's order: enough to fill a feed, and
    those that tie with its last. The rest of a big archive is never looked at."""
    found: list[_Candidate] = []
    for kind, item_id in site.latest:
        if kind in wanted:
            candidate = _candidate(site, plan, kind, item_id)
            if len(found) >= MAX_ENTRIES and candidate.updated < found[MAX_ENTRIES - 1].updated:
                break
            found.append(candidate)
    return found


def _candidates(site: Site, plan: Plan, kind: str, ids: Iterable[str]) -> list[_Candidate]:
    return [_candidate(site, plan, kind, item_id) for item_id in ids]


def _candidate(site: Site, plan: Plan, one: str, item_id: str) -> _Candidate:
    kind = kinds.named(one)
    item = getattr(site, kind.name)[item_id]
    entry = partial(_ENTRIES.get(one, partial(_entry, kind)), site, plan, item_id)
    return _Candidate(kind.time(item, site.events, site.config), one, item_id, entry)


# Entries are shared parts: each looks its item up itself, so that what it read is complete,
# and its body up in site.bodies, so that a feed showing it is made again when it changes.


def _event(site: Site, plan: Plan, event_id: str) -> Entry:
    event = site.events[event_id]
    url = absolute(site.config.base_url, plan.urls["events", event.id])
    parts = [f"<p>{_escape(_when(event))}{' — ' + _escape(event.place) if event.place else ''}</p>"]
    if event.status != "scheduled":
        parts.insert(0, f"<p><strong>{event.status.upper()}</strong></p>")
    if event.talks:
        talks = "".join(f"<li>{_escape(t.title)}{_speakers(site, t)}</li>" for t in event.talks)
        parts.append(f"<ul>{talks}</ul>")
    parts.append(site.bodies["events", event.id])
    return Entry(_id("event", event.id), event.title, url, _time(site, event), _absolute(url, "".join(parts)))


def _talk(site: Site, plan: Plan, key: str) -> Entry:
    talk = site.talks[key]
    event = site.events[talk.event]
    url = absolute(site.config.base_url, plan.urls["talks", talk.key])
    event_url = absolute(site.config.base_url, plan.urls["events", event.id])
    html = f'<p>{_speakers(site, talk).removeprefix(" — ")}</p><p><a href="{event_url}">{_escape(event.title)}</a></p>'
    html += site.bodies["talks", talk.key]
    return Entry(_id("talk", talk.key), talk.title, url, _time(site, talk), _absolute(url, html))


def _report(site: Site, plan: Plan, report_id: str) -> Entry:
    report = site.reports[report_id]
    url = absolute(site.config.base_url, plan.urls["reports", report.id])
    if report.external_url is None:
        html = site.bodies["reports", report.id]
    else:
        html = f"<p>{_escape(report.summary or '')}</p>"
    return Entry(_id("report", report.id), report.title, url, _time(site, report), _absolute(url, html))


def _entry(kind: kinds.Kind, site: Site, plan: Plan, key: str) -> Entry:
    """The entry of an item of a kind with no entry of its own: its title, then its body."""
    item = getattr(site, kind.name)[key]
    url = absolute(site.config.base_url, plan.urls[kind.name, key])
    html = site.bodies[kind.name, key]
    return Entry(_id(kind.one, key), item.title, url, _time(site, item), _absolute(url, html))


# The kinds whose entries show more than their body (by what one item is called).
_ENTRIES: dict[str, Callable[[Site, Plan, str], Entry]] = {"event": _event, "talk": _talk, "report": _report}


def _speakers(site: Site, talk: Talk) -> str:
    names = [site.members[p.member].name if p.member in site.members else (p.name or "") for p in talk.speakers]
    return " — " + _escape(", ".join(names)) if names else ""


def _when(event: Event) -> str:
    start = event.start
    return start.strftime("%Y-%m-%d %H:%M") + f" ({event.timezone})" if isinstance(start, datetime) else str(start)


def _time(site: Site, item: object) -> datetime:
    kind = kinds.of(item)
    assert kind is not None
    return kind.time(item, site.events, site.config)


def _id(kind: str, item_id: str) -> str:
    """The same for an item wherever the hub is published."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{item_id}')}"


_LINK = re.compile(r'(href|src)="([^"]*)"')
_ABSOLUTE = ("https://", "http://")


def _absolute(page_url: str, html: str) -> str:
    """Links and images as absolute URLs: feed readers do not know the page's address."""
    return _LINK.sub(lambda m: m[0] if m[2].startswith(_ABSOLUTE) else f'{m[1]}="{urljoin(page_url, m[2])}"', html)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
