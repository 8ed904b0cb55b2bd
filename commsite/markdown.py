"""Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough, task lists
and heading anchors.

Raw HTML in content is shown as text by default. A hub that trusts its authors may let it
through (``raw_html: true`` in site.yaml); even then nh3 (the ammonia sanitizer) removes
scripts, event-handler attributes and javascript:, vbscript: and data: URLs.

Links written from the site root (``/events/``) get the deploy sub-path in front, so an
organiser's links keep working when the hub is published under ``/hub/``.

A line break inside a paragraph of Japanese or Chinese disappears, as CSS Text's segment
break rules say it should: browsers do not do it yet, and would show a space between two
characters of one sentence.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .urls import slugify


@cache
def _renderer(base_path: str, raw_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": raw_html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
    md.add_render_rule("softbreak", _soft_break)
    if base_path != "/":
        md.core.ruler.push("site_root_links", lambda state: _prefix_root_links(state, base_path))
    return md


def _prefix_root_links(state: StateCore, base_path: str) -> None:
    for block in state.tokens:
        for token in block.children or ():
            name = {"link_open": "href", "image": "src"}.get(token.type)
            target = token.attrGet(name) if name else None
            if name and isinstance(target, str) and target.startswith("/") and not target.startswith("//"):
                token.attrSet(name, base_path + target.lstrip("/"))


def _soft_break(renderer: object, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType) -> str:
    """A newline, or nothing between two wide (CJK) characters."""
    before = _nearest_text(reversed(tokens[:index]))[-1:]
    after = _nearest_text(tokens[index + 1 :])[:1]
    return "" if _wide(before) and _wide(after) else "\n"


def _nearest_text(tokens: Iterable[Token]) -> str:
    """The text of the first token that shows any, looking past the tags of emphasis and links."""
    for token in tokens:
        if token.type in ("text", "code_inline") and token.content:
            return token.content
        if token.type not in ("text", "code_inline") and not token.type.endswith(("_open", "_close")):
            return ""  # an image, a break, raw HTML: no character to join to
    return ""


def _wide(character: str) -> bool:
    """A character of Chinese or Japanese: Korean keeps its spaces between words."""
    return bool(character) and unicodedata.east_asian_width(character) in ("W", "F") and not _hangul(character)


def _hangul(character: str) -> bool:
    return "\uac00" <= character <= "\ud7a3" or "\u1100" <= character <= "\u11ff" or "\u3130" <= character <= "\u318f"


def to_html(text: str, base_path: str = "/", raw_html: bool = False) -> str:
    if not text.strip():
        return ""
    html = _renderer(base_path, raw_html).render(text)
    return _sanitize(html) if raw_html else html


_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled"},  # task lists
    "td": {"style"},
    "th": {"style"},
    "ol": {"start"},
}


def _sanitize(html: str) -> str:
    tags = set(nh3.ALLOWED_TAGS) | {"input", "section"}
    schemes = set(nh3.ALLOWED_URL_SCHEMES) - {"data", "javascript", "vbscript"}
    cleaned: str = nh3.clean(
        html,
        tags=tags,
        attributes=_ATTRIBUTES,
        url_schemes=schemes,
        link_rel=None,
        filter_style_properties={"text-align"},
    )
    return cleaned
