"""One URL per item, before any URL is made: of two items that want one slug, both publish.

The first (by id) keeps the slug; the other has it with a number added, and a warning names
both files. Ids are untouched, so every reference still finds its item; only what cannot
move (a built-in page, a static file) is left to the plan stage to refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TypeVar

from .. import kinds, urls
from ..content.model import Event, Member, Page, Report, Series
from ..errors import ContentError, Location, Problems, display_path
from ..source.config import Config
from ..urls import slugify

SHARED_URLS = "items wanted a URL another item has; each is published at one with a number added"
_Slugged = TypeVar("_Slugged", Event, Member, Report, Page, Series)


def unique_urls(
    kind: str,
    items: dict[str, _Slugged],
    config: Config,
    problems: Problems,
    events: Mapping[str, Event] | None = None,
) -> dict[str, _Slugged]:
    """The items, each at a URL of its own: two that want one both publish, the second (by
    id) at the slug with a number added, with a warning naming both. Nothing is overwritten
    and references by id are untouched. (A report that links out has no page to move.)"""
    paged = {i: item for i, item in items.items() if not (isinstance(item, Report) and item.external_url)}
    slugs = urls.unique_slugs({i: item.slug for i, item in paged.items()})
    moved = [i for i, item in paged.items() if slugs[i] != item.slug]
    if not moved:
        return items
    owners: dict[str, str] = {}
    for item_id in sorted(paged):
        owners.setdefault(paged[item_id].slug, item_id)
    path = kinds.DECLARED[kind].path
    assert path is not None, kind  # only kinds with pages of their own come here
    result = dict(items)
    for item_id in moved:
        item, first = paged[item_id], paged[owners[paged[item_id].slug]]
        where, field = _slug_origin(item, events or {})
        other = display_path(first.source.path, config.root) if first.source else f"the series '{first.id}'"
        message = (
            f"this wants the URL /{path(item.slug)}, which {other} has; it is published at /{path(slugs[item_id])}"
        )
        hint = "set 'slug:' in one of them to choose its URL"
        if isinstance(item, Member) and isinstance(first, Member) and slugify(item.name) == slugify(first.name):
            hint = f"if both are one person, keep one file and add '{item.id}' to its 'aliases:'; else {hint}"
        problems.warnings.append(ContentError(where, message, field, hint, SHARED_URLS))
        result[item_id] = replace(item, slug=slugs[item_id])
    return result


def _slug_origin(
    item: Event | Member | Report | Page | Series, events: Mapping[str, Event]
) -> tuple[Location, str | None]:
    """Where an item's URL comes from: its 'slug:' line, else its file's first line (for a
    series without a file, the first event that names it)."""
    source = item.source
    if source is None:
        event = next(e for e in events.values() if e.series == item.id)
        return event.source.locator.at(("series",)), "series"
    if ("slug",) in source.locator.values:
        return source.locator.at(("slug",)), "slug"
    return source.locator.line(1), None
