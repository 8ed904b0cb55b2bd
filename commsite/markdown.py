"""Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough, task lists
and heading anchors. Raw HTML in content is shown as text, never run.

Links written from the site root (``/events/``) get the deploy sub-path in front, so an
organiser's links keep working when the hub is published under ``/hub/``.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from .urls import slugify


@cache
def _renderer(base_path: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify)
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


def to_html(text: str, base_path: str = "/") -> str:
    return _renderer(base_path).render(text) if text.strip() else ""
