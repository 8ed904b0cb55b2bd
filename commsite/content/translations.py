"""Reading translation files: x.en.md gives the text of the item x.md in English.

A translation holds only what differs in its language: the text fields its kind declares
translatable (a title, a member's name, a venue's name, a talk's abstract) and the body.
Facts (dates, speakers, tags, ids) come from the original alone, so a translation that
sets one is an error that names the original. Which original a translation belongs to,
and which of its talks, is the link stage's to check: the original may have mistakes of
its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import display_path, suggest
from ..source import fields
from ..source.config import Config
from ..source.discover import BUNDLE_INDEX, SourceFile
from ..source.fields import Field, Fields
from ..source.frontmatter import Document
from ..source.markdown import render
from ..source.reader import Reader
from .load_event import AGENDA_FIELDS, VENUE_FIELDS
from .load_items import body
from .load_talks import TALK_FIELDS
from .model import Link, Source


@dataclass(frozen=True)
class TalkText:
    """A talk's title and abstract in another language, for the talk with this slug (or,
    without one, at this position of the original's talks)."""

    position: int
    slug: str | None
    title: str | None
    abstract_html: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Translation:
    """What one translation file gives."""

    kind: str
    id: str  # the original's
    language: str
    source: Source
    texts: dict[str, Any]  # the item's own text fields that the file sets, by name
    venue: dict[str, str] = field(default_factory=dict)  # its name and address
    agenda: tuple[str | None, ...] = ()  # agenda entries' titles, by position
    talks: tuple[TalkText, ...] = ()
    body_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)

    @property
    def has_body(self) -> bool:
        return bool(self.body_html.strip())


def original_path(file: SourceFile) -> Path:
    """Where the original of a translation is: x.md beside x.en.md, index.md beside index.en.md."""
    suffix = file.path.suffix
    name = BUNDLE_INDEX if file.path.parent.name == file.id and file.path.name.startswith("index.") else file.id
    return file.path.with_name(name if name.endswith(suffix) else name + suffix)


def load_translation(read: Reader, doc: Document, file: SourceFile, config: Config, facts: Fields) -> Translation:
    """Read a translation of an item whose kind has the field table ``facts``: of those, only
    its texts may be set; the rest (dates, speakers, tags, ...) come from the original."""
    assert file.language is not None
    original = display_path(original_path(file), config.root)
    known = {f.name for f in facts}
    _check(read, tuple(f for f in _TEXTS + _NESTED if f.name in known), facts, original)
    return Translation(
        kind=file.kind,
        id=file.id,
        language=file.language,
        source=Source(file.path, doc.locator),
        texts={name: text for name, text in read.take_all(_TEXTS).items() if text is not None and name in known},
        venue=_venue(read, original),
        agenda=tuple(e.take_all(_AGENDA)["title"] for e in _entries(read, "agenda", _AGENDA, AGENDA_FIELDS, original)),
        talks=tuple(_talk(i, e, config) for i, e in enumerate(_entries(read, "talks", _TALK, TALK_FIELDS, original))),
        **body(doc, config),
    )


_TEXTS = (
    Field("title", fields.text),
    Field("summary", fields.text),
    Field("name", fields.text),
    Field("affiliation", fields.text),
)
_NESTED = (Field("venue"), Field("agenda"), Field("talks"))  # read with tables of their own
_VENUE = (Field("name", fields.text), Field("address", fields.text))
_AGENDA = (Field("title", fields.text),)
_TALK = (
    Field("slug", fields.text),  # which of the original's talks: else, by position
    Field("title", fields.text),
    Field("abstract", fields.text),  # Markdown
)


def _check(read: Reader, texts: Fields, facts: Fields, original: str) -> None:
    """Every field must be a text to translate: a fact names the original it comes from."""
    translatable = [f.name for f in texts]
    known = {f.name for f in facts}
    for name in read.data:
        if name in translatable:
            continue
        if name in known:
            hint = f"set it in the original, {original}; a translation holds only " + _listed(translatable)
            read.error(str(name), f"'{name}' is a fact, which comes from the original", hint, key=True)
        else:
            hint = suggest(str(name), translatable) or "a translation holds only " + _listed(translatable)
            read.error(str(name), f"unknown field '{read.name(str(name))}'", hint, key=True)


def _listed(translatable: list[str]) -> str:
    return ", ".join(translatable) + " and the body" if translatable else "the body"


def _venue(read: Reader, original: str) -> dict[str, str]:
    value = read.data.get("venue")
    if isinstance(value, str):
        return {"name": value.strip()} if value.strip() else {}
    if not isinstance(value, dict):
        return {}
    venue = read.child("venue", value)
    _check(venue, _VENUE, VENUE_FIELDS, original)
    return {name: text for name, text in venue.take_all(_VENUE).items() if text}


def _entries(read: Reader, name: str, texts: Fields, facts: Fields, original: str) -> list[Reader]:
    found = []
    for entry in read.entries(name, f"each of '{name}' is a mapping", "write '- title: ...'"):
        _check(entry, texts, facts, original)
        found.append(entry)
    return found


def _talk(position: int, entry: Reader, config: Config) -> TalkText:
    values = entry.take_all(_TALK)
    abstract = render(values["abstract"], config.base_path, config.raw_html)[0] if values["abstract"] else None
    return TalkText(position, values["slug"], values["title"], abstract)


def translatable_texts(item: object, written: Mapping[str, Any]) -> dict[str, Any]:
    """What a translation of ``item`` may set, with the item's own texts (``written``: its
    front matter as written, for the Markdown of talks' abstracts): a translator's start."""
    texts: dict[str, Any] = {f.name: getattr(item, f.name) for f in _TEXTS if getattr(item, f.name, None)}
    venue = getattr(item, "venue", None)
    if venue is not None:
        texts["venue"] = {name: value for name in ("name", "address") if (value := getattr(venue, name))}
    agenda = getattr(item, "agenda", ())
    if agenda:
        texts["agenda"] = [{"title": entry.title} for entry in agenda]
    talks = getattr(item, "talks", ())
    listed = written.get("talks")
    written_talks: list[Any] = listed if isinstance(listed, list) else []
    if talks:
        texts["talks"] = [_talk_texts(talk, written_talks, index) for index, talk in enumerate(talks)]
    return texts


def _talk_texts(talk: Any, written: list[Any], index: int) -> dict[str, Any]:
    found: dict[str, Any] = {"slug": talk.slug, "title": talk.title}
    as_written = written[index] if index < len(written) and isinstance(written[index], dict) else {}
    if isinstance(as_written.get("abstract"), str) and as_written["abstract"].strip():
        found["abstract"] = as_written["abstract"]
    return found
