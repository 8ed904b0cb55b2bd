"""events.json and talks.json: the hub as data, for other tools (a bot, a signage screen)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .link import Site
from .model import Event, Person, Talk
from .plan import Plan
from .urls import absolute


def events_document(site: Site, plan: Plan) -> dict[str, Any]:
    upcoming = list(dict.fromkeys(o.event for o in site.upcoming))
    return {
        "upcoming": [_event(site, plan, site.events[e]) for e in upcoming],
        "past": [_event(site, plan, site.events[e]) for e in site.past],
    }


def talks_document(site: Site, plan: Plan) -> dict[str, Any]:
    return {"talks": [_talk(site, plan, talk) for talk in site.talks.values()]}


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
    }


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
    }


def _person(site: Site, plan: Plan, person: Person) -> dict[str, Any]:
    if person.member and person.member in site.members:
        url = absolute(site.config.base_url, plan.urls["members", person.member])
        return {"member": person.member, "name": site.members[person.member].name, "url": url}
    return {"member": None, "name": person.name, "url": person.url}


def _moment(moment: date | datetime) -> str:
    return moment.isoformat()
