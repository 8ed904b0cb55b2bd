"""Loading an event's talks: their kinds and lengths as people write them, their languages,
slugs unique within the event, and abstracts with their links located."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TypedDict

from ..errors import suggest
from ..source import fields
from ..source.config import Config
from ..source.fields import Field, Noted
from ..source.markdown import render
from ..source.reader import Reader
from ..timeutil import Moment, parse_slot
from ..urls import slugify, unique_slug
from .load_items import EXTRA, TAGS, people, placed, slug_value
from .model import TALK_KINDS, Link, Talk

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


TALK_FIELDS = (
    Field("title"),  # read first: the slug comes from it
    Field("speakers"),  # read by people(): members and guests
    Field("kind"),  # one of TALK_KINDS, with the label as written
    Field("start"),  # a time within the event's
    Field("duration", minutes),
    Field("language", language),
    Field("slides", fields.url),
    Field("video", fields.url),
    TAGS,
    Field("abstract"),  # Markdown: see _abstract
    Field("slug"),  # unique within the event
    EXTRA,
)


def load_talks(read: Reader, event_id: str, start: Moment, end: Moment, tz: Any, config: Config) -> tuple[Talk, ...]:
    """The event's talks, each at a slug of its own within the event."""
    talks = []
    taken: set[str] = set()
    needs = "each talk needs at least a 'title'"
    for talk in read.entries("talks", needs, "write '- title: ...' and its fields below it"):
        talk.check_table(TALK_FIELDS)
        title = talk.take("title", fields.text, required=True) or ""
        slug = _slug(talk, title, taken)
        kind, label = talk.take("kind", talk_kind, default=_PLAIN_TALK)
        read_start = talk.take("start", lambda v: parse_slot(v, start, end, tz))
        values = talk.take_all(TALK_FIELDS)
        speakers = people(talk, "speakers")
        talks.append(
            Talk(event_id, slug, title, speakers, kind, label, read_start, **values, **_abstract(talk, config))
        )
    return tuple(talks)


def _slug(talk: Reader, title: str, taken: set[str]) -> str:
    explicit = talk.take("slug", slug_value)
    slug = unique_slug(explicit or slugify(title), taken)
    if explicit is not None and slug != explicit:
        message = f"another talk of this event already has the slug '{explicit}'; this one is published as '{slug}'"
        talk.warn("slug", message, "give one of the two another 'slug:'", TALK_SLUGS_TAKEN)
    return slug


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
