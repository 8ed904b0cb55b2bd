"""Loading members, reports, pages and series, and what every kind of item shares:
its source (with the images it names), its slug, its people and its body."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, TypedDict
from urllib.parse import unquote

from ..errors import BadValue, Location, display_path
from ..source import fields
from ..source.config import Config, language_tag
from ..source.discover import SourceFile
from ..source.fields import Field, Noted
from ..source.frontmatter import Document
from ..source.markdown import Written, render
from ..source.reader import Reader
from ..timeutil import parse_date, parse_moment, zone
from ..urls import canonical_slug, slug_from_id, slugify
from .model import Link, Member, Page, Person, Report, Series, Source


def item_source(doc: Document, file: SourceFile, read: Reader, root: Path, *images: str) -> Source:
    """The item's origin, with the images it names copied beside its page."""
    assets = list(file.assets)
    for name in images:
        value = read.data.get(name)
        if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
            in_static = root.joinpath("static", *PurePosixPath(value).parts[1:])
            if not in_static.is_file():  # '/x.png' is a file of static/, not of this computer
                hint = f"put it at {display_path(in_static, root)}, or beside the file and write its name"
                read.error(name, f"the image '{value}' is not in static/", hint)
        elif isinstance(value, str) and not value.startswith(("http://", "https://", "//")):
            local = PurePosixPath(value)
            target = file.path.parent.joinpath(*local.parts)
            if ".." in local.parts or local.is_absolute():
                read.error(name, f"'{value}' points outside the item's folder", "put the image beside the file")
            elif target.is_symlink():
                read.error(name, f"the image '{value}' is a symbolic link", "copy the file here instead of linking it")
            elif not target.is_file():
                read.error(name, f"the image '{value}' does not exist", f"put it at {display_path(target, root)}")
            elif target not in assets:
                assets.append(target)
    return Source(file.path, doc.locator, tuple(sorted(assets)))


def item_slug(read: Reader, file: SourceFile) -> str:
    return read.take("slug", slug_value) or slug_from_id(file.id)


SLUGS_NORMALISED = "slugs were normalised to lower case without doubled or trailing '-'"


def slug_value(value: Any) -> str | Noted[str]:
    """An explicit slug: as written when it is canonical, normalised (with a warning) when it
    only differs in case or in its '-', an error when it cannot be one segment of a URL."""
    wanted = fields.text(value)
    slug = canonical_slug(wanted)
    if slug is None:
        raise BadValue(f"'{wanted}' cannot be a URL slug", f"use '{slugify(wanted)}': lower case, words joined by '-'")
    if slug != wanted:
        hint = "a slug is written in lower case, with one '-' between words"
        return Noted(slug, f"the slug '{wanted}' is published as '{slug}'", hint, SLUGS_NORMALISED)
    return slug


def _person(read: Reader, field: str | int, value: Any) -> Person | None:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return Person(member=str(value).strip())
    if not isinstance(value, dict):
        read.error(field, "expected a member id or a guest such as {name: 山田 太郎, url: https://...}")
        return None
    person = Person(**read.child(field, value).read(_GUEST))
    return person if person.name else None


_GUEST = (Field("name", fields.text, required=True), Field("url", fields.url), Field("affiliation", fields.text))


def people(read: Reader, field: str) -> tuple[Person, ...]:
    """Speakers or authors: a list, or a single one written without a list."""
    values = read.data.get(field)
    if values is None or fields.is_blank(values):
        return ()
    if isinstance(values, str):  # 'a, b' is two of them (with a warning)
        split: tuple[str, ...] = read.take(field, fields.texts, default=())
        values = list(split)
    listed = [value for value in values if not fields.is_blank(value)] if isinstance(values, list) else [values]
    holder = read.child(field, {})
    found = (_person(holder, index, value) for index, value in enumerate(listed))
    return tuple(person for person in found if person is not None)


class Body(TypedDict):
    body_html: str
    body_links: tuple[Link, ...]


def body(doc: Document, config: Config) -> Body:
    """The item's Markdown as HTML, and the links it writes to this site, located in the file."""
    html, written = render(doc.body, config.base_path, config.raw_html)
    return Body(body_html=html, body_links=placed(written, doc.path, doc.body.split("\n"), doc.body_line))


def placed(written: Iterable[Written], path: Path, lines: Sequence[str], first: int) -> tuple[Link, ...]:
    """Links found in a text whose line 0 is ``lines[0]``, line ``first`` of the file: with
    the column where the file shows each one (as written, or as it reads once decoded)."""
    found = []
    for link in written:
        source = lines[link.line] if link.line < len(lines) else ""
        column = next((source.find(form) + 1 for form in (link.target, unquote(link.target)) if form in source), None)
        found.append(Link(link.target, Location(path, first + link.line, column, source or None)))
    return tuple(found)


class Own(TypedDict):
    """What every item has from its file: its id (the file's name), its slug and its source."""

    id: str
    slug: str
    source: Source


def own(read: Reader, doc: Document, file: SourceFile, config: Config, *images: str) -> Own:
    """The item's id, slug and source; ``images``, the fields that name images published beside it."""
    return Own(id=file.id, slug=item_slug(read, file), source=item_source(doc, file, read, config.root, *images))


# The fields that several kinds of item have, each the same in all of them.
TITLE = Field("title", fields.text, required=True, default="")
TAGS = Field("tags", fields.texts, default=())
IMAGE = Field("image", fields.text)  # published beside the item's page: see item_source
DRAFT = Field("draft", fields.boolean, default=False)
REGISTRATION = Field("registration", fields.url)
ORGANISERS = Field("organisers", fields.texts, default=())  # member ids, resolved by the link stage
SLUG = Field("slug")  # read by item_slug: its default is the file's name
WRITTEN_IN = Field("language", language_tag, attribute="written_in")  # the original's, when not the hub's first
EXTRA = Field("extra", fields.extra_data, default={})  # a hub's own data, for its templates

MEMBER_FIELDS = (
    Field("name", fields.text, required=True, default=""),
    Field("reading", fields.text),
    Field("aliases", fields.texts, default=()),
    Field("avatar", fields.text),
    Field("roles", fields.texts, default=()),
    Field("affiliation", fields.text),
    Field("location", fields.text),
    Field("pronouns", fields.text),
    Field("links", fields.text_map, default=()),
    Field("joined", parse_date),
    Field("listed", fields.boolean, default=True),
    WRITTEN_IN,
    SLUG,
    EXTRA,
)


def load_member(read: Reader, doc: Document, file: SourceFile, config: Config) -> Member:
    return Member(**own(read, doc, file, config, "avatar"), **read.take_all(MEMBER_FIELDS), **body(doc, config))


REPORT_FIELDS = (
    TITLE,
    Field("date"),  # read in the hub's time zone
    Field("event", fields.text),
    Field("authors"),  # read by people(): members and guests
    TAGS,
    Field("external_url", fields.url),
    Field("summary", fields.text),
    IMAGE,
    DRAFT,
    WRITTEN_IN,
    SLUG,
    EXTRA,
)


def load_report(read: Reader, doc: Document, file: SourceFile, config: Config) -> Report:
    tz = zone(config.timezone)
    published = read.take("date", lambda v: parse_moment(v, tz), required=True) or date.min
    item = own(read, doc, file, config, "image")
    values = read.take_all(REPORT_FIELDS)
    return Report(**item, date=published, authors=people(read, "authors"), **values, **body(doc, config))


PAGE_FIELDS = (TITLE, Field("menu", fields.integer), WRITTEN_IN, SLUG, EXTRA)


def load_page(read: Reader, doc: Document, file: SourceFile, config: Config) -> Page:
    return Page(**own(read, doc, file, config), **read.take_all(PAGE_FIELDS), **body(doc, config))


SERIES_FIELDS = (
    TITLE,
    REGISTRATION,
    ORGANISERS,
    TAGS,
    WRITTEN_IN,
    SLUG,
    EXTRA,
)


def load_series(read: Reader, doc: Document, file: SourceFile, config: Config) -> Series:
    return Series(**own(read, doc, file, config), **read.take_all(SERIES_FIELDS), **body(doc, config))
