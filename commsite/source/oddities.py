"""Valid but odd content: built as written, with a warning that says what readers will see.

Organisers paste from other tools: Jekyll and Liquid tags, reStructuredText, raw HTML
(where the hub has it shown as text), titles with invisible characters. None of it stops
a build; all of it is worth a look.
"""

from __future__ import annotations

import re

from ..errors import ContentError, Location
from .frontmatter import Document

_LIQUID = (
    re.compile(r"\{%.*?%\}|\{\{.*?\}\}"),
    "Jekyll/Liquid template tags are shown as text",
    "remove them",
    "files have Jekyll/Liquid template tags, shown as text",
)
_REST = (
    re.compile(r"^\.\. [a-z-]+::|^:[a-z]+:`"),
    "this looks like reStructuredText",
    "commsite reads Markdown",
    "files look like reStructuredText",
)
_HTML = (
    re.compile(r"<(?:div|span|iframe|script|br|table|img|a|p)\b[^>]*>", re.I),
    "raw HTML is shown as text (site.yaml has 'raw_html: escape')",
    "write Markdown, or remove 'raw_html: escape' to render HTML as GitHub does",
    "files have raw HTML, shown as text",
)
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_TEXT_FIELDS = ("title", "name")


def oddities(doc: Document, raw_html: str) -> list[ContentError]:
    found = []
    for pattern, message, hint, group in (_LIQUID, _REST, _HTML) if raw_html == "escape" else (_LIQUID, _REST):
        for number, line in enumerate(doc.body.split("\n")):
            if pattern.search(line):
                where = Location(doc.path, doc.body_line + number, None, line)
                found.append(ContentError(where, message, None, hint, group))
                break
    for field in _TEXT_FIELDS:
        value = doc.meta.get(field)
        if isinstance(value, str) and (_INVISIBLE.search(value) or "\n" in value.strip()):
            where = doc.locator.at((field,))
            hint = "remove invisible characters and line breaks copied with the text"
            message = "the text has invisible characters or line breaks"
            found.append(ContentError(where, message, field, hint, "titles have invisible characters or line breaks"))
    return found
