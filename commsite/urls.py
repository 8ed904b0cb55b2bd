"""Slugs and URLs: every item's address, in one place.

URLs inside the site are paths like ``events/study-12/``; ``href`` puts the deploy
sub-path in front and percent-encodes them, so Japanese slugs work everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from urllib.parse import quote

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-(?=.)")
_NOT_SLUG = re.compile(r"[^\w]+")
_SPELLED = (("++", "-plus-plus"), ("+", "-plus"), ("#", "-sharp"))  # keep C, C++ and C# apart
MAX_SLUG_BYTES = 120  # a file name may have 255 bytes; Japanese takes 3 per character


def slugify(text: str) -> str:
    """Lower-case words joined by '-'; Japanese and other scripts are kept as they are."""
    normal = unicodedata.normalize("NFKC", text).casefold().strip().lstrip("#")
    for sign, word in _SPELLED:
        normal = normal.replace(sign, word)
    slug = _NOT_SLUG.sub("-", normal).strip("-_")
    if not slug:  # emoji or punctuation only: name it by its code points
        slug = "-".join(f"u{ord(c):x}" for c in normal if not c.isspace())[:40] or "item"
    return _shorten(slug)


def _shorten(slug: str) -> str:
    if len(slug.encode("utf-8")) <= MAX_SLUG_BYTES:
        return slug
    cut = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", errors="ignore")
    return cut.rstrip("-_")


_DASHES = re.compile(r"-{2,}")


def canonical_slug(wanted: str) -> str | None:
    """A slug as written (``slug:``) in canonical form: lower case, no doubled '-' and none
    at either end, as slugify makes them. None when it is not a safe path segment (a '/',
    a space, a dot, '..'), which no rewriting should guess at."""
    slug = _DASHES.sub("-", unicodedata.normalize("NFKC", wanted).casefold()).strip("-")
    return slug if slug and slugify(slug) == slug else None


def slug_from_id(item_id: str) -> str:
    return slugify(_DATE_PREFIX.sub("", item_id))


def unique_slug(base: str, taken: set[str]) -> str:
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def unique_slugs(wanted: Mapping[str, str]) -> dict[str, str]:
    """Each item's slug, from the one it wants (id → slug), unique among them: of the items
    that want one slug, the first id in sorted order has it and each other one has it with
    a number added ('-2', '-3'), never a slug that another item wants. Ids, not the order
    files were read in, decide, so every build gives each item the same URL."""
    taken = set(wanted.values())
    claimed: set[str] = set()
    slugs = {}
    for item_id in sorted(wanted):
        slug = wanted[item_id]
        if slug in claimed:
            slug = unique_slug(slug, taken)
        claimed.add(slug)
        slugs[item_id] = slug
    return slugs


_MANY = 1 << 16  # pages link to the same few thousand paths again and again; quoting is slow


@lru_cache(_MANY, typed=True)  # typed: a Markup path is not the same as a str
def href(base_path: str, path: str) -> str:
    """A site path ('events/x/') as a link under the deploy sub-path ('/hub/events/x/')."""
    if path.startswith(("http://", "https://", "mailto:", "webcal://", "#")):
        return path
    return quote(base_path + path.lstrip("/"), safe="/#?=&%:@")


@lru_cache(_MANY, typed=True)
def absolute(base_url: str, path: str) -> str:
    """A site path as a full URL under ``base_url``, for calendars, feeds and other sites."""
    if path.startswith(("http://", "https://")):
        return path
    return base_url.rstrip("/") + "/" + quote(path.lstrip("/"), safe="/#?=&%:@")


def counterparts(languages: Sequence[str], path: str) -> dict[str, str]:
    """A page's path in each language's site: the first language's at the root, each other's
    in a folder named after it (en/). Empty for a hub of one language, and for a file the
    site has once (404.html, a feed's own file)."""
    if len(languages) < 2 or not (path == "" or path.endswith("/")):
        return {}
    first, *others = languages
    rest = next((path[len(code) + 1 :] for code in others if path.startswith(f"{code}/")), path)
    return {code: rest if code == first else f"{code}/{rest}" for code in languages}


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


def month_path(year: int, month: int) -> str:
    return f"{CALENDAR}{year}/{month:02d}/"


CALENDAR = "calendar/"  # opens on the build's current month


def tag_path(tag: str) -> str:
    return f"tags/{slugify(tag)}/"
