"""A kind of content is declared once (commsite/kinds.py), and every stage reads the
declaration: a new kind needs its model, its loader, its template and its declaration,
and nothing else of commsite changes. Here a "notice" (a title, a date and a body) is
added in those four places, and a hub that has notices publishes them as a user sees it:
a page of its own, an entry in the hub's feed and a place in the sitemap."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import feedparser
import pytest

from commsite import kinds
from commsite.build import build
from commsite.content.load_items import SLUG, body, own
from commsite.content.model import Link, Source
from commsite.errors import BuildFailed
from commsite.source import fields
from commsite.source.config import Config
from commsite.source.discover import SourceFile
from commsite.source.fields import Field
from commsite.source.frontmatter import Document
from commsite.source.reader import Reader
from commsite.timeutil import parse_date

from .conftest import NOW, MakeHub


# 1. The model.
@dataclass(frozen=True)
class Notice:
    id: str
    slug: str
    source: Source
    title: str
    date: date
    body_html: str = field(default="", repr=False)
    body_links: tuple[Link, ...] = field(default=(), repr=False, compare=False)


# 2. The loader: its fields, and how they become a notice.
NOTICE_FIELDS = (Field("title", fields.text, required=True, default=""), Field("date", parse_date, required=True), SLUG)


def load_notice(read: Reader, doc: Document, file: SourceFile, config: Config) -> Notice:
    return Notice(**own(read, doc, file, config), **read.take_all(NOTICE_FIELDS), **body(doc, config))


# 3. The template (in the hub's templates/, as a theme would ship it).
NOTICE_HTML = """\
{% extends "base.html" %}
{% block title %}{{ notice.title }} | {{ config.title }}{% endblock %}
{% block content %}
<article class="page">
  <h1>{{ notice.title }}</h1>
  <p><time datetime="{{ notice.date }}">{{ notice.date | date }}</time></p>
  <div class="prose">{{ notice.body_html | safe }}</div>
</article>
{% endblock %}
"""

# 4. The declaration.
NOTICES = kinds.Kind(
    "notices",
    "notice",
    Notice,
    load_notice,
    NOTICE_FIELDS,
    path=lambda slug: f"notices/{slug}/",
    template="notice.html",
    order=lambda notice, config: (notice.date, notice.id),
    newest_first=True,
    feed_date=lambda notice, events: notice.date,
)


@pytest.fixture
def with_notices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(kinds.DECLARED, "notices", NOTICES)


HUB = {
    "content/notices/2026-11-20-new-venue.md": """\
        ---
        title: We move to a new venue
        date: 2026-11-20
        ---
        From December we meet at **Shibuya Hall**.
        """,
    "content/pages/about.md": "---\ntitle: About\n---\nAbout the hub.\n",
    "templates/notice.html": NOTICE_HTML,
}


@pytest.mark.usefixtures("with_notices")
def test_a_kind_declared_in_four_places_has_a_page_a_feed_entry_and_a_sitemap_entry(make_hub: MakeHub) -> None:
    hub = make_hub(HUB)
    result = build(hub, hub / "public", now=NOW)
    out = hub / "public"

    page = (out / "notices/new-venue/index.html").read_text("utf-8")
    assert "<h1>We move to a new venue</h1>" in page
    assert "<strong>Shibuya Hall</strong>" in page
    assert '<time datetime="2026-11-20">' in page

    feed = feedparser.parse((out / "atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    entry = next(e for e in feed.entries if e.title == "We move to a new venue")
    assert entry.link == "https://example.github.io/hub/notices/new-venue/"
    assert "Shibuya Hall" in entry.content[0].value

    assert "<loc>https://example.github.io/hub/notices/new-venue/</loc>" in (out / "sitemap.xml").read_text("utf-8")
    assert not result.warnings


@pytest.mark.usefixtures("with_notices")
def test_a_declared_kind_has_the_errors_of_any_other(make_hub: MakeHub) -> None:
    """Its loader's mistakes are listed as every kind's are, with file, line and field."""
    hub = make_hub({**HUB, "content/notices/2026-11-21-oops.md": "---\ntitle: Oops\ndate: someday\n---\n"})
    with pytest.raises(BuildFailed) as failed:
        build(hub, hub / "public", now=NOW)
    errors = failed.value.errors
    assert [(e.location.path.name, e.location.line, e.field) for e in errors] == [("2026-11-21-oops.md", 3, "date")]


def test_without_the_declaration_the_folder_is_unknown(make_hub: MakeHub) -> None:
    """The declaration is what makes content/notices/ a folder of content."""
    hub = make_hub(HUB)
    with pytest.raises(BuildFailed) as failed:
        build(hub, hub / "public", now=NOW)
    messages = [e.message for e in failed.value.errors]
    assert "commsite does not know the folder 'notices'" in messages
