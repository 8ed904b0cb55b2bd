"""events.json, talks.json and stats.json: the hub as data, for other tools (a bot, a
signage screen, an organiser's spreadsheet)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from functools import partial
from typing import Any

from ..content.model import Event, Person, Talk
from ..engine.track import Shared, unshared
from ..graph.site import Site
from ..graph.stats import EventFigures, Rhythm, Run, Year
from ..urls import absolute, counterparts
from .planned import Plan


def events_json(site: Site, plan: Plan, shared: Shared = unshared) -> bytes:
    upcoming = list(dict.fromkeys(o.event for o in site.upcoming))
    return _document(
        {
            "upcoming": [shared(("json event", e), partial(_event_json, site, plan, e), kept=True) for e in upcoming],
            "past": [shared(("json event", e), partial(_event_json, site, plan, e), kept=True) for e in site.past],
        }
    )


def talks_json(site: Site, plan: Plan, shared: Shared = unshared) -> bytes:
    talks = [shared(("json talk", key), partial(_talk_json, site, plan, key), kept=True) for key in site.talks]
    return _document({"talks": talks})


def stats_json(site: Site) -> bytes:
    """The community's record (docs/stats.md): its core shape is fixed, keys may be added."""
    path = site.speaking_path
    document = {
        "years": {str(year): _year(figures) for year, figures in site.years.items()},
        "events": {event_id: _event_figures(figures) for event_id, figures in site.event_figures.items()},
        "rhythm": {name: _rhythm(rhythm) for name, rhythm in site.rhythm.items()},
        "path": asdict(path) if path is not None else None,
        "writers": [{"member": member, "reports": count} for member, count in site.writers],
    }
    return _json(document).encode("utf-8")


def _year(figures: Year) -> dict[str, Any]:
    return asdict(figures) | {"talks": figures.talks, "lightning_talks": figures.talks_by_kind["lightning"]}


def _event_figures(figures: EventFigures) -> dict[str, Any]:
    given = {
        name: value
        for name in ("registered", "attended", "first_timers")
        if (value := getattr(figures, name)) is not None
    }
    return {
        "date": figures.day.isoformat(),
        "series": figures.series,
        "talks": figures.talks,
        "first_time_speakers": list(figures.first_time_speakers),
        "reports": figures.reports,
        "hub_reports": figures.hub_reports,
        "member_posts": figures.member_posts,
    } | given


def _rhythm(rhythm: Rhythm) -> dict[str, Any]:
    return {
        "months": rhythm.months,
        "longest_run": _run(rhythm.longest_run) if rhythm.longest_run else None,
        "gaps": [_run(gap) for gap in rhythm.gaps],
    }


def _run(run: Run) -> dict[str, Any]:
    return {"from": run.start, "to": run.end, "months": run.months}


def _document(lists: dict[str, list[bytes]]) -> bytes:
    """What ``json.dumps(document, indent=1, sort_keys=True)`` writes for a document of lists
    (in UTF-8), from items written already: each item is written once per build and kept
    while it is unchanged, instead of the whole hub being written out again."""
    entries = []
    for name in sorted(lists):
        items = lists[name]
        written = b"[\n  " + b",\n  ".join(items) + b"\n ]" if items else b"[]"
        entries.append(b" " + _json(name).encode() + b": " + written)
    return b"{\n" + b",\n".join(entries) + b"\n}"


# Items are shared parts, kept across builds by what they read: each looks its item up itself.


def _event_json(site: Site, plan: Plan, event_id: str) -> bytes:
    return _item(_event(site, plan, site.events[event_id]))


def _talk_json(site: Site, plan: Plan, key: str) -> bytes:
    return _item(_talk(site, plan, site.talks[key]))


def _item(value: dict[str, Any]) -> bytes:
    # Indented as a member of a list in the document (JSON strings hold no newline), and
    # kept as UTF-8, which the build cache stores as it is.
    return _json(value).replace("\n", "\n  ").encode("utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def _event(site: Site, plan: Plan, event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "url": absolute(site.config.base_url, plan.urls["events", event.id]),
        "title": event.title,
        "start": _moment(event.start),
        "end": _moment(event.end),
        "timezone": event.timezone,
        "all_day": event.all_day,
        "status": event.status,
        "dates": [{"start": _moment(o.start), "end": _moment(o.end)} for o in site.dates.get(event.id, ())],
        "venue": None if event.venue is None else {"name": event.venue.name, "address": event.venue.address},
        "online": None if event.online is None else {"url": event.online.url, "platform": event.online.platform},
        "registration": event.registration,
        "series": event.series,
        "tags": list(event.tags),
        "talks": [_talk(site, plan, talk) for talk in event.talks],
    } | _translations(site, plan, ("events", event.id))


def _talk(site: Site, plan: Plan, talk: Talk) -> dict[str, Any]:
    return {
        "id": talk.key,
        "event": talk.event,
        "url": absolute(site.config.base_url, plan.urls["talks", talk.key]),
        "title": talk.title,
        "kind": talk.kind,
        "start": _moment(talk.start) if talk.start else None,
        "duration": talk.duration,
        "language": talk.language,
        "speakers": [_person(site, plan, p) for p in talk.speakers],
        "slides": talk.slides,
        "video": talk.video,
        "tags": list(talk.tags),
    } | _translations(site, plan, ("talks", talk.key))


def _translations(site: Site, plan: Plan, item: tuple[str, str]) -> dict[str, Any]:
    """In a hub of several languages, the item's title and page in each other language it
    is translated into, so that other tools need not read each language's file."""
    if len(site.config.languages) < 2:
        return {}
    pages = counterparts(site.config.languages, plan.urls[item])
    texts = site.texts.get(item, {})
    found = {code: {**text, "url": absolute(site.config.base_url, pages[code])} for code, text in texts.items()}
    return {"translations": found}


def _person(site: Site, plan: Plan, person: Person) -> dict[str, Any]:
    if person.member and person.member in site.members:
        url = absolute(site.config.base_url, plan.urls["members", person.member])
        return {"member": person.member, "name": site.members[person.member].name, "url": url}
    return {"member": None, "name": person.name, "url": person.url}


def _moment(moment: date | datetime) -> str:
    return moment.isoformat()
