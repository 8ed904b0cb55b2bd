"""Loading events, with their talks, agenda, venue, online details and recurrence."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any, TypedDict

from . import fields
from .config import Config, timezone_name
from .discover import SourceFile
from .errors import BadValue, ContentError, Invalid, suggest
from .fields import Noted, Reader
from .frontmatter import Document
from .load_items import body, item_slug, item_source, people, placed, slug_value
from .markdown import render
from .model import (
    EVENT_STATUSES,
    TALK_KINDS,
    AgendaItem,
    Attendance,
    Event,
    Link,
    Online,
    Recurrence,
    Talk,
    Venue,
)
from .recurrence import check_rule, first_date
from .timeutil import Moment, add_minutes, first_day, parse_date, parse_moment, parse_slot, zone
from .urls import slugify, unique_slug

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


def load_event(
    doc: Document, file: SourceFile, config: Config, errors: list[ContentError], warnings: list[ContentError]
) -> Event:
    read = Reader(doc.meta, doc.locator, (), errors, warnings)
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
        slug=item_slug(read, file),
        source=item_source(doc, file, read, config.root, "image"),
        title=read.take("title", fields.text, required=True) or "",
        start=start,
        end=end,
        timezone=tz_name,
        status=read.take("status", status, default="scheduled"),
        venue=_venue(read),
        online=_online(read),
        registration=read.take("registration", fields.url),
        capacity=read.take("capacity", fields.non_negative),
        series=read.take("series", fields.text),
        tags=read.take("tags", fields.texts, default=()),
        hashtag=read.take("hashtag", fields.text),
        organisers=read.take("organisers", fields.texts, default=()),
        recurrence=_recurrence(read, start, tz),
        talks=_talks(read, event_id, start, end, tz, config),
        agenda=_agenda(read, start, end, tz),
        attendance=_attendance(read),
        image=read.take("image", fields.text),
        draft=read.take("draft", fields.boolean, default=False),
        **body(doc, config),
        extra=dict(read.take("extra", fields.mapping) or {}),
    )


_STATUSES = {"canceled": "cancelled", "中止": "cancelled", "延期": "postponed", "開催": "scheduled"}


def status(value: Any) -> str:
    """An event's status, in any case, the American 'canceled' and Japanese included."""
    written = fields.text(value)
    folded = unicodedata.normalize("NFKC", written).casefold()
    found = _STATUSES.get(folded, folded)
    if found not in EVENT_STATUSES:
        hint = suggest(written, EVENT_STATUSES) or "use one of " + ", ".join(EVENT_STATUSES)
        raise BadValue(f"'{written}' is not one of {', '.join(EVENT_STATUSES)}", hint)
    return found


_MINUTES = re.compile(r"(?:(\d+)\s*(?:h|hr|hrs|hours?|時間))?\s*(?:(\d+)\s*(?:m|min|mins|minutes?|分)?)?")


def minutes(value: Any) -> int:
    """A length in minutes: 20, "20", "20 min", "20分", "1h30m", "1時間"."""
    if isinstance(value, str):
        found = _MINUTES.fullmatch(unicodedata.normalize("NFKC", value).strip().casefold())
        if found and (found[1] or found[2]):
            value = int(found[1] or 0) * 60 + int(found[2] or 0)
    return fields.positive(value)


# Languages written by name, in English or Japanese: the page marks the talk's language
# with its code (lang="en"), which a name would not be.
_LANGUAGES = {
    "english": "en",
    "英語": "en",
    "japanese": "ja",
    "日本語": "ja",
    "chinese": "zh",
    "中国語": "zh",
    "korean": "ko",
    "韓国語": "ko",
    "french": "fr",
    "german": "de",
    "spanish": "es",
    "portuguese": "pt",
    "italian": "it",
    "russian": "ru",
}
_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*")


def language(value: Any) -> str | Noted[str]:
    written = fields.text(value)
    code = _LANGUAGES.get(unicodedata.normalize("NFKC", written).casefold())
    if code is not None or _LANGUAGE_TAG.fullmatch(written):
        return code or written
    hint = "write a language code such as en or ja"
    return Noted(written, f"'{written}' is not a language code; the page marks the talk's language with it", hint)


def _check_end(read: Reader, start: Moment, end: Moment | None, config: Config) -> Moment:
    if end is None:
        if not isinstance(start, datetime):
            return start
        return add_minutes(start, config.event_duration)
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
    if value is None or fields.is_blank(value):
        return None
    if isinstance(value, str):
        return read.take("online", _online_text)
    if not isinstance(value, dict):
        read.error("online", "expected a URL, or {url, platform}")
        return None
    online = read.child("online", value)
    online.check_known(["url", "platform"])
    return Online(url=online.take("url", fields.url), platform=online.take("platform", fields.text))


def _online_text(value: Any) -> Online | Noted[Online]:
    """A link; or a platform's name ('online: Zoom'), the link going to registrants only (with a warning)."""
    try:
        link = fields.url(value)
    except BadValue:
        platform = fields.text(value)
        if "/" in platform or "." in platform:  # a broken link, not a platform's name
            raise
        hint = f"write 'online: {{platform: {platform}}}' when the link is sent to registrants"
        return Noted(Online(platform=platform), f"'{platform}' is taken as the platform, with no link", hint)
    if isinstance(link, Noted):
        return Noted(Online(url=link.value), link.message, link.hint, link.group)
    return Online(url=link)


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
    until = rec.take("until", lambda v: parse_moment(v, tz))
    count = rec.take("count", fields.positive)
    if until is not None and count is not None:
        rec.error("count", "give 'until' or 'count', not both", "keep the one you mean")
    if until is not None and first_day(until) < first_day(start):
        rec.error("until", f"'until' ({until}) is before the event starts ({start})", "check the year")
    first = first_date(rule, start, tz)
    if first != start:  # calendar apps disagree whether such a start is a date of the event
        hint = f"start on the rule's first date, {first}" if first else "check the rule"
        read.error("start", f"the start {start} is not a date of the rule {rule}", hint)
    return Recurrence(rule=rule, until=until, count=count, exceptions=exceptions)


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


# The kinds of talk as people write them, folded (see _folded): each names one of TALK_KINDS.
_KIND_NAMES = {
    "talk": "talk talks session presentation regulartalk トーク セッション 発表 講演 一般講演 一般発表",
    "lightning": "lightning lt lts lightningtalk lightningtalks ライトニングトーク ライトニング",
    "keynote": "keynote keynotes keynotetalk keynotespeech 基調講演 キーノート",
    "panel": "panel paneldiscussion パネル パネルディスカッション パネル討論",
    "workshop": "workshop handson tutorial ワークショップ ハンズオン チュートリアル",
}
_KINDS = {name: kind for kind, names in _KIND_NAMES.items() for name in names.split()}
_PLAIN_TALK: tuple[str, str | None] = ("talk", None)
UNKNOWN_KINDS = f"talks have a kind that is none of {', '.join(TALK_KINDS)}: shown as written, listed as talks"


def _folded(text: str) -> str:
    """'Lightning Talk', 'lightning-talk' and 'ＬＴ' alike: NFKC, case, spaces and '-' folded."""
    return re.sub(r"[\s_\-・]+", "", unicodedata.normalize("NFKC", text).casefold())


def talk_kind(value: Any) -> tuple[str, str | None] | Noted[tuple[str, str | None]]:
    """A talk's kind (one of TALK_KINDS) and, for one written as none of them, that label."""
    written = fields.text(value)
    kind = _KINDS.get(_folded(written))
    if kind is not None:
        return kind, None
    message = f"the kind '{written}' is none of {', '.join(TALK_KINDS)}: shown as written, listed as a talk"
    near = suggest(written, TALK_KINDS)  # a typo is told on its own line, not counted with the rest
    if near is not None:
        return Noted(("talk", written), message, near)
    hint = f"write one of {', '.join(TALK_KINDS)} to have it shown as such"
    return Noted(("talk", written), message, hint, UNKNOWN_KINDS)


TALK_SLUGS_TAKEN = "talks have a slug another talk of their event has; each is published with a number added"


def _talks(read: Reader, event_id: str, start: Moment, end: Moment, tz: Any, config: Config) -> tuple[Talk, ...]:
    talks = []
    taken: set[str] = set()
    for index, value in enumerate(read.take("talks", fields.items) or []):
        holder = read.child("talks", {})
        if not isinstance(value, dict):
            holder.error(index, "each talk needs at least a 'title'", "write '- title: ...' and its fields below it")
            continue
        talk = holder.child(index, value)
        talk.check_known(_TALK_FIELDS, extra=True)
        title = talk.take("title", fields.text, required=True) or ""
        explicit = talk.take("slug", slug_value)
        slug = unique_slug(explicit or slugify(title), taken)
        if explicit is not None and slug != explicit:
            message = f"another talk of this event already has the slug '{explicit}'; this one is published as '{slug}'"
            talk.warn("slug", message, "give one of the two another 'slug:'", TALK_SLUGS_TAKEN)
        kind, label = talk.take("kind", talk_kind, default=_PLAIN_TALK)
        talks.append(
            Talk(
                event=event_id,
                slug=slug,
                title=title,
                speakers=people(talk, "speakers"),
                kind=kind,
                kind_label=label,
                start=talk.take("start", lambda v: parse_slot(v, start, end, tz)),
                duration=talk.take("duration", minutes),
                language=talk.take("language", language),
                slides=talk.take("slides", fields.url),
                video=talk.take("video", fields.url),
                tags=talk.take("tags", fields.texts, default=()),
                **_abstract(talk, config),
                extra=dict(talk.take("extra", fields.mapping) or {}),
            )
        )
    return tuple(talks)


class _Abstract(TypedDict):
    abstract_html: str
    body_links: tuple[Link, ...]


def _abstract(talk: Reader, config: Config) -> _Abstract:
    """A talk's abstract as HTML, and its links located in the front matter."""
    text = talk.take("abstract", fields.text) or ""
    html, written = render(text, config.base_path, config.raw_html)
    if not written:
        return _Abstract(abstract_html=html, body_links=())
    where = talk.locator.at((*talk.at, "abstract"))
    start = where.line or 1
    if (where.source_line or "")[(where.column or 1) - 1 :].startswith(("|", ">")):
        start += 1  # a block of text starts on the line below its '|'
    # The text was stripped: its first line is the first one of the file that is not blank.
    lines = talk.locator.lines
    while start < len(lines) and not lines[start - 1].strip():
        start += 1
    return _Abstract(abstract_html=html, body_links=placed(written, talk.locator.path, lines[start - 1 :], start))


def _agenda(read: Reader, start: Moment, end: Moment, tz: Any) -> tuple[AgendaItem, ...]:
    slots = []
    for index, value in enumerate(read.take("agenda", fields.items) or []):
        holder = read.child("agenda", {})
        if not isinstance(value, dict):
            holder.error(index, "each agenda entry needs 'time' and 'title'", "write '- {time: \"19:00\", title: ...}'")
            continue
        slot = holder.child(index, value)
        slot.check_known(["time", "title"])
        time = slot.take("time", lambda v: parse_slot(v, start, end, tz), required=True)
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
