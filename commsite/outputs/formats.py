"""The formats a build writes, each declared once: its file name, its media type and
what makes it.

A page's feeds and calendar sit in the folder of the page they belong to, under the
format's file name: atom.xml and rss.xml beside a tag's page, calendar.ics beside a
series'. An item of a kind whose every item has a calendar (kinds.py) has its own name
for it, after the kind: event.ics beside an event, talk.ics beside a talk. Templates ask
for these through ``url_for(item, "ics")`` and never write a file name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import kinds
from ..engine.track import Shared
from ..graph.site import Site
from . import generate
from .planned import Output, Plan

Maker = Callable[[Site, Plan, Output, Shared], bytes]


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    file: str = ""  # its file in the folder of the page it belongs to; "" for a page, or a file the plan names
    make: Maker | None = None  # None: made by its template (html), or published as it is (copy)


FORMATS: dict[str, Format] = {
    format.name: format
    for format in (
        Format("html", "text/html"),
        Format("copy", "application/octet-stream"),  # a bundle's or static/ file: served as its name says
        Format("ics", "text/calendar", "calendar.ics", generate.calendar),
        Format("atom", "application/atom+xml", "atom.xml", generate.atom),
        Format("rss", "application/rss+xml", "rss.xml", generate.rss),
        Format("json", "application/json", make=generate.data),
        Format("sitemap", "application/xml", "sitemap.xml", generate.sitemap),
        Format("robots", "text/plain", "robots.txt", generate.robots),
        Format("nojekyll", "text/plain", ".nojekyll", generate.nojekyll),
        Format("cname", "text/plain", "CNAME", generate.cname),
    )
}


def file_of(kind: str | None, format: str) -> str:
    """The file name of ``format`` beside the page of an item of ``kind`` (events, talks,
    series, ...; None for the hub's own, at the site's root)."""
    declared = kinds.DECLARED.get(kind) if kind is not None else None
    if format == "ics" and declared is not None and declared.calendar is not None:
        return f"{declared.one}.ics"
    return FORMATS[format].file


def media_type(file: str) -> str | None:
    """The media type of a file the build writes, by its name; None when no format names it."""
    name = file.rsplit("/", 1)[-1]
    for format in FORMATS.values():
        if format.file and name == format.file:
            return format.media_type
    return FORMATS["ics"].media_type if name.endswith(".ics") else None
