"""What the plan stage gives every later stage: each file the build writes, as plain data."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path


@dataclass(frozen=True)
class Output:
    path: str  # site path: 'events/x/' (written as events/x/index.html) or 'calendar.ics'
    template: str | None = None  # the Jinja template of an html output
    source: Path | None = None  # the content file (for errors) or the file to copy
    ids: dict[str, str] = field(default_factory=dict)  # what it shows, by id: {"event": "study-12"}
    format: str = "html"  # the name of its format (formats.py): html, copy, ics, atom, ...
    language: str = ""  # the language of the site it belongs to; "" for the hub's first language's (or none)

    @cached_property  # asked for again and again by every build
    def file(self) -> str:
        return self.path + "index.html" if self.path.endswith("/") or not self.path else self.path


@dataclass(frozen=True)
class Plan:
    outputs: tuple[Output, ...]
    urls: dict[tuple[str, str], str]  # (kind, id) → site path, or an absolute URL for external reports
    feeds: dict[str, str]  # a page's site path → the folder of its feeds (atom.xml, rss.xml), for autodiscovery
    pages: tuple[str, ...]  # the HTML pages to index (all but the 404 page), sorted: the sitemap
    folder: str = ""  # where its language's site is: "" at the root, "en/" for English in a ja-first hub


def pages_of(the_plan: Plan, sources: Collection[Path]) -> list[Output]:
    """The outputs made from these content files (their pages and calendars, not their copied assets)."""
    return [o for o in the_plan.outputs if o.source in sources and o.format != "copy"]
