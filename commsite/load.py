"""The load stage: parse each discovered file and validate it into a typed item.

Every problem of every file is collected; an item with problems is left out and its id
is remembered as broken, so that the link stage does not pile "unknown id" errors on top.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from . import fields
from .config import Config, timezone_name
from .discover import SourceFile
from .errors import BadValue, ContentError, Invalid, Location, display_path
from .fields import Reader
from .frontmatter import Document, parse
from .markdown import to_html
from .model import (
    EVENT_STATUSES,
    TALK_KINDS,
    AgendaItem,
    Attendance,
    Content,
    Event,
    Item,
    Member,
    Online,
    Page,
    Person,
    Recurrence,
    Report,
    Series,
    Source,
    Talk,
    Venue,
)
from .recurrence import check_rule
from .timeutil import Moment, first_day, parse_date, parse_moment, parse_slot, zone
from .urls import slug_from_id, slugify, unique_slug

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Loaded:
    content: Content
    broken: frozenset[tuple[str, str]]  # (kind, id) of files that had errors
    drafts: frozenset[tuple[str, str]]  # (kind, id) of drafts left out of this build
    errors: tuple[ContentError, ...]


def load(files: Iterable[SourceFile], config: Config, *, drafts: bool = False) -> Loaded:
    items: dict[str, list[Item]] = {kind: [] for kind in _LOADERS}
    broken: set[tuple[str, str]] = set()
    left_out: set[tuple[str, str]] = set()
    errors: list[ContentError] = []
    first_of: dict[tuple[str, str], SourceFile] = {}
    for file in files:
        # Ids differing only in case would collide on a case-insensitive disk; one id, one file.
        first = first_of.setdefault((file.kind, file.id.casefold()), file)
        if first is not file:
            errors.append(_duplicate(file, first, config))
            continue
        found: list[ContentError] = []
        try:
            item = _LOADERS[file.kind](_read(file), file, config, found)
        except Invalid as problem:
            found += problem.errors
        if found:
            errors += found
            broken.add((file.kind, file.id))
        elif getattr(item, "draft", False) and not drafts:
            left_out.add((file.kind, file.id))
        else:
            items[file.kind].append(item)
    content = Content(**{kind: tuple(found_items) for kind, found_items in items.items()})  # type: ignore[arg-type]
    return Loaded(content, frozenset(broken), frozenset(left_out), tuple(errors))


def _duplicate(file: SourceFile, first: SourceFile, config: Config) -> ContentError:
    other = display_path(first.path, config.root)
    return ContentError(
        Location(file.path, 1),
        f"the id '{file.id}' is already taken by {other}",
        hint="rename one of the two files (ids are file names and must differ by more than case)",
    )


def _read(file: SourceFile) -> Document:
    try:
        size = file.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Invalid(
                ContentError(
                    Location(file.path),
                    f"the file is {size / (1024 * 1024):.1f} MB; content files are limited to 5 MB",
                    hint="move large data out of the Markdown, e.g. into static/",
                )
            )
        raw = file.path.read_bytes()
    except OSError as error:
        raise Invalid(ContentError(Location(file.path), f"cannot read the file: {error.strerror}")) from None
    return parse(file.path, raw)


def _source(doc: Document, file: SourceFile, read: Reader, root: Path, *images: str) -> Source:
    """The item's origin, with the images it names copied beside its page."""
    assets = list(file.assets)
    for name in images:
        value = read.data.get(name)
        if isinstance(value, str) and not value.startswith(("http://", "https://", "/")):
            local = PurePosixPath(value)
            target = file.path.parent.joinpath(*local.parts)
            if ".." in local.parts or local.is_absolute():
                read.error(name, f"'{value}' points outside the item's folder", "put the image beside the file")
            elif not target.is_file():
                read.error(name, f"the image '{value}' does not exist", f"put it at {display_path(target, root)}")
            elif target not in assets:
                assets.append(target)
    return Source(file.path, doc.locator, tuple(sorted(assets)))


def _slug(read: Reader, file: SourceFile) -> str:
    return read.take("slug", _slug_value) or slug_from_id(file.id)


def _slug_value(value: Any) -> str:
    wanted = fields.text(value)
    slug = slugify(wanted)
    if slug != wanted:
        raise BadValue(f"'{wanted}' cannot be a URL slug", f"use '{slug}': lower case, words joined by '-'")
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


def _people(read: Reader, field: str) -> tuple[Person, ...]:
    """Speakers or authors: a list, or a single one written without a list."""
    values = read.data.get(field)
    if values is None:
        return ()
    listed = values if isinstance(values, list) else [values]
    holder = read.child(field, {})
    people = (_person(holder, index, value) for index, value in enumerate(listed))
    return tuple(person for person in people if person is not None)


def _body(doc: Document, base_path: str) -> str:
    return to_html(doc.body, base_path)


# Events ---------------------------------------------------------------------------------


_EVENT_FIELDS = [
    "title",
    "start",
    "end",
    "timezone",
    "status",
    "venue",
    "online",
    "registration",
    "capacity",
    "series",
    "tags",
    "hashtag",
    "organisers",
    "recurrence",
    "talks",
    "agenda",
    "attendance",
    "image",
    "draft",
    "slug",
]


def load_event(doc: Document, file: SourceFile, config: Config, errors: list[ContentError]) -> Event:
    read = Reader(doc.meta, doc.locator, (), errors)
    read.check_known(_EVENT_FIELDS, extra=True)
    tz_name = read.take("timezone", timezone_name) or config.timezone
    tz = zone(tz_name)
    start = read.take("start", lambda v: parse_moment(v, tz), required=True)
    if start is None:
        raise Invalid()  # the reader has recorded why
    end = read.take("end", lambda v: parse_moment(v, tz))
    end = _check_end(read, start, end, config)
    event_id = file.id
    return Event(
        id=event_id,
        slug=_slug(read, file),
        source=_source(doc, file, read, config.root, "image"),
        title=read.take("title", fields.text, required=True) or "",
        start=start,
        end=end,
        timezone=tz_name,
        status=read.take("status", fields.one_of(*EVENT_STATUSES), default="scheduled"),
        venue=_venue(read),
        online=_online(read),
        registration=read.take("registration", fields.url),
        capacity=read.take("capacity", fields.non_negative),
        series=read.take("series", fields.text),
        tags=read.take("tags", fields.texts, default=()),
        hashtag=read.take("hashtag", fields.text),
        organisers=read.take("organisers", fields.texts, default=()),
        recurrence=_recurrence(read, start, tz),
        talks=_talks(read, event_id, start, tz, config.base_path),
        agenda=_agenda(read, start, tz),
        attendance=_attendance(read),
        image=read.take("image", fields.text),
        draft=read.take("draft", fields.boolean, default=False),
        body_html=_body(doc, config.base_path),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


def _check_end(read: Reader, start: Moment, end: Moment | None, config: Config) -> Moment:
    if end is None:
        if not isinstance(start, datetime):
            return start
        try:
            return start + timedelta(minutes=config.event_duration)
        except OverflowError:
            read.error("start", f"{start} is too close to the end of time to add the event's length", "add 'end:'")
            return start
    if isinstance(start, datetime) != isinstance(end, datetime):
        read.error("end", "'start' and 'end' must both be dates (all day) or both dates with times")
        return start
    if end < start:
        read.error("end", f"the event ends ({end}) before it starts ({start})", "check 'end'; it is inclusive")
        return start
    return end


def _venue(read: Reader) -> Venue | None:
    value = read.data.get("venue")
    if value is None or isinstance(value, str):
        return Venue(name=value.strip()) if value and value.strip() else None
    if not isinstance(value, dict):
        read.error("venue", "expected a place name, or {name, address, url, lat, lon}")
        return None
    venue = read.child("venue", value)
    venue.check_known(["name", "address", "url", "lat", "lon"])
    return Venue(
        name=venue.take("name", fields.text, required=True) or "",
        address=venue.take("address", fields.text),
        url=venue.take("url", fields.url),
        lat=venue.take("lat", fields.number),
        lon=venue.take("lon", fields.number),
    )


def _online(read: Reader) -> Online | None:
    value = read.data.get("online")
    if value is None:
        return None
    if isinstance(value, str) and not value.startswith(("https://", "http://", "/")):
        hint = f"write 'online: {{platform: {value}}}' when the link is sent to registrants"
        read.error("online", f"expected the URL of the online event, got '{value}'", hint)
        return None
    if isinstance(value, str):
        return Online(url=read.take("online", fields.url))
    if not isinstance(value, dict):
        read.error("online", "expected a URL, or {url, platform}")
        return None
    online = read.child("online", value)
    online.check_known(["url", "platform"])
    return Online(url=online.take("url", fields.url), platform=online.take("platform", fields.text))


def _recurrence(read: Reader, start: Moment, tz: Any) -> Recurrence | None:
    value = read.take("recurrence", fields.mapping)
    if value is None:
        return None
    rec = read.child("recurrence", value)
    rec.check_known(["rule", "until", "count", "except"])
    rule = rec.take("rule", lambda value: check_rule(fields.text(value)), required=True)
    if rule is None:
        return None
    exceptions = rec.take("except", _dates) or ()
    return Recurrence(
        rule=rule,
        until=rec.take("until", lambda v: parse_moment(v, tz)),
        count=rec.take("count", fields.positive),
        exceptions=exceptions,
    )


def _dates(value: Any) -> tuple[date, ...]:
    return tuple(parse_date(day) for day in fields.items(value))


_TALK_FIELDS = [
    "title",
    "speakers",
    "kind",
    "start",
    "duration",
    "language",
    "slides",
    "video",
    "tags",
    "abstract",
    "slug",
]


def _talks(read: Reader, event_id: str, start: Moment, tz: Any, base_path: str) -> tuple[Talk, ...]:
    talks = []
    taken: set[str] = set()
    day = first_day(start)
    for index, value in enumerate(read.take("talks", fields.items) or []):
        holder = read.child("talks", {})
        if not isinstance(value, dict):
            holder.error(index, "each talk needs at least a 'title'", "write '- title: ...' and its fields below it")
            continue
        talk = holder.child(index, value)
        talk.check_known(_TALK_FIELDS, extra=True)
        title = talk.take("title", fields.text, required=True) or ""
        explicit = talk.take("slug", _slug_value)
        if explicit in taken:
            talk.error("slug", f"another talk of this event already has the slug '{explicit}'")
        talks.append(
            Talk(
                event=event_id,
                slug=unique_slug(explicit or slugify(title), taken),
                title=title,
                speakers=_people(talk, "speakers"),
                kind=talk.take("kind", fields.one_of(*TALK_KINDS), default="talk"),
                start=talk.take("start", lambda v: parse_slot(v, day, tz)),
                duration=talk.take("duration", fields.positive),
                language=talk.take("language", fields.text),
                slides=talk.take("slides", fields.url),
                video=talk.take("video", fields.url),
                tags=talk.take("tags", fields.texts, default=()),
                abstract_html=to_html(talk.take("abstract", fields.text) or "", base_path),
                extra=dict(talk.take("extra", fields.mapping) or {}),
            )
        )
    return tuple(talks)


def _agenda(read: Reader, start: Moment, tz: Any) -> tuple[AgendaItem, ...]:
    slots = []
    day = first_day(start)
    for index, value in enumerate(read.take("agenda", fields.items) or []):
        holder = read.child("agenda", {})
        if not isinstance(value, dict):
            holder.error(index, "each agenda entry needs 'time' and 'title'", "write '- {time: \"19:00\", title: ...}'")
            continue
        slot = holder.child(index, value)
        slot.check_known(["time", "title"])
        time = slot.take("time", lambda v: parse_slot(v, day, tz), required=True)
        title = slot.take("title", fields.text, required=True)
        if time is not None and title is not None:
            slots.append(AgendaItem(time, title))
    return tuple(slots)


def _attendance(read: Reader) -> Attendance | None:
    value = read.take("attendance", fields.mapping)
    if value is None:
        return None
    counts = read.child("attendance", value)
    counts.check_known(["registered", "attended", "first_timers"])
    return Attendance(
        registered=counts.take("registered", fields.non_negative),
        attended=counts.take("attended", fields.non_negative),
        first_timers=counts.take("first_timers", fields.non_negative),
    )


# Members, reports, pages, series -------------------------------------------------------


def load_member(doc: Document, file: SourceFile, config: Config, errors: list[ContentError]) -> Member:
    read = Reader(doc.meta, doc.locator, (), errors)
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
        slug=_slug(read, file),
        source=_source(doc, file, read, config.root, "avatar"),
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
        body_html=_body(doc, config.base_path),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


def load_report(doc: Document, file: SourceFile, config: Config, errors: list[ContentError]) -> Report:
    read = Reader(doc.meta, doc.locator, (), errors)
    read.check_known(
        ["title", "date", "event", "authors", "tags", "external_url", "summary", "image", "draft", "slug"], extra=True
    )
    tz = zone(config.timezone)
    published = read.take("date", lambda v: parse_moment(v, tz), required=True)
    return Report(
        id=file.id,
        slug=_slug(read, file),
        source=_source(doc, file, read, config.root, "image"),
        title=read.take("title", fields.text, required=True) or "",
        date=published or date.min,
        event=read.take("event", fields.text),
        authors=_people(read, "authors"),
        tags=read.take("tags", fields.texts, default=()),
        external_url=read.take("external_url", fields.url),
        summary=read.take("summary", fields.text),
        image=read.take("image", fields.text),
        draft=read.take("draft", fields.boolean, default=False),
        body_html=_body(doc, config.base_path),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


def load_page(doc: Document, file: SourceFile, config: Config, errors: list[ContentError]) -> Page:
    read = Reader(doc.meta, doc.locator, (), errors)
    read.check_known(["title", "menu", "slug"], extra=True)
    return Page(
        id=file.id,
        slug=_slug(read, file),
        source=_source(doc, file, read, config.root),
        title=read.take("title", fields.text, required=True) or "",
        menu=read.take("menu", fields.integer),
        body_html=_body(doc, config.base_path),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


def load_series(doc: Document, file: SourceFile, config: Config, errors: list[ContentError]) -> Series:
    read = Reader(doc.meta, doc.locator, (), errors)
    read.check_known(["title", "registration", "organisers", "tags", "slug"], extra=True)
    return Series(
        id=file.id,
        slug=_slug(read, file),
        source=_source(doc, file, read, config.root),
        title=read.take("title", fields.text, required=True) or "",
        registration=read.take("registration", fields.url),
        organisers=read.take("organisers", fields.texts, default=()),
        tags=read.take("tags", fields.texts, default=()),
        body_html=_body(doc, config.base_path),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


_LOADERS: dict[str, Callable[[Document, SourceFile, Config, list[ContentError]], Any]] = {
    "events": load_event,
    "members": load_member,
    "reports": load_report,
    "pages": load_page,
    "series": load_series,
}
