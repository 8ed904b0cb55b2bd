"""Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough, task lists
and heading anchors.

Raw HTML in content renders as it does on GitHub: tables, ``<br>``, ``<details>``, ``<kbd>``
and the like are kept, and nh3 (the ammonia sanitizer) removes everything else: comments,
scripts and styles with their content, event handlers and style attributes, iframes, and
``javascript:`` and ``data:`` URLs. A hub may have it shown as text instead
(``raw_html: escape`` in site.yaml).

Links written from the site root (``/events/``) get the deploy sub-path in front, so an
organiser's links keep working when the hub is published under ``/hub/``. Every link and
image that stays inside the site is also returned with where it was written, so that the
build can say which ones lead nowhere (linkcheck.py).

A line break inside a paragraph of Japanese or Chinese disappears, as CSS Text's segment
break rules say it should: browsers do not do it yet, and would show a space between two
characters of one sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from html import unescape

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from ..urls import slugify

RAW_HTML_MODES = ("sanitize", "escape")


@dataclass(frozen=True)
class Written:
    """A link or image target inside the site, as a body wrote it, and on which line."""

    target: str  # as markdown-it parsed it: percent-encoded
    line: int  # 0-based, in the Markdown text


@cache
def _parser(raw_html: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": raw_html == "sanitize", "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
    md.add_render_rule("softbreak", _soft_break)
    return md


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


def render(text: str, base_path: str = "/", raw_html: str = "sanitize") -> tuple[str, tuple[Written, ...]]:
    """The body as HTML, and the links and images it writes to pages of this site."""
    if not text.strip():
        return "", ()
    md = _parser(raw_html)
    tokens = md.parse(text, {})
    written = tuple(_internal(tokens))
    _close_inline_html(md, tokens)
    return _readable(_cleaner(base_path).clean(md.renderer.render(tokens, md.options, {}))), written


def _close_inline_html(md: MarkdownIt, tokens: list[Token]) -> None:
    """HTML a paragraph opens ends with it: an unclosed <b> would otherwise run on into
    every block after it (the HTML parser carries it over), making them invalid. (The
    whole body is cleaned after: here links keep their form, to get the sub-path once.)"""
    for block in tokens:
        if any(child.type == "html_inline" for child in block.children or ()):
            html = md.renderer.render(block.children or [], md.options, {})
            closed = Token("html_inline", "", 0)
            closed.content = _cleaner("/").clean(html)
            block.children = [closed]


# Close to GitHub's allowlist, less the elements and attributes that HTML has made obsolete
# (the Nu Html Checker rejects <strike>, <tt>, align=...): those are dropped, their text kept.
_TAGS = {
    *("a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn"),
    *("div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img"),
    *("input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section"),
    *("small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time"),
    *("tr", "u", "ul", "var", "wbr"),
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "input": {"type", "checked", "disabled"},  # task lists
    "td": {"style", "colspan", "rowspan", "headers"},  # style: a table column's text-align, nothing else
    "th": {"style", "colspan", "rowspan", "headers", "scope", "abbr"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}


# A body's ids (its headings', its footnotes') are prefixed, as GitHub prefixes them, so
# that a heading such as "## Talks" cannot take the id of the page's own section; the
# body's links to them are prefixed alike, and theme.js follows a link written without it.
ID_PREFIX = "user-content-"


@cache
def _cleaner(base_path: str) -> nh3.Cleaner:
    def relative(url: str) -> str:
        return base_path + url[1:] if url.startswith("/") and not url.startswith("//") else url

    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes={"http", "https", "mailto"},
        url_relative=relative,
        link_rel=None,
        filter_style_properties={"text-align"},
        id_prefix=ID_PREFIX,
        set_tag_attribute_values={"input": {"disabled": "disabled"}},  # a text is read, never filled in
    )


def _attribute(element: str, attribute: str, value: str) -> str | None:
    """An image's source is a web address or a file of the site, never a mail address; a
    link to a part of the same body leads to its prefixed id."""
    if element == "img" and attribute == "src" and value.lower().startswith("mailto:"):
        return None
    if attribute == "href" and value.startswith("#") and len(value) > 1 and not value.startswith("#" + ID_PREFIX):
        return "#" + ID_PREFIX + value[1:]
    return value


_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc="[^"])[^>]*>')
_NOT_A_CHECKBOX = re.compile(r'<input(?![^>]*\stype="checkbox")[^>]*>')  # only task lists have a use for inputs
_IMAGE_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")
_SCROLLS = re.compile(r"<(pre|table)(?=[\s>])")


def _readable(html: str) -> str:
    """What any browser, checker and keyboard can use: an image with no source is no image;
    one with no text of its own is decoration (alt=""); a form field with no form is
    dropped; a code block or table that may scroll sideways can be reached with the
    keyboard to scroll it."""
    html = _NOT_A_CHECKBOX.sub("", _IMAGE_WITHOUT_SOURCE.sub("", html))
    html = _IMAGE_WITHOUT_ALT.sub('<img alt=""', html)
    return _SCROLLS.sub(r'<\1 tabindex="0"', html)


_HTML_TARGET = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def _internal(tokens: list[Token]) -> Iterator[Written]:
    """The targets of links and images that stay inside the site, with the line they are on."""
    for block in tokens:
        first = block.map[0] if block.map else 0
        if block.type == "html_block":
            yield from _in_html(block.content, first)
        line = first
        for token in block.children or ():
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "html_inline":
                yield from _in_html(token.content, line)
                line += token.content.count("\n")
            elif token.type in ("link_open", "image"):
                target = str(token.attrGet("href" if token.type == "link_open" else "src") or "")
                if is_internal(target):
                    yield Written(target, line)


def _in_html(html: str, line: int) -> Iterator[Written]:
    for found in _HTML_TARGET.finditer(html):
        target = next(group for group in found.groups() if group is not None)
        if is_internal(target):
            yield Written(target, line + html.count("\n", 0, found.start()))


def is_internal(target: str) -> bool:
    """A link to a page or file of this site (not a fragment of the same page, nor elsewhere)."""
    return bool(target) and not target.startswith(("#", "//")) and not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target)


_IN_TAG = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # a tag's attributes, quoted '>' included
_BLOCK_TAG = re.compile(rf"<(?:/?(?:p|li|h[1-6]|div|tr|td|th|blockquote|pre|ul|ol|table|dt|dd)\b|br\b|hr\b){_IN_TAG}>")
_ANY_TAG = re.compile(f"<{_IN_TAG}>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def text_of(body_html: str) -> str:
    """The plain text of what ``render`` made (for search): a line for each block, inline
    tags removed (a word in <strong> stays in its sentence)."""
    text = unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", body_html)))
    return "\n".join(line for line in (_SPACES.sub(" ", line).strip() for line in text.splitlines()) if line)
