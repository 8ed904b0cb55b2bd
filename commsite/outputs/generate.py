"""Outputs made by code rather than templates: calendars, feeds, data files, sitemap,
robots.txt and the files GitHub Pages looks for. Each format is one function here, which
the table of formats (formats.py) names; the plan stage says which outputs exist.

icalendar and feedgen are imported by the first calendar or feed a build makes: a
rebuild that makes none (most edits) is spared loading them, a tenth of its time.
"""

from __future__ import annotations

from html import escape

from ..engine.track import Shared, unshared
from ..graph.site import Site
from ..urls import absolute, counterparts
from .data import events_json, stats_json, talks_json
from .planned import Output, Plan


def calendar(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    """An event, series, tag or talk calendar, or the hub's. An event is written once per
    build and shared by every calendar it is in."""
    from . import ics

    ids = output.ids
    if "talk" in ids:
        return ics.talk_calendar(site, plan.urls, site.talks[ids["talk"]])
    if "event" in ids:
        event = site.events[ids["event"]]
        return ics.calendar(site, plan.urls, event.title, [event], shared)
    if "series" in ids:
        series = site.series[ids["series"]]
        events = [site.events[e] for e in site.series_events.get(series.id, ())]
        return ics.calendar(site, plan.urls, f"{series.title} | {site.config.title}", events, shared)
    if "tag" in ids:
        tag = site.tags[ids["tag"]]
        events = [site.events[e] for e in tag.events]
        return ics.calendar(site, plan.urls, f"#{tag.name} | {site.config.title}", events, shared)
    return ics.calendar(site, plan.urls, site.config.title, site.events.values(), shared)


def sitemap(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    """Every page to index, as absolute URLs; in a hub of several languages, each with its
    counterparts in the others (as search engines read hreflang from a sitemap)."""
    languages = site.config.languages
    namespaces = ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' if len(languages) > 1 else ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{namespaces}>')
    for path in plan.pages:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{_url(site, there)}"/>'
            for code, there in counterparts(languages, path).items()
        )
        lines.append(f"  <url><loc>{_url(site, path)}</loc>{alternates}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _url(site: Site, path: str) -> str:
    return escape(absolute(site.config.base_url, path), quote=False)  # quoted by absolute(): no " in it


def robots(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(site.config.base_url, 'sitemap.xml')}\n".encode()


def nojekyll(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    return b""  # tells GitHub Pages to publish the folder as it is


def cname(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    return f"{site.config.domain}\n".encode()


def atom(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    from . import feeds

    return feeds.atom(site, plan, output, shared)


def rss(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    from . import feeds

    return feeds.rss(site, plan, output, shared)


def data(site: Site, plan: Plan, output: Output, shared: Shared = unshared) -> bytes:
    """events.json, talks.json and stats.json, for other tools to use the hub without scraping it."""
    made = {"events": events_json, "talks": talks_json}
    name = output.ids.get("data")
    document = made[name](site, plan, shared) if name in made else stats_json(site)
    return document + b"\n"
