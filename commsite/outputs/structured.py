"""schema.org JSON-LD for search engines and chat apps: Event, Person and Article.

Written with json.dumps and made safe to sit inside <script>: no '</script>' or '<!--'
in content can close the element early."""

from __future__ import annotations

import json
from typing import Any

from ..content.model import Event, Member, Person, Report
from ..graph.site import Site
from ..urls import absolute
from .planned import Plan

_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def script_json(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def event(site: Site, plan: Plan, item: Event) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "url": _url(site, plan.urls["events", item.id]),
        "startDate": item.start.isoformat(),
        "endDate": item.end.isoformat(),
        "eventStatus": _STATUS[item.status],
        "eventAttendanceMode": _mode(item),
        "location": _locations(item),
        "organizer": [_person(site, plan, Person(member=m)) for m in item.organisers]
        or {"@type": "Organization", "name": site.config.title, "url": site.config.base_url},
    }
    performers = [_person(site, plan, p) for talk in item.talks for p in talk.speakers]
    if performers:
        data["performer"] = list({json.dumps(p, sort_keys=True): p for p in performers}.values())
    if item.image:
        data["image"] = item.image if "://" in item.image else _url(site, plan.urls["events", item.id] + item.image)
    return _in_language(site, item, data)


def member(site: Site, plan: Plan, item: Member) -> dict[str, Any]:
    data = _person(site, plan, Person(member=item.id))
    data["@context"] = "https://schema.org"
    if item.affiliation:
        data["affiliation"] = item.affiliation
    return data


def report(site: Site, plan: Plan, item: Report) -> dict[str, Any]:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": item.title,
        "url": _url(site, plan.urls["reports", item.id]),
        "datePublished": item.date.isoformat(),
        "author": [_person(site, plan, p) for p in item.authors],
        "publisher": {"@type": "Organization", "name": site.config.title, "url": site.config.base_url},
    }
    return _in_language(site, item, data)


def _in_language(site: Site, item: Event | Report, data: dict[str, Any]) -> dict[str, Any]:
    """In a hub of several languages, the language the item's text is in on this page."""
    if len(site.config.languages) > 1:
        data["inLanguage"] = item.written_in or site.config.language
    return data


def _mode(item: Event) -> str:
    if item.venue and item.online:
        return "https://schema.org/MixedEventAttendanceMode"
    if item.online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _locations(item: Event) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    if item.venue:
        place: dict[str, Any] = {"@type": "Place", "name": item.venue.name}
        if item.venue.address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": item.venue.address}
        if item.venue.lat is not None and item.venue.lon is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": item.venue.lat, "longitude": item.venue.lon}
        places.append(place)
    if item.online:
        places.append({"@type": "VirtualLocation", "url": item.online.url or item.registration or ""})
    return places


def _person(site: Site, plan: Plan, person: Person) -> dict[str, Any]:
    if person.member and person.member in site.members:
        found = site.members[person.member]
        return {"@type": "Person", "name": found.name, "url": _url(site, plan.urls["members", found.id])}
    data = {"@type": "Person", "name": person.name or ""}
    if person.url:
        data["url"] = person.url
    return data


def _url(site: Site, path: str) -> str:
    return absolute(site.config.base_url, path)
