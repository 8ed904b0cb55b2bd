"""Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough, task lists
and heading anchors. Raw HTML in content is shown as text, never run."""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .urls import slugify


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
    return md


_MARKDOWN = _make()


def to_html(text: str) -> str:
    return _MARKDOWN.render(text) if text.strip() else ""
