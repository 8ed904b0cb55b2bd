"""Slugs and URLs: every item's address, in one place.

URLs inside the site are paths like ``events/study-12/``; ``href`` puts the deploy
sub-path in front and percent-encodes them, so Japanese slugs work everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-(?=.)")
_NOT_SLUG = re.compile(r"[^\w]+")


def slugify(text: str) -> str:
    """Lower-case words joined by '-'; Japanese and other scripts are kept as they are."""
    normal = unicodedata.normalize("NFKC", text).lower()
    return _NOT_SLUG.sub("-", normal).strip("-_") or "item"


def slug_from_id(item_id: str) -> str:
    return slugify(_DATE_PREFIX.sub("", item_id))


def unique_slug(base: str, taken: set[str]) -> str:
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def href(base_path: str, path: str) -> str:
    """A site path ('events/x/') as a link under the deploy sub-path ('/hub/events/x/')."""
    if path.startswith(("http://", "https://", "mailto:", "webcal://", "#")):
        return path
    return quote(base_path + path.lstrip("/"), safe="/#?=&%:@")


def event_path(slug: str) -> str:
    return f"events/{slug}/"


def talk_path(event_slug: str, talk_slug: str) -> str:
    return f"events/{event_slug}/{talk_slug}/"


def member_path(slug: str) -> str:
    return f"members/{slug}/"


def report_path(slug: str) -> str:
    return f"reports/{slug}/"


def page_path(slug: str) -> str:
    return f"{slug}/"


def series_path(slug: str) -> str:
    return f"series/{slug}/"


def tag_path(tag: str) -> str:
    return f"tags/{slugify(tag)}/"
