"""The site in each of the hub's languages: the one site graph, read through its translations.

Each language's site has the same items, ids, URLs (under the language's folder), dates and
links as the first language's: only texts differ. An item with a translation into the
language shows its texts; one without keeps its own, and says which language they are in
(``written_in``), so that pages mark them with ``lang``. Nothing goes missing in any
language. A translation whose original does not exist, or that names a talk the original
does not have, is a mistake put in ``problems``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from difflib import get_close_matches
from functools import partial
from typing import Any

from .. import kinds
from ..content.model import Event, Talk, Venue
from ..content.translations import TalkText, Translation
from ..errors import ContentError, Problems, suggest
from .site import Site, bodies

Found = Mapping[tuple[str, str], Translation]  # (kind, id) → its translation into one language


def editions(
    site: Site, translations: Iterable[Translation], skipped: set[tuple[str, str]], problems: Problems
) -> dict[str, Site]:
    """The site in each language, the first being ``site`` itself. ``skipped``: the (kind, id)
    of originals left out of this build (drafts, files with mistakes): their translations
    are left out too, with no mistake of their own."""
    found = _matched(site, translations, skipped, problems)
    first, *others = site.config.languages
    sites = {language: _in(site, language, found.get(language, {})) for language in others}
    return {first: replace(site, texts=_titles(site, sites)), **sites}


def _titles(original: Site, sites: Mapping[str, Site]) -> dict[tuple[str, str], dict[str, dict[str, str]]]:
    """Each event's and talk's title in each language it is translated into."""
    found: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
    for language, site in sites.items():
        for table in ("events", "talks"):
            originals = getattr(original, table)
            for key, item in getattr(site, table).items():
                if item.written_in == language != originals[key].written_in:
                    found.setdefault((table, key), {})[language] = {"title": item.title}
    return found


def _matched(
    site: Site, translations: Iterable[Translation], skipped: set[tuple[str, str]], problems: Problems
) -> dict[str, dict[tuple[str, str], Translation]]:
    found: dict[str, dict[tuple[str, str], Translation]] = {}
    for translation in translations:
        table = getattr(site, translation.kind)
        item = table.get(translation.id)
        if item is None:
            if (translation.kind, translation.id) not in skipped:
                problems.errors.append(_no_original(translation, table))
            continue
        if isinstance(item, Event):
            problems.errors += _unmatched_talks(item, translation)
            problems.warnings += _unmatched_agenda(item, translation)
        found.setdefault(translation.language, {})[translation.kind, translation.id] = translation
    return found


def _no_original(translation: Translation, table: Mapping[str, Any]) -> ContentError:
    near = get_close_matches(translation.id, sorted(table), n=1, cutoff=0.6)
    if near:
        hint = f"name it after its original: {near[0]}.{translation.language}.md"
    else:
        hint = f"a translation sits beside its original, {translation.id}.md, named after it"
    message = f"this translates '{translation.id}', which does not exist"
    return ContentError(translation.source.locator.line(1), message, None, hint)


def _unmatched_talks(event: Event, translation: Translation) -> list[ContentError]:
    slugs = [talk.slug for talk in event.talks]
    errors = []
    for text in translation.talks:
        if text.slug is not None and text.slug not in slugs:
            where = translation.source.locator.at(("talks", text.position, "slug"))
            hint = suggest(text.slug, slugs) or "the original's talks are " + ", ".join(slugs or ["none"])
            errors.append(
                ContentError(where, f"the original has no talk '{text.slug}'", f"talks[{text.position}].slug", hint)
            )
        elif text.slug is None and text.position >= len(event.talks):
            where = translation.source.locator.at(("talks", text.position))
            message = f"the original has {len(event.talks)} talks; this is talk {text.position + 1}"
            errors.append(
                ContentError(where, message, f"talks[{text.position}]", "give it the 'slug:' of the talk it translates")
            )
    return errors


def _unmatched_agenda(event: Event, translation: Translation) -> list[ContentError]:
    """Agenda entries are matched by position: a count that differs has moved titles to other times."""
    given, expected = len(translation.agenda), len(event.agenda)
    if not given or given == expected:
        return []
    where = translation.source.locator.at(("agenda",))
    message = f"the translation has {given} agenda entries and the original {expected}; they are matched in order"
    return [ContentError(where, message, "agenda", "give one title for each of the original's entries, in its order")]


def _in(site: Site, language: str, found: Found) -> Site:
    """``site`` read in ``language``."""
    first = site.config.language
    tables: dict[str, dict[str, Any]] = {}
    for kind in kinds.declared():
        if kind.inside is None:
            table = getattr(site, kind.name)
            tables[kind.name] = {key: _item(item, found.get((kind.name, key)), first) for key, item in table.items()}
    for kind in kinds.declared():
        if kind.inside is not None:  # talks: as their holders now have them
            holders = tables[kind.inside].values()
            tables[kind.name] = {getattr(i, kind.key): i for holder in holders for i in getattr(holder, kind.name)}
    tables = {kind.name: tables[kind.name] for kind in kinds.declared()}
    links_here = partial(_links_in_folder, f'href="{site.config.base_path}', f"{language}/")
    in_language = {key: links_here(html) for key, html in bodies(tables).items()}
    return replace(site, config=site.config.in_language(language), tables=tables, bodies=in_language)


_PAGE_LINK = re.compile(r'href="(?P<path>[^"#?:]*/)(?P<rest>[#?][^"]*)?"')


def _links_in_folder(prefix: str, folder: str, html: str) -> str:
    """A body's links to pages of the site (as Markdown renders them, under the deploy
    sub-path) as links to the same pages in the language's ``folder``: a reader stays in
    their language. Links to files (images, static/) stay as they are."""
    if prefix not in html:
        return html
    base = prefix.removeprefix('href="')

    def moved(link: re.Match[str]) -> str:
        path = link["path"]
        if not path.startswith(base) or path.startswith((base + folder, "//")):
            return link[0]
        return f'href="{base}{folder}{path[len(base) :]}{link["rest"] or ""}"'

    return _PAGE_LINK.sub(moved, html)


def _item(item: Any, translation: Translation | None, first: str) -> Any:
    if translation is None:
        return _as_written(item, first)
    names = {f.name for f in dataclass_fields(item)}
    changes: dict[str, Any] = {name: text for name, text in translation.texts.items() if name in names}
    changes["written_in"] = translation.language
    if translation.has_body:
        changes.update(body_html=translation.body_html, body_links=translation.body_links)
    if isinstance(item, Event):
        changes.update(_event_texts(item, translation, first))
    return replace(item, **changes)


def _as_written(item: Any, first: str) -> Any:
    """An item as it is, saying which language it is written in."""
    written = item.written_in or first
    changes: dict[str, Any] = {"written_in": written}
    if isinstance(item, Event):
        changes["talks"] = tuple(
            replace(talk, written_in=talk.written_in or talk.language or written) for talk in item.talks
        )
    return replace(item, **changes)


def _event_texts(event: Event, translation: Translation, first: str) -> dict[str, Any]:
    venue = event.venue
    if venue is not None and translation.venue:
        name, address = translation.venue.get("name", venue.name), translation.venue.get("address", venue.address)
        venue = Venue(name, address, venue.url, venue.lat, venue.lon)
    agenda = tuple(
        replace(entry, title=title) if (title := _at(translation.agenda, index)) else entry
        for index, entry in enumerate(event.agenda)
    )
    texts = _talk_texts(event.talks, translation.talks)
    written = event.written_in or first
    talks = tuple(_talk(talk, texts.get(talk.slug), translation.language, written) for talk in event.talks)
    return {"venue": venue, "agenda": agenda, "talks": talks}


def _at(titles: tuple[str | None, ...], index: int) -> str | None:
    return titles[index] if index < len(titles) else None


def _talk_texts(talks: tuple[Talk, ...], texts: tuple[TalkText, ...]) -> dict[str, TalkText]:
    """Each talk's translation, by its slug: given, or that of the talk at the same position."""
    found = {}
    for text in texts:
        slug = (
            text.slug if text.slug is not None else (talks[text.position].slug if text.position < len(talks) else None)
        )
        if slug is not None:
            found[slug] = text
    return found


def _talk(talk: Talk, text: TalkText | None, language: str, written: str) -> Talk:
    if text is None:  # as written: in the language it is given in, else its event's
        return replace(talk, written_in=talk.written_in or talk.language or written)
    return replace(
        talk,
        title=text.title or talk.title,
        abstract_html=text.abstract_html if text.abstract_html is not None else talk.abstract_html,
        written_in=language,
    )


def untranslated(sites: Mapping[str, Site]) -> dict[str, dict[str, list[str]]]:
    """For each language but the first, each kind's items that have no text in it: what a
    translator has left to do (an item written in that language has its own)."""
    found: dict[str, dict[str, list[str]]] = {}
    for language, site in list(sites.items())[1:]:
        for kind in kinds.declared():
            items = getattr(site, kind.name).items()
            missing = [key for key, item in items if getattr(item, "written_in", language) != language]
            if missing:
                found.setdefault(language, {})[kind.name] = missing
    return found
