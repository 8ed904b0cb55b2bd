"""Loading members, reports, pages and series, and what every kind of item shares:
its source (with the images it names), its slug, its people and its body."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, TypedDict
from urllib.parse import unquote

from . import fields
from .config import Config
from .discover import SourceFile
from .errors import BadValue, ContentError, Location, display_path
from .fields import Noted, Reader
from .frontmatter import Document
from .markdown import Written, render
from .model import Link, Member, Page, Person, Report, Series, Source
from .timeutil import parse_date, parse_moment, zone
from .urls import canonical_slug, slug_from_id, slugify


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
    guest = read.child(field, value)
    guest.check_known(["name", "url", "affiliation"])
    name = guest.take("name", fields.text, required=True)
    person = Person(name=name, url=guest.take("url", fields.url), affiliation=guest.take("affiliation", fields.text))
    return person if name else None


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


def load_member(
    doc: Document, file: SourceFile, config: Config, errors: list[ContentError], warnings: list[ContentError]
) -> Member:
    read = Reader(doc.meta, doc.locator, (), errors, warnings)
    read.check_known(
        [
            "name",
            "reading",
            "aliases",
            "avatar",
            "roles",
            "affiliation",
            "location",
            "pronouns",
            "links",
            "joined",
            "listed",
            "slug",
        ],
        extra=True,
    )
    return Member(
        id=file.id,
        slug=item_slug(read, file),
        source=item_source(doc, file, read, config.root, "avatar"),
        name=read.take("name", fields.text, required=True) or "",
        reading=read.take("reading", fields.text),
        aliases=read.take("aliases", fields.texts, default=()),
        avatar=read.take("avatar", fields.text),
        roles=read.take("roles", fields.texts, default=()),
        affiliation=read.take("affiliation", fields.text),
        location=read.take("location", fields.text),
        pronouns=read.take("pronouns", fields.text),
        links=read.take("links", fields.text_map, default=()),
        joined=read.take("joined", parse_date),
        listed=read.take("listed", fields.boolean, default=True) is not False,
        **body(doc, config),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


def load_report(
    doc: Document, file: SourceFile, config: Config, errors: list[ContentError], warnings: list[ContentError]
) -> Report:
    read = Reader(doc.meta, doc.locator, (), errors, warnings)
    read.check_known(
        ["title", "date", "event", "authors", "tags", "external_url", "summary", "image", "draft", "slug"], extra=True
    )
    tz = zone(config.timezone)
    published = read.take("date", lambda v: parse_moment(v, tz), required=True)
    return Report(
        id=file.id,
        slug=item_slug(read, file),
        source=item_source(doc, file, read, config.root, "image"),
        title=read.take("title", fields.text, required=True) or "",
        date=published or date.min,
        event=read.take("event", fields.text),
        authors=people(read, "authors"),
        tags=read.take("tags", fields.texts, default=()),
        external_url=read.take("external_url", fields.url),
        summary=read.take("summary", fields.text),
        image=read.take("image", fields.text),
        draft=read.take("draft", fields.boolean, default=False),
        **body(doc, config),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


def load_page(
    doc: Document, file: SourceFile, config: Config, errors: list[ContentError], warnings: list[ContentError]
) -> Page:
    read = Reader(doc.meta, doc.locator, (), errors, warnings)
    read.check_known(["title", "menu", "slug"], extra=True)
    return Page(
        id=file.id,
        slug=item_slug(read, file),
        source=item_source(doc, file, read, config.root),
        title=read.take("title", fields.text, required=True) or "",
        menu=read.take("menu", fields.integer),
        **body(doc, config),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


def load_series(
    doc: Document, file: SourceFile, config: Config, errors: list[ContentError], warnings: list[ContentError]
) -> Series:
    read = Reader(doc.meta, doc.locator, (), errors, warnings)
    read.check_known(["title", "registration", "organisers", "tags", "slug"], extra=True)
    return Series(
        id=file.id,
        slug=item_slug(read, file),
        source=item_source(doc, file, read, config.root),
        title=read.take("title", fields.text, required=True) or "",
        registration=read.take("registration", fields.url),
        organisers=read.take("organisers", fields.texts, default=()),
        tags=read.take("tags", fields.texts, default=()),
        **body(doc, config),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )
